// collect end to end: a folder laid out as the shared folder (<year>/returned/<unit>/<unit>-<time>-<hash>.xlsx)
// holding real generated templates filled through ExcelJS — two submissions from one unit, a tampered sheet, a
// foreign workbook, a broken file, a blank template beside them — run through the CLI; its JSON is checked, and
// the summary.xlsx is recalculated by LibreOffice and compared with the core's ranks and averages.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Run } from '../support/cli';
import type { CollectJson } from '../../src/cli/commands/collect';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalog2019 } from '../core/validate/fixture';
import { resaveWithLibreOffice as recalculateWithLibreOffice } from '../support/libreoffice';
import { edit, fill, fillCorrectly, template, type Editing } from './validate-corpus';

const bureaus = catalog2019.units.filter((u) => u.group === 'bureau');
const cities = catalog2019.units.filter((u) => u.group === 'city');
const [unitA, unitB, unitC, unitD] = bureaus as [Unit, Unit, Unit, Unit];
const unitE = cities[0]!;

const HYPERLINK = '=HYPERLINK("http://evil.example/x","点我")';
const AT_SUM = '@SUM(A1:A3)';

/** Full marks except `minus` points off the first target whose weight allows it, with a reason. */
function deduct(minus: number, reason = '部分工作未完成', assessed?: (i: number, w: number) => number) {
  return (e: Editing): void => {
    let done = false;
    fill(e, (i, weight) => {
      const take = !done && weight >= minus;
      if (take) done = true;
      return {
        completion: '已完成',
        self: take ? weight - minus : weight,
        ...(take ? { reason } : {}),
        ...(assessed ? { assessed: assessed(i, weight) } : {}),
      };
    });
  };
}

