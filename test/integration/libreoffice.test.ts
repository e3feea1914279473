// Every unit's generated sheet, opened in a second spreadsheet engine (LibreOffice, headless): the sheet's own
// formulas — 小计, 合计 and the status line — after filling the inputs agree with the core's scoring, and
// LibreOffice sees the protection, locked cells, validations, conditional formats and metadata the plan asked for.
// Each filled sheet is then saved by LibreOffice and read back by `validate`'s own path: a returned sheet for every
// unit written entirely by another program.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { loadCatalog } from '../../src/cli/load-catalog';
import type { Catalog, Unit } from '../../src/core/catalog/model';
import { columnLetter } from '../../src/core/address';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogFingerprint, fingerprintLockedContent, type LockedContent } from '../../src/core/plan/fingerprint';
import type { SheetPlan } from '../../src/core/plan/model';
import { scoreUnit, type ScoreInput } from '../../src/core/scoring';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { uniqueFileNames } from '../../src/core/filename';
import { checkCompletion, checkDeductionReason, checkScore } from '../../src/core/validate/inputs';
import { validateWorkbookBytes } from '../../src/app/check';
import {
  expandRanges,
  fromLoFormula,
  probeWithLibreOffice,
  type LoFileResult,
  type LoJob,
  type LoValue,
} from '../support/libreoffice';

jest.setTimeout(600_000);

const CREATED_AT = '2019-12-01T00:00:00Z'; // as the CLI records it (planTimestamp: UTC, to the second)
const texts = sheetTexts('zh-CN');

interface Filled {
  plan: SheetPlan;
  unit: Unit;
  fill: Record<string, LoValue>;
  inputs: ScoreInput[];
  expectedProblems: number;
  expectedFilled: number;
}

/** A deterministic pseudo-random fill per unit: most rows complete, some scores below weight (with or without a
 *  reason), some blank, and in a few units a score above its weight or text in a score cell (problems). Every
 *  fourth unit is filled as it should be (every row complete, a reason for every deduction, all or no 考核得分). */
function fillFor(unit: Unit, plan: SheetPlan, seed: number): Filled {
  const clean = seed % 4 === 3;
  const assessing = seed % 8 === 3; // half the clean units have 考核得分 throughout
  let state = seed * 7919 + 17;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fill: Record<string, LoValue> = {};
  const inputs: ScoreInput[] = [];
  let problems = 0;
  let filled = 0;
  const col = (key: keyof SheetPlan['layout']['columns']) => columnLetter(plan.layout.columns[key]);
  plan.layout.itemRows.forEach((r, i) => {
    const item = unit.items[r.itemIndex]!;
    const w = item.weight;
    const at = (key: keyof SheetPlan['layout']['columns']) => `${col(key)}${r.row}`;
    const completion = clean || rnd() < 0.9 ? `已完成第${i + 1}项` : '';
    if (completion) fill[at('completion')] = completion;
    let self: number | string | null;
    const roll = rnd();
    if (roll < 0.1 && !clean) self = null;
    else if (roll < 0.5) self = w;
    else self = Math.round(rnd() * w * 4) / 4;
    if (i === 1 && seed % 5 === 0 && !clean) self = w + 1; // above its weight: a problem
    if (i === 2 && seed % 7 === 0 && !clean) self = '八'; // text in a score cell: a problem, not counted by SUM
    const reason = typeof self === 'number' && self < w && (clean || rnd() < 0.7) ? '部分任务未完成' : '';
    if (self !== null) fill[at('selfScore')] = self;
    if (reason) fill[at('deductionReason')] = reason;
    const assessed = (clean ? !assessing : rnd() < 0.3) ? null : Math.round(rnd() * w * 100) / 100;
    if (assessed !== null) fill[at('assessedScore')] = assessed;
    if (rnd() < 0.5) fill[at('evidence')] = `附件${i + 1}.pdf`;

    const selfNumber = typeof self === 'number' ? self : null;
    inputs.push({ block: item.block, weight: w, selfScore: selfNumber, assessedScore: assessed, completion });
    // The status line counts what the validator reports (template version 2): a bad 自评得分, a missing 扣分说明, a
    // 自评得分 without 完成情况. 考核得分 is the assessors' (written here through UNO, as the assessment round would).
    if (typeof self === 'string' || (selfNumber !== null && (selfNumber < 0 || selfNumber > w))) problems++;
    if (selfNumber !== null && selfNumber < w && reason === '') problems++;
    if (self !== null && completion === '') problems++;
    if (completion !== '' && selfNumber !== null) filled++;
  });
  return { plan, unit, fill, inputs, expectedProblems: problems, expectedFilled: filled };
}

