// The reader's limits, each tested at the limit and past it, and its failures told apart: a damaged file is the
// file's ('file-corrupt' with a reason), an exception the reader did not expect is ours ('reader-failed', see
// read-failed.test.ts), and no amount of truncation or mutation of real workbooks produces the latter. Messages
// are in the user's language only; the technical account is the failure's `detail`.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { formatIssue } from '../../src/core/validate/format';
import { READ_REASONS } from '../../src/core/validate/issues';
import { createTranslator } from '../../src/i18n';
import { validateWorkbookBytes } from '../../src/app/check';
import { readWorkbook, type ReadFailure, type ReadResult } from '../../src/xlsx/read';
import { renderPlanDirect } from '../../src/xlsx/render-direct';
import { planFor, sampleUnit } from '../core/validate/fixture';
import { edit, fill, template } from '../integration/validate-corpus';
import { declareSize, rawZip, zerosDeflate } from '../support/zip-surgery';

const WORKSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const SHARED_STRINGS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';

/** A minimal workbook package: worksheets sheet1.xml, sheet2.xml… and, when given, a shared-string table. */
function workbookParts(sheets: readonly string[], sharedStrings?: string): Record<string, Uint8Array> {
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${WORKSHEET}" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings !== undefined)
    rels.push(`<Relationship Id="rIdS" Type="${SHARED_STRINGS}" Target="sharedStrings.xml"/>`);
  const parts: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      `<workbook><sheets>${sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships>${rels.join('')}</Relationships>`),
  };
  sheets.forEach((xml, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  if (sharedStrings !== undefined) parts['xl/sharedStrings.xml'] = strToU8(sharedStrings);
  return parts;
}

/** A worksheet with `count` numeric cells, ten to a row; `extra` goes into the first row (e.g. a CDATA cell). */
function sheetWithCells(count: number, extra = ''): string {
  const rows: string[] = [];
  for (let r = 1; (r - 1) * 10 < count; r++) {
    let cells = r === 1 ? extra : '';
    for (let c = 0; c < 10 && (r - 1) * 10 + c < count; c++) cells += `<c r="${'ABCDEFGHIJ'[c]}${r}"><v>${c}</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  return `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** A cell only the general (tokenising) path reads: CDATA sends a sheet there. */
const CDATA_CELL = '<c r="K1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c>';

function failure(result: ReadResult): ReadFailure | 'ok' {
  return result.ok ? 'ok' : result.failure;
}

function cellCount(result: ReadResult): number {
  if (!result.ok) throw new Error(`unexpected failure ${JSON.stringify(result.failure)}`);
  return result.contents.sheets.reduce((n, s) => n + s.cells.length, 0);
}

const zh = createTranslator();
const en = createTranslator('en');

/** The Chinese message of a failure, as validate, collect and the task pane show it. */
function chineseMessage(bytes: Uint8Array): string {
  const report = validateWorkbookBytes(bytes);
  expect(report.status).toBe('unreadable');
  return formatIssue(zh, report.issues[0]!);
}

describe('the 200,000-cell limit', () => {
  // Stored, not deflated: the archive's size is not what is tested here, and deflating megabytes is slow.
  const zip = (sheets: string[]): Uint8Array => zipSync(workbookParts(sheets), { level: 0 });
  const tooMany = { code: 'file-too-many-cells', params: { limit: 200_000 } };

  it('reads 200,000 cells and refuses 200,001, on the fast path and on the general path', () => {
    expect(cellCount(readWorkbook(zip([sheetWithCells(200_000)])))).toBe(200_000);
    expect(failure(readWorkbook(zip([sheetWithCells(200_001)])))).toEqual(tooMany);
    expect(failure(readWorkbook(zip([sheetWithCells(200_000, CDATA_CELL)])))).toEqual(tooMany);
  });

  it('counts the cells of every worksheet together', () => {
    const over = [sheetWithCells(100_000), sheetWithCells(99_999, CDATA_CELL), sheetWithCells(1)];
    expect(failure(readWorkbook(zip(over)))).toEqual(tooMany);
  });
});

describe('millions of tiny shared strings inside the size limits', () => {
  // 4,000,000 empty entries: 20 MB stored uncompressed, so the file is within the 20 MB file limit, the 50 MB
  // unpacked limit and the compression-ratio limit, yet without a limit of its own the table would cost millions
  // of strings.
  const tiny = '<si/>'.repeat(4_000_000);

  it('refuses a shared-string table longer than 200,000 entries, before reading the rest', () => {
    const bytes = zipSync(workbookParts([sheetWithCells(1)], `<sst>${tiny}</sst>`), { level: 0 });
    expect(bytes.length).toBeLessThan(20 * 1024 * 1024);
    expect(failure(readWorkbook(bytes))).toEqual({
      code: 'file-too-many-strings',
      params: { limit: 200_000 },
      detail: 'xl/sharedStrings.xml: more than 200000 entries',
    });
    expect(chineseMessage(bytes)).toBe('文件中的文本条目数量超过上限（200000 个），不是考核目标评分表。');
  });

  it('on the general path too (a CDATA entry sends the table there)', () => {
    const bytes = zipSync(workbookParts([sheetWithCells(1)], `<sst><si><t><![CDATA[a]]></t></si>${tiny}</sst>`), {
      level: 0,
    });
    expect(failure(readWorkbook(bytes))).toMatchObject({ code: 'file-too-many-strings', params: { limit: 200_000 } });
  });

  it('reads a table of exactly 200,000 entries', () => {
    const strings = `<sst>${'<si><t>x</t></si>'.repeat(199_999)}<si><t>最后</t></si></sst>`;
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>199999</v></c></row></sheetData></worksheet>';
    const result = readWorkbook(zipSync(workbookParts([sheet], strings), { level: 0 }));
    if (!result.ok) throw new Error(`unexpected failure ${JSON.stringify(result.failure)}`);
    expect(result.contents.sheets[0]!.cells).toEqual([{ address: 'A1', row: 1, col: 1, value: '最后' }]);
  });
});

describe('a zip whose declared sizes are smaller than its data', () => {
  it('is refused as corrupt, not read cut short at the declared size', () => {
    const sheet = sheetWithCells(50);
    const parts = workbookParts([sheet]);
    // The declared size ends the sheet right after its second row: read that far, it would look like a sheet.
    const secondRowEnd = sheet.indexOf('</row>', sheet.indexOf('</row>') + 1) + '</row>'.length;
    const lying = declareSize(zipSync(parts), 'xl/worksheets/sheet1.xml', secondRowEnd);
    expect(failure(readWorkbook(lying))).toEqual({
      code: 'file-corrupt',
      params: { reason: 'size-mismatch' },
      detail: `entry xl/worksheets/sheet1.xml inflates to more than its declared ${secondRowEnd} bytes`,
    });
    // The same file with its true sizes reads whole.
    expect(cellCount(readWorkbook(zipSync(parts)))).toBe(50);
  });

  it('stops inflating at the declared size: 64 MB of data behind a declared 1 KB is refused', () => {
    const parts = workbookParts([sheetWithCells(1)]);
    const bomb = zerosDeflate(260_000); // 67,080,001 bytes from about 420 KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bytes = rawZip([
      ...Object.entries(parts)
        .filter(([name]) => name !== 'xl/worksheets/sheet1.xml')
        .map(([name, data]) => ({ name, data, method: 0 as const, declaredSize: data.length })),
      { name: 'xl/worksheets/sheet1.xml', data: bomb, method: 8, declaredSize: 1024 },
    ]);
    expect(failure(readWorkbook(bytes))).toMatchObject({ code: 'file-corrupt', params: { reason: 'size-mismatch' } });
  });

  it('a part too big to inflate in one call is inflated a slice at a time, whole', () => {
    const bytes = zipSync(workbookParts([sheetWithCells(60_000)]));
    // Far more compressed data than the archive's one-call allowance (64 KB).
    expect(bytes.length).toBeGreaterThan(128 * 1024);
    expect(cellCount(readWorkbook(bytes))).toBe(60_000);
    const lying = declareSize(bytes, 'xl/worksheets/sheet1.xml', 1_000_000);
    expect(failure(readWorkbook(lying))).toMatchObject({ code: 'file-corrupt', params: { reason: 'size-mismatch' } });
  });

  it('a stored (uncompressed) entry whose sizes disagree is corrupt too', () => {
    const parts = workbookParts([sheetWithCells(5)]);
    const lying = declareSize(zipSync(parts, { level: 0 }), 'xl/worksheets/sheet1.xml', 100);
    expect(failure(readWorkbook(lying))).toMatchObject({ code: 'file-corrupt', params: { reason: 'size-mismatch' } });
  });
});

describe('a DOCTYPE in any part the reader parses', () => {
  const doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>';

  it.each([
    ['a worksheet', 'xl/worksheets/sheet1.xml'],
    ['the shared strings', 'xl/sharedStrings.xml'],
    ['the workbook', 'xl/workbook.xml'],
    ['the workbook relationships', 'xl/_rels/workbook.xml.rels'],
  ])('in %s is refused as corrupt, naming the part in the detail, and the message is Chinese only', (_, part) => {
    const parts = workbookParts(
      ['<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'],
      '<sst><si><t>&b;</t></si></sst>',
    );
    parts[part] = strToU8(doctype + new TextDecoder().decode(parts[part]));
    const bytes = zipSync(parts);
    expect(failure(readWorkbook(bytes))).toEqual({
      code: 'file-corrupt',
      params: { reason: 'xml-declaration' },
      detail: `${part}: DOCTYPE and other declarations are not accepted`,
    });
    const message = chineseMessage(bytes);
    expect(message).toBe('文件已损坏或不完整，无法读取（文件内部数据含有文档类型声明，为安全起见不予读取）。');
    expect(message).not.toMatch(/[A-Za-z]/);
  });
});

describe('truncated and mutated workbooks: always a failure of the file, never of the reader', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    // A filled template (our writer, then ExcelJS, as the corpus does) and the template as generated.
    const t = await template(sampleUnit);
    bytes = await edit(t, (e) => fill(e, (_, w) => ({ completion: '完成', self: w })));
    expect(validateWorkbookBytes(bytes).status).toBe('valid');
  });

  /** Deterministic pseudo-random numbers, so that a failure names a case that can be run again. */
  function random(seed: number): () => number {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  }

  function outcome(input: Uint8Array): string {
    let result: ReadResult;
    try {
      result = readWorkbook(input);
    } catch (error) {
      return `threw ${String(error)}`;
    }
    return result.ok ? 'ok' : result.failure.code;
  }

  it('a workbook cut short anywhere is corrupt (truncated), and says so in Chinese only', () => {
    const outcomes = new Map<string, number[]>();
    const cuts = [...Array.from({ length: 400 }, (_, i) => Math.floor((bytes.length * i) / 400))];
    for (let cut = bytes.length - 80; cut < bytes.length; cut++) cuts.push(cut);
    for (const cut of cuts) {
      const result = readWorkbook(bytes.subarray(0, cut));
      const key = result.ok ? 'ok' : [result.failure.code, result.failure.params.reason].filter(Boolean).join(':');
      outcomes.set(key, [...(outcomes.get(key) ?? []), cut]);
    }
    expect([...outcomes.keys()].sort()).toEqual(['file-corrupt:truncated', 'file-empty']);
    expect(outcomes.get('file-empty')).toEqual([0]);
    const message = chineseMessage(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(message).toBe('文件已损坏或不完整，无法读取（文件不完整，可能在传送或保存时被截断）。');
    expect(message).not.toMatch(/[A-Za-z]/);
  });

  it('random bytes changed anywhere in the file never make the reader fail or throw', () => {
    const rnd = random(20191201);
    const seen = new Map<string, number>();
    for (let n = 0; n < 1000; n++) {
      const copy = bytes.slice();
      const changes = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < changes; k++) copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
      const got = outcome(copy);
      if (got === 'reader-failed' || got.startsWith('threw')) throw new Error(`case ${n}: ${got}`);
      seen.set(got, (seen.get(got) ?? 0) + 1);
    }
    // The mutations reach past the zip's records into the parts: some files still read, most are corrupt.
    expect(seen.get('file-corrupt')).toBeGreaterThan(50);
    expect(seen.get('ok')).toBeGreaterThan(50);
  });

  it('damaged XML inside intact zips never makes the reader fail or throw, on both reading paths', () => {
    const parts = unzipSync(bytes);
    const names = Object.keys(parts).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    const hostile = [
      '<c r=A1><v>1</v></c>', // an address without quotes
      '<c r="A0"><v>1</v></c>',
      '<c r="XFE1048577"><v>1</v></c>',
      '<c r="ZZZZ99999999"><f t="shared" si="7"/><v>1</v></c>',
      '<c r="B2" t="s"><v>99999999</v></c>',
      '<c r="B2" t="s"><v>-1</v></c>',
      '<c r="B2"><f t="shared" si="0" ref="B2:B9">A1+</f></c>',
      '<row r="-1">',
      '<row r="x">',
      '<row>',
      '<c>',
      '</c>',
      '<v>',
      '<si>',
      '<t>',
      '<![CDATA[',
      '<!DOCTYPE x>',
      '<?x',
      '<!--',
      '&#xFFFFFF;',
      '&#0;',
      '&bogus;',
      '"',
      "'",
      '<',
      '>',
    ];
    const rnd = random(7);
    const seen = new Map<string, number>();
    for (let n = 0; n < 300; n++) {
      const name = names[Math.floor(rnd() * names.length)]!;
      let xml = new TextDecoder().decode(parts[name]);
      // Half the cases carry a CDATA section, which sends worksheets and shared strings to the general path.
      if (n % 2 === 1) xml = xml.replace(/<sheetData>|<sst\b[^>]*>/, (m) => `${m}<!--x--><![CDATA[]]>`);
      for (let k = 0, edits = 1 + Math.floor(rnd() * 4); k < edits; k++) {
        const at = Math.floor(rnd() * xml.length);
        const roll = rnd();
        if (roll < 0.6) xml = xml.slice(0, at) + hostile[Math.floor(rnd() * hostile.length)]! + xml.slice(at);
        else if (roll < 0.9) xml = xml.slice(0, at) + xml.slice(at + Math.floor(rnd() * 40));
        else xml = xml.slice(0, at);
      }
      const got = outcome(zipSync({ ...parts, [name]: strToU8(xml) }, { level: 0 }));
      if (got === 'reader-failed' || got.startsWith('threw')) throw new Error(`case ${n} (${name}): ${got}`);
      seen.set(got, (seen.get(got) ?? 0) + 1);
    }
    expect(seen.get('ok')).toBeGreaterThan(30);
    expect(seen.get('file-corrupt')).toBeGreaterThan(30);
  });

  it('the generated template (direct writer) cut or changed at random likewise', async () => {
    const generated = await renderPlanDirect(planFor(sampleUnit));
    const rnd = random(52);
    for (let n = 0; n < 500; n++) {
      const copy = generated.slice(0, n % 5 === 0 ? Math.floor(rnd() * generated.length) : generated.length);
      copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
      const got = outcome(copy);
      if (got === 'reader-failed' || got.startsWith('threw')) throw new Error(`case ${n}: ${got}`);
    }
  });
});

describe('the reader’s messages', () => {
  it('every reason has a Chinese text without a Latin letter and an English one', () => {
    for (const reason of READ_REASONS) {
      const params = { reason, entries: 2500, limit: 2000, bytes: 60_000_000, ratio: 900 };
      const issue = { severity: 'error' as const, code: 'file-corrupt' as const, cell: null, unit: null, params };
      const chinese = formatIssue(zh, issue);
      expect([reason, chinese]).not.toEqual([reason, expect.stringMatching(/[A-Za-z{}]/)]);
      expect(formatIssue(en, issue)).not.toMatch(/validate:|\{\{/);
    }
  });

  it('an archive over the limits says which limit in the user’s words', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2500; i++) files[`x/${i}.xml`] = strToU8('<a/>');
    expect(chineseMessage(zipSync(files))).toBe(
      '文件内部结构超出安全限制（可能是压缩炸弹），已拒绝读取（内部文件 2500 个，上限 2000 个）。',
    );
  });
});