async function returned(root: string, unit: Unit, when: string, bytes: Uint8Array): Promise<string> {
  const rel = returnedPath(2019, unit.name, new Date(when), await sha256Hex(bytes));
  const file = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

function place(root: string, rel: string, bytes: Uint8Array): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

async function foreignWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报表');
  ws.addRow(['项目', '金额']);
  ws.addRow(['办公费', 1200]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/**
 * A text cell's text. LibreOffice saves text that mixes scripts (Chinese and Latin) as rich text runs; that is
 * still text. A formula is returned as {formula} so a test can tell.
 */
function plain(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
    return { formula: (v as ExcelJS.CellFormulaValue).formula };
  return v;
}

/** What a recalculated cell holds: its value, or a formula's computed result. */
function shown(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  // A formula whose result is the empty string comes back from LibreOffice's file without a result.
  if (v && typeof v === 'object' && 'formula' in v) return (v as ExcelJS.CellFormulaValue).result ?? '';
  if (v && typeof v === 'object' && 'sharedFormula' in v) return (v as ExcelJS.CellSharedFormulaValue).result ?? '';
  return v;
}

let work: string;
let root: string;
const files: Record<string, string> = {};
let json: CollectJson;
let run: Run;
let recalculated: ExcelJS.Workbook;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-'));
  root = path.join(work, 'share');
  // Unit B returns a sheet from a version-1 template (still in circulation), where 考核得分 was open and the
  // assessment team entered it in the unit's own sheet; a v2 template locks it.
  const [tA, tB, tC, tD, tE] = await Promise.all(
    [unitA, unitB, unitC, unitD, unitE].map((u) => template(u, u === unitB ? 1 : undefined)),
  );
  files.aOld = await returned(root, unitA, '2020-01-05T09:00:00Z', await edit(tA!, deduct(10)));
  files.aNew = await returned(root, unitA, '2020-01-10T09:00:00Z', await edit(tA!, deduct(3)));
  files.b = await returned(
    root,
    unitB,
    '2020-01-06T09:00:00Z',
    await edit(tB!, (e) => {
      // The assessment team took 5 points off the first target worth at least 5.
      let assessedOff = false;
      deduct(1, HYPERLINK, (_i, w) => {
        if (assessedOff || w < 5) return w;
        assessedOff = true;
        return w - 5;
      })(e);
      // A second planted formula in another row's 扣分说明 (a row with full marks may still carry a remark).
      e.sheet.getCell(e.at(2, 'deductionReason')).value = AT_SUM;
    }),
  );
  files.c = await returned(
    root,
    unitC,
    '2020-01-07T09:00:00Z',
    await edit(tC!, (e) => {
      fillCorrectly(e);
      e.sheet.getCell(e.at(0, 'weight')).value = 99;
    }),
  );
  files.d = await returned(root, unitD, '2020-01-08T09:00:00Z', await edit(tD!, deduct(3)));
  files.e = await returned(root, unitE, '2020-01-09T09:00:00Z', await edit(tE!, deduct(0.5)));
  files.foreign = place(root, '2019/returned/其他/报表.xlsx', await foreignWorkbook());
  files.broken = place(
    root,
    '2019/returned/其他/坏文件.xlsx',
    new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
  );
  // A published blank template is not a submission.
  place(root, `2019/templates/${unitD.name}.xlsx`, tD!.bytes);

  const out = path.join(work, 'summary.xlsx');
  run = await cli('collect', root, '--out', out, '--json');
  json = JSON.parse(run.stdout) as CollectJson;
  recalculated = await load(recalculateWithLibreOffice(new Uint8Array(readFileSync(out))));
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const unitRow = (name: string) => json.units.find((u) => u.name === name)!;

describe('collect FOLDER --json', () => {
  test('the command succeeds and shows its progress on stderr, one line per file', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[8/8]');
    expect(run.stderr).not.toContain('templates');
  });

  test('the latest valid submission of a unit that sent two is the one counted', () => {
    expect(unitRow(unitA.name)).toEqual({
      name: unitA.name,
      group: 'bureau',
      status: 'valid',
      file: files.aNew,
      self: 97,
      assessed: null,
      assessedItems: 0,
      items: unitA.items.length,
      rankedBy: 'self',
      rank: 1,
    });
    expect(JSON.stringify(json)).not.toContain(path.basename(files.aOld!));
  });

  test('units are ranked within their group by assessed total where present, else self total (ties share a rank)', () => {
    expect(unitRow(unitD.name)).toMatchObject({ status: 'valid', self: 97, assessed: null, rank: 1 });
    expect(unitRow(unitB.name)).toMatchObject({ status: 'valid', self: 99, assessed: 95, rank: 3 });
    expect(unitRow(unitE.name)).toMatchObject({ group: 'city', status: 'valid', self: 99.5, rank: 1 });
  });

  test('a tampered sheet makes its unit invalid and unranked, and is listed with the changed weight', () => {
    expect(unitRow(unitC.name)).toMatchObject({ status: 'invalid', file: files.c, rank: null });
    const entry = json.invalid.find((i) => i.file === files.c)!;
    expect(entry.issues.map((i) => i.code)).toContain('weight-changed');
    expect(entry.issues.find((i) => i.code === 'weight-changed')!.message).toMatch(/分值/);
  });

  test('a foreign workbook and a broken file are listed as invalid with their reasons and do not stop the run', () => {
    const foreign = json.invalid.find((i) => i.file === files.foreign)!;
    expect(foreign.issues.map((i) => i.code)).toEqual(['not-a-template']);
    const broken = json.invalid.find((i) => i.file === files.broken)!;
    expect(broken.issues[0]!.code).toMatch(/^file-/);
    expect(json.invalid.map((i) => i.file).sort()).toEqual([files.broken, files.c, files.foreign].sort());
  });

  test('every unit that returned nothing is listed as missing, in catalog order', () => {
    const returnedNames = new Set([unitA, unitB, unitC, unitD, unitE].map((u) => u.name));
    expect(json.missing).toEqual(catalog2019.units.filter((u) => !returnedNames.has(u.name)).map((u) => u.name));
    expect(json.units).toHaveLength(catalog2019.units.length);
  });
});

describe('collect FOLDER (human output)', () => {
  test('prints each unit with its status, the missing units and the failed files in Chinese, and a closing summary line', async () => {
    const human = await cli('collect', root, '--out', path.join(work, 'human.xlsx'));
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${unitC.name}（事业局）：无效\n  自评总分 `);
    expect(human.stdout).toContain('未通过检查不排名');
    expect(human.stdout).toContain(
      `${unitA.name}（事业局）：有效\n  自评总分 97，考核总分 —，组内第 1 名，总第 2 名，问题 0 个`,
    );
    expect(human.stdout).toContain(`未提交（${json.missing.length}）：`);
    expect(human.stdout).toContain('未通过检查的文件（3）：');
    expect(human.stdout).toMatch(
      new RegExp(`共 ${catalog2019.units.length} 个单位：有效 4，无效 1，未提交 ${json.missing.length}；读取 8 个文件`),
    );
    expect(human.stdout).toContain('汇总表已写入');
    // A failed file's line gives its first error, as the validator words it (formatIssueLine).
    const firstError = json.invalid.find((i) => i.file === files.c)!.issues.find((i) => i.severity === 'error')!;
    expect(human.stdout).toContain(`  ${files.c}：${firstError.cell} ${firstError.message}\n`);
  }, 120_000);

  test('a password variable that is not set is said as such, before the folder is opened', async () => {
    const r = await cli('collect', root, '--json', '--password-env', 'TS_TEST_NO_SUCH_COLLECT_PW');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('环境变量 TS_TEST_NO_SUCH_COLLECT_PW 未设置或为空');
    expect(r.stderr).not.toContain('无法列出');
  });

  test('--concurrency takes a whole number from 1 to 8; anything else is a usage error before any file is read', async () => {
    const r = await cli('collect', root, '--json', '--concurrency', 'abc');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：选项 --concurrency <n> 的取值“abc”无效');
    expect(r.stdout).toBe('');
    expect((await cli('collect', root, '--json', '--concurrency', '0')).code).toBe(1);
  });

  test('with --created-at (or SOURCE_DATE_EPOCH) the summary file is the same, byte for byte, on every run', async () => {
    const first = path.join(work, 'repro-1.xlsx');
    const second = path.join(work, 'repro-2.xlsx');
    expect((await cli('collect', root, '--out', first, '--created-at', '2020-01-31T12:00:00Z')).code).toBe(0);
    expect((await cli('collect', root, '--out', second, '--created-at', '2020-01-31T20:00:00+08:00')).code).toBe(0);
    const bytes = readFileSync(first);
    expect(bytes.equals(readFileSync(second))).toBe(true);
    expect((await load(new Uint8Array(bytes))).created?.toISOString()).toBe('2020-01-31T12:00:00.000Z');
    const bad = await cli('collect', root, '--out', path.join(work, 'never.xlsx'), '--created-at', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('时间“yesterday”无法识别');
  }, 120_000);

  test('a folder that does not exist is a clear failure with exit code 2', async () => {
    const r = await cli('collect', path.join(work, 'nowhere'), '--out', path.join(work, 'x.xlsx'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot list the files in');
    expect(r.stderr).toContain(path.join(work, 'nowhere'));
  });
});

describe('summary.xlsx recalculated by LibreOffice', () => {
  const col = (ws: ExcelJS.Worksheet, header: string): number => {
    const row = ws.getRow(2);
    for (let c = 1; c <= row.cellCount; c++) if (row.getCell(c).value === header) return c;
    throw new Error(`no column ${header}`);
  };

  test('the rank formulas agree with the ranking the CLI reported, for every unit', () => {
    const ws = recalculated.getWorksheet('汇总')!;
    const [name, rankInGroup, rankOverall] = [col(ws, '单位'), col(ws, '组内排名'), col(ws, '总排名')];
    const seen: Array<[string, unknown, unknown]> = [];
    for (let r = 3; r < 3 + json.units.length; r++) {
      const row = ws.getRow(r);
      seen.push([String(row.getCell(name).value), shown(row.getCell(rankInGroup)), shown(row.getCell(rankOverall))]);
    }
    // Overall ranking of the valid units by hand: E 99.5, A 97, D 97, B 95 (assessed).
    const overall: Record<string, number> = { [unitE.name]: 1, [unitA.name]: 2, [unitD.name]: 2, [unitB.name]: 4 };
    expect(seen).toEqual(json.units.map((u) => [u.name, u.rank ?? '', overall[u.name] ?? '']));
  });

  test('the group averages recalculated by LibreOffice match the totals the CLI reported', () => {
    const ws = recalculated.getWorksheet('汇总')!;
    let groupRow = 0;
    ws.eachRow((row, r) => {
      if (r > 3 + json.units.length && row.getCell(1).value === '事业局') groupRow = r;
    });
    expect(groupRow).toBeGreaterThan(0);
    const row = ws.getRow(groupRow);
    const bureauValid = json.units.filter((u) => u.group === 'bureau' && u.status === 'valid');
    expect(shown(row.getCell(2))).toBe(json.units.filter((u) => u.group === 'bureau').length);
    expect(shown(row.getCell(3))).toBe(bureauValid.length);
    expect(shown(row.getCell(4))).toBe(1);
    expect(shown(row.getCell(6))).toBeCloseTo(bureauValid.reduce((s, u) => s + u.self!, 0) / bureauValid.length, 6);
    const scores = bureauValid.map((u) => u.assessed ?? u.self!);
    expect(shown(row.getCell(8))).toBeCloseTo(scores.reduce((s, x) => s + x, 0) / scores.length, 6);
  });

  test("formulas planted in a unit's 扣分说明 stay text after recalculation", () => {
    const ws = recalculated.getWorksheet('扣分说明')!;
    const texts: unknown[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(plain(cell))));
    expect(texts).toContain(HYPERLINK);
    expect(texts).toContain(AT_SUM);
    expect(texts.some((v) => v !== null && typeof v === 'object')).toBe(false);
  });

  test('the missing, problems, statistics and files sheets are there and say what the JSON says', () => {
    expect(recalculated.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '未提交',
      '问题',
      '指标统计',
      '文件清单',
      '扣分说明',
    ]);
    expect(recalculated.getWorksheet('未提交')!.rowCount).toBe(json.missing.length + 1);
    const list = recalculated.getWorksheet('文件清单')!;
    const fates: Record<string, unknown> = {};
    list.eachRow((row, r) => {
      if (r > 1) fates[String(plain(row.getCell(1)))] = plain(row.getCell(5));
    });
    expect(fates[files.aOld!]).toBe('较早提交');
    expect(fates[files.aNew!]).toBe('采用');
    const stats = recalculated.getWorksheet('指标统计')!;
    expect(stats.rowCount).toBeGreaterThan(1);
  });
});

describe('file names that look like formulas', () => {
  test('a returned file named "=1+1.xlsx" is shown as text in the recalculated summary', async () => {
    const dir = path.join(work, 'plain');
    const tA = await template(unitA);
    place(dir, '=1+1.xlsx', await edit(tA, deduct(2)));
    place(dir, '@SUM(A1).xlsx', await foreignWorkbook());
    const cwd = process.cwd();
    let r: Run;
    try {
      process.chdir(dir);
      r = await cli('collect', '.', '--out', 'summary.xlsx', '--json');
    } finally {
      process.chdir(cwd);
    }
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CollectJson;
    expect(out.units.find((u) => u.name === unitA.name)).toMatchObject({
      status: 'valid',
      file: '=1+1.xlsx',
      self: 98,
    });
    expect(out.invalid.map((i) => i.file)).toEqual(['@SUM(A1).xlsx']);
    const wb = await load(recalculateWithLibreOffice(new Uint8Array(readFileSync(path.join(dir, 'summary.xlsx')))));
    const values: unknown[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          values.push(plain(cell));
        }),
      );
    expect(values).toContain('=1+1.xlsx');
    expect(values).toContain('@SUM(A1).xlsx');
    const summary = wb.getWorksheet('汇总')!;
    const row = summary.getRow(3 + catalog2019.units.indexOf(unitA));
    expect(plain(row.getCell(16))).toBe('=1+1.xlsx');
  }, 120_000);
});