const at = (values: LoValue[][], address: string): LoValue => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return values[Number(m[2]) - 1]?.[c - 1] ?? '';
};

function statusText(plan: SheetPlan, unit: Unit, filled: number, problems: number): string {
  const weightOk = Math.abs(unit.totalWeight - 100) < 0.005;
  return texts.status
    .replace('{filled}', String(filled))
    .replace('{count}', String(plan.layout.itemRows.length))
    .replace('{problems}', String(problems))
    .replace(
      '{weightCheck}',
      weightOk ? texts.weightOk : texts.weightBad.replace('{weight}', String(unit.totalWeight)),
    );
}

let work: string;
let catalog: Catalog;
let filled: Filled[];
let results: LoFileResult[];
let passwordResult: LoFileResult;
let returnedFiles: string[];
let printed: { result: LoFileResult; plan: SheetPlan; unit: Unit; pdf: string };

/** The printed sheet, as a clerk looks at it: the PDF and its first page as a PNG. */
const ARTIFACTS = path.join(__dirname, '../../test-artifacts/libreoffice');
const PRINTED_UNIT = '海西州自然资源局';

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-lo-'));
  catalog = await loadCatalog();
  const quiet = [
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
  try {
    expect(
      await main(['node', 'target-sheets', 'generate', '--out', path.join(work, 'all'), '--created-at', CREATED_AT]),
    ).toBe(0);
    process.env.TS_LO_TEST_PW = 'kaohe-2019';
    expect(
      await main([
        'node',
        'target-sheets',
        'generate',
        '--out',
        path.join(work, 'pw'),
        '--unit',
        catalog.units[0]!.name,
        '--password-env',
        'TS_LO_TEST_PW',
        '--created-at',
        CREATED_AT,
      ]),
    ).toBe(0);
  } finally {
    delete process.env.TS_LO_TEST_PW;
    quiet.forEach((s) => s.mockRestore());
    process.exitCode = undefined;
  }
  const identity = { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) };
  filled = catalog.units.map((unit, i) =>
    fillFor(unit, buildSheetPlan(unit, identity, { createdAt: CREATED_AT, texts }), i),
  );
  const names = uniqueFileNames(catalog.units.map((u) => u.name));
  returnedFiles = names.map((name) => path.join(work, 'returned', name));
  mkdirSync(path.join(work, 'returned'));
  const jobs: LoJob[] = filled.map((f, i) => ({
    path: path.join(work, 'all', names[i]!),
    sheet: f.plan.sheetName,
    metaSheet: f.plan.metaSheet.name,
    fill: f.fill,
    saveAs: returnedFiles[i],
    tryEmptyPassword: i === 0,
  }));
  jobs.push({
    path: path.join(work, 'pw', names[0]!),
    sheet: filled[0]!.plan.sheetName,
    metaSheet: filled[0]!.plan.metaSheet.name,
    fill: {},
    tryEmptyPassword: true,
    password: 'kaohe-2019',
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const printedIndex = catalog.units.findIndex((u) => u.name === PRINTED_UNIT);
  const pdf = path.join(ARTIFACTS, `${PRINTED_UNIT}.pdf`);
  jobs.push({ ...jobs[printedIndex]!, fill: {}, saveAs: undefined, tryEmptyPassword: false, pdf });
  const all = await probeWithLibreOffice(jobs);
  const printedResult = all.pop()!;
  printed = { result: printedResult, plan: filled[printedIndex]!.plan, unit: catalog.units[printedIndex]!, pdf };
  passwordResult = all.pop()!;
  results = all;
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('LibreOffice opens all 52 generated sheets', () => {
  expect(results).toHaveLength(52);
  expect(results.map((r) => r.sheets[0]!.name)).toEqual(filled.map((f) => f.plan.sheetName));
});

test('on opening, the empty template shows 分值 subtotals and 合计 from the catalog and a status of 0 filled', () => {
  for (const [i, r] of results.entries()) {
    const { plan, unit } = filled[i]!;
    const score = scoreUnit(
      unit.items.map((it) => ({ block: it.block, weight: it.weight, selfScore: null, assessedScore: null })),
    );
    plan.layout.subtotalRows.forEach((s, k) =>
      expect(at(r.values, `E${s.row}`)).toBeCloseTo(score.blocks[k]!.weight, 9),
    );
    expect(at(r.values, `E${plan.layout.totalRow}`)).toBeCloseTo(unit.totalWeight, 9);
    expect(at(r.values, `A${plan.layout.totalRow}`)).toBe('合计');
    expect(at(r.values, `A${plan.layout.statusRow}`)).toBe(statusText(plan, unit, 0, 0));
    // 考核得分: blank, not 0, while nothing is assessed.
    for (const row of [...plan.layout.subtotalRows.map((s) => s.row), plan.layout.totalRow]) {
      expect(at(r.values, `I${row}`)).toBe('');
    }
  }
});

test('after filling the inputs, the sheet’s own 小计 and 合计 equal the core’s scoring, and the status line counts filled items and problems', () => {
  for (const [i, r] of results.entries()) {
    const { plan, unit, inputs, expectedFilled, expectedProblems } = filled[i]!;
    const score = scoreUnit(inputs);
    const v = r.filledValues!;
    plan.layout.subtotalRows.forEach((s, k) => {
      const block = score.blocks[k]!;
      expect(block.block).toBe(s.block);
      expect(at(v, `E${s.row}`)).toBeCloseTo(block.weight, 9);
      expect(at(v, `G${s.row}`)).toBeCloseTo(block.selfScore, 9);
      // 考核得分's 小计 and 合计 are blank while none of their cells is assessed.
      if (block.assessedFilled === 0) expect(at(v, `I${s.row}`)).toBe('');
      else expect(at(v, `I${s.row}`)).toBeCloseTo(block.assessedScore, 9);
    });
    expect(at(v, `G${plan.layout.totalRow}`)).toBeCloseTo(score.total.selfScore, 9);
    if (score.total.assessedFilled === 0) expect(at(v, `I${plan.layout.totalRow}`)).toBe('');
    else expect(at(v, `I${plan.layout.totalRow}`)).toBeCloseTo(score.total.assessedScore, 9);
    expect(score.total.filled).toBe(expectedFilled);
    expect(at(v, `A${plan.layout.statusRow}`)).toBe(statusText(plan, unit, expectedFilled, expectedProblems));
  }
  // The fill really contains problems of every kind somewhere.
  expect(filled.some((f) => Object.values(f.fill).includes('八'))).toBe(true);
  expect(filled.filter((f) => f.expectedProblems > 0).length).toBeGreaterThan(10);
});

test('LibreOffice sees the sheet protected, only the input cells unlocked, and the meta sheet hidden and protected', () => {
  for (const [i, r] of results.entries()) {
    const { plan } = filled[i]!;
    expect(r.sheets.map((s) => [s.name, s.visible, s.protected])).toEqual([
      [plan.sheetName, true, true],
      [plan.metaSheet.name, false, true],
      [plan.notes!.name, true, true],
    ]);
    const unlocked = r.formatRanges
      .filter((f) => !f.locked)
      .flatMap((f) => expandRanges(f.ranges, plan.layout.lastRow + 5))
      .sort();
    expect(unlocked).toEqual(
      plan.cells
        .filter((c) => !c.locked)
        .map((c) => c.address)
        .sort(),
    );
  }
  expect(results[0]!.emptyPasswordAccepted).toBe(true);
});

test('a sheet generated with a password cannot be unprotected without it, and is with it', () => {
  expect(passwordResult.sheets[0]!.protected).toBe(true);
  expect(passwordResult.emptyPasswordAccepted).toBe(false);
  expect(passwordResult.passwordAccepted).toBe(true);
});

test('LibreOffice sees 0-to-分值 validations with a stop alert on 自评得分, 完成情况 its rule, and the conditional formats', () => {
  for (const [i, r] of results.entries()) {
    const { plan } = filled[i]!;
    const validated = r.formatRanges.filter((f) => f.validation && f.validation.type === 'DECIMAL');
    const cells = validated.flatMap((f) => expandRanges(f.ranges).map((a) => [a, f.validation!] as const));
    const expected = plan.validations.flatMap((v) => (v.kind === 'decimal' ? expandRanges(v.range) : []));
    expect(cells.map(([a]) => a).sort()).toEqual(expected.sort());
    const prompts = r.formatRanges
      .filter((f) => f.validation && f.validation.type === 'ANY')
      .flatMap((f) => expandRanges(f.ranges));
    expect(prompts.sort()).toEqual(
      plan.validations.flatMap((v) => (v.kind === 'any' ? expandRanges(v.range) : [])).sort(),
    );
    for (const [address, v] of cells) {
      const row = Number(/\d+/.exec(address)![0]);
      const block = plan.layout.itemRows.find((x) => x.row === row)!.block;
      const first = plan.layout.itemRows.find((x) => x.block === block)!.row;
      expect(v).toMatchObject({
        type: 'DECIMAL',
        operator: 'BETWEEN',
        formula1: '0',
        formula2: `$E${first}`,
        showError: true,
        errorStyle: 'STOP',
        errorMessage: texts.validation.error,
      });
    }
    expect(
      r.conditionalFormats.map((c) => [c.range.slice(c.range.lastIndexOf('.') + 1), c.entries[0]!.formula1]).sort(),
    ).toEqual(plan.conditionalFormats.map((c) => [c.range, c.formula]).sort());
  }
});

test('identity and fingerprint are readable from the file, and the fingerprint recomputes from what LibreOffice shows', () => {
  for (const [i, r] of results.entries()) {
    const { plan } = filled[i]!;
    for (const [name, value] of Object.entries(plan.properties)) expect(r.properties[name]).toBe(value);
    plan.metaSheet.rows.forEach((row, k) => row.forEach((cell, j) => expect(r.metaValues![k]![j]).toBe(cell)));
    const cols = plan.layout.columns;
    const locked: LockedContent = {
      unitId: r.properties['TargetSheets.unitId']!,
      unitName: r.properties['TargetSheets.unitName']!,
      year: Number(r.properties['TargetSheets.catalogYear']),
      templateVersion: Number(r.properties['TargetSheets.templateVersion']),
      items: plan.layout.itemRows.map((x) => ({
        row: x.row,
        seq: at(r.values, `A${x.row}`),
        block: x.block,
        category: String(at(r.values, `${columnLetter(cols.category)}${x.row}`)),
        item: String(at(r.values, `${columnLetter(cols.item)}${x.row}`)),
        content: String(at(r.values, `${columnLetter(cols.content)}${x.row}`)),
        weight: at(r.values, `${columnLetter(cols.weight)}${x.row}`),
      })),
      formulas: r.formulas.flatMap((row, ri) =>
        row.flatMap((f, ci) =>
          typeof f === 'string' && f.startsWith('=')
            ? [{ address: `${columnLetter(ci + 1)}${ri + 1}`, formula: fromLoFormula(f) }]
            : [],
        ),
      ),
    };
    expect(fingerprintLockedContent(locked)).toBe(plan.metadata.fingerprint);
  }
});

/**
 * The issues the validator's own rules give for a fill's values, at their cells (what a reader must see): in a v2
 * sheet, 考核得分 written into the locked column first (found by the comparison with the template), then each row's
 * 完成情况, 自评得分 and 扣分说明.
 */
function expectedIssues(f: Filled): string[] {
  const col = (key: keyof SheetPlan['layout']['columns']) => columnLetter(f.plan.layout.columns[key]);
  const rows = f.plan.layout.itemRows;
  const assessed = rows.flatMap((r) => {
    const address = `${col('assessedScore')}${r.row}`;
    return f.fill[address] !== undefined ? [`assessed-score-changed@${address}`] : [];
  });
  return [
    ...assessed,
    ...rows.flatMap((r) => {
      const weight = f.unit.items[r.itemIndex]!.weight;
      const at = (key: keyof SheetPlan['layout']['columns']) => `${col(key)}${r.row}`;
      const self = checkScore('self-score', f.fill[at('selfScore')] ?? null, weight, true);
      return [
        ...checkCompletion(f.fill[at('selfScore')] ?? null, f.fill[at('completion')] ?? null).map(
          (i) => `${i.code}@${at('completion')}`,
        ),
        ...self.issues.map((i) => `${i.code}@${at('selfScore')}`),
        ...checkDeductionReason(self.value, weight, f.fill[at('deductionReason')] ?? null).map(
          (i) => `${i.code}@${at('deductionReason')}`,
        ),
      ];
    }),
  ];
}

test('every unit’s sheet, filled and saved by LibreOffice, validates with exactly its filling’s problems and totals', () => {
  const statuses = { valid: 0, invalid: 0, unreadable: 0 };
  for (const [i, f] of filled.entries()) {
    const report = validateWorkbookBytes(new Uint8Array(readFileSync(returnedFiles[i]!)), { catalog });
    const expected = expectedIssues(f);
    expect([f.unit.name, report.issues.map((x) => `${x.code}@${x.cell}`)]).toEqual([f.unit.name, expected]);
    expect(report.status).toBe(expected.length > 0 ? 'invalid' : 'valid');
    expect(report.identity).toMatchObject({ unitId: f.unit.id, unitName: f.unit.name, year: catalog.year });
    const score = scoreUnit(f.inputs);
    expect(report.totals!.weight).toBeCloseTo(f.unit.totalWeight, 9);
    expect(report.totals!.self).toBeCloseTo(score.total.selfScore, 9);
    if (score.total.assessedFilled === 0) expect(report.totals!.assessed).toBeNull();
    else expect(report.totals!.assessed).toBeCloseTo(score.total.assessedScore, 9);
    statuses[report.status]++;
  }
  // Both outcomes occur: the fill has units without problems and units with each kind of problem.
  expect(statuses.valid).toBeGreaterThan(0);
  expect(statuses.invalid).toBeGreaterThan(10);
  expect(statuses.unreadable).toBe(0);
});

test('the printed template (PDF from LibreOffice): page numbers, the unit, the signature block, no status line', () => {
  const text = spawnSync('pdftotext', ['-layout', printed.pdf, '-'], { encoding: 'utf8' });
  if (text.error) throw new Error('pdftotext is missing: apt-get install poppler-utils');
  expect(text.status).toBe(0);
  const pages = text.stdout.split('\f').filter((p) => p.trim() !== '');
  expect(pages.length).toBeGreaterThan(1);
  // The unit's sheet runs to several pages, each with the unit and 第 N 页 共 M 页 in its footer (pdftotext drops
  // some of the spaces); the 填报说明 prints after it, on a page of its own.
  const notesPage = pages.findIndex((p) => p.includes(`2019年度${PRINTED_UNIT}考核目标评分表填报说明`));
  expect(notesPage).toBe(pages.length - 1);
  pages.slice(0, notesPage).forEach((page, i) => {
    expect(page).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`));
    expect(page).toContain(PRINTED_UNIT);
  });
  const all = text.stdout.replace(/[ \t]+/g, ' ');
  for (const label of ['填报单位（盖章）', '单位负责人', '填报人', '联系电话', '填报日期'])
    expect(all).toContain(label);
  expect(all).toContain(`2019年度${PRINTED_UNIT}考核目标评分表`);
  // The status line is for the screen only.
  expect(all).not.toMatch(/已填 \d+\/\d+ 项/);
  // 考核得分's 合计 is blank while nothing is assessed: the 合计 line ends with the 分值 and the 自评得分 (0).
  const totalLine = all.split('\n').find((l) => l.trim().startsWith('合计'))!;
  expect(totalLine.trim().split(' ')).toEqual(['合计', String(printed.unit.totalWeight), '0']);
  expect(at(printed.result.values, `I${printed.plan.layout.totalRow}`)).toBe('');
  // A PNG of the first page, to look at as a clerk would.
  const png = spawnSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    printed.pdf,
    path.join(ARTIFACTS, 'page'),
  ]);
  expect(png.status).toBe(0);
});
