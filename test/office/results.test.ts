// The result inserted in Excel (结果 in the task pane): the summary with 考核结果 and 加减分明细 added to the open
// workbook through src/office/results.ts, against the shared Excel stand-in (excel-mock.ts: HyperFormula calculates
// what the adapter wrote). For the 2019 catalog with a register and a survey, the stand-in's calculated 最终得分 and
// the 等次 equal the core's, unit by unit; the sync count does not grow with the number of units; nothing existing
// is replaced, and a renamed 加减分明细 keeps 考核结果's sums right. This does not prove that Excel accepts the calls.
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { summaryTextsFor } from '../../src/app/collect/texts';
import {
  readRegisterFile,
  readSurveyFile,
  resultUnits,
  summaryResults,
  withResultSheets,
  type ResultInputs,
} from '../../src/app/results';
import type { Catalog, Unit } from '../../src/core/catalog/model';
import type { Submission } from '../../src/core/collect/model';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { buildSummary } from '../../src/core/collect/summary';
import type { Results, Settings } from '../../src/core/results/model';
import { RESULTS_COLUMNS } from '../../src/core/results/sheet';
import { columnNumber } from '../../src/core/address';
import { createTranslator } from '../../src/i18n';
import { syncCounter } from '../../src/office/excel-api';
import { insertResults } from '../../src/office/results';
import { sheetFile } from '../support/results-fixtures';
import { useFakeExcel, type FakeExcel } from './excel-mock';

const t = createTranslator('zh-CN');
const SHEET = t('results:sheet.sheet');
const DETAILS = t('results:sheet.detailsSheet');

const settings: Settings = {
  weights: { self: 20, assessed: 60, survey: 20 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '合格', min: 80 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 5,
};

/** A valid submission with these totals (the result reads only the totals). */
function submitted(u: Unit, self: number, assessed: number | null): Submission {
  return {
    file: `${u.name}.xlsx`,
    submittedAt: '2020-01-10T08:30:00.000Z',
    report: {
      status: 'valid',
      identity: { unitId: u.id, unitName: u.name, group: u.group, year: 2019 },
      totals: { self, assessed },
      issues: [],
    },
    items: u.items.map((i) => ({
      ...i,
      selfScore: i.weight,
      assessedScore: assessed === null ? null : i.weight,
      deductionReason: '',
      completion: '已完成',
      evidence: '',
    })),
  };
}

/** Totals that give ties, quota edges and varied figures; the last unit of the catalog stays unassessed. */
function submissions(catalog: Catalog): Submission[] {
  return catalog.units.map((u, i) =>
    submitted(u, 94 + (i % 6) + 0.5, i === catalog.units.length - 1 ? null : 90 + ((i * 7) % 10) + (i % 3) * 0.25),
  );
}

async function inputs(catalog: Catalog): Promise<ResultInputs> {
  const [a, b, c, d] = catalog.units;
  const units = resultUnits(catalog);
  const register = readRegisterFile(
    await sheetFile([
      ['单位', '类型', '分值', '事由', '文号', '日期'],
      [a!.name, '加分', 3, '省级表彰', '青自然〔2019〕1号', '2019-06-01'],
      [b!.name, '加分', 4, '国家级表彰', '', ''],
      [b!.name, '加分', 3, '省级表彰', '', ''],
      [c!.name, '扣分', 2.5, '通报批评', '', ''],
      [d!.name, '一票否决', null, '安全生产事故', '', ''],
      ['不存在的局', '加分', 1, '？', '', ''],
    ]),
    units,
  );
  const survey = readSurveyFile(
    await sheetFile([
      ['单位', '优秀', '良好', '一般', '差'],
      ...catalog.units.map((u, i) => [u.name, 30 + (i % 5), 3, i % 3, i % 2]),
    ]),
    units,
  );
  if (!register.ok || !survey.ok) throw new Error('test inputs refused');
  expect(register.issues.map((i) => i.cell)).toEqual(['A7']);
  return { settings, register: register.value, survey: survey.value };
}

async function resultBook(catalog: Catalog) {
  const values = await inputs(catalog);
  const summary = buildSummary(catalog, submissions(catalog));
  const results = summaryResults(summary, values);
  const book = withResultSheets(
    summaryToSheets(summary, summaryTextsFor('zh-CN')),
    results,
    values,
    2019,
    '2020-01-20',
    t,
  );
  return { results, book };
}

const excel = useFakeExcel();
let fake: FakeExcel;

beforeEach(() => {
  syncCounter.reset();
});

/** Per unit name, what the stand-in shows in 考核结果's 最终得分 and 等次, and whether 最终得分 is a formula. */
function shown(sheetName: string): Map<string, { final: unknown; grade: unknown; formula: boolean }> {
  const sheet = fake.sheet(sheetName);
  const out = new Map<string, { final: unknown; grade: unknown; formula: boolean }>();
  const [unitCol, finalCol, gradeCol] = [RESULTS_COLUMNS.unit, RESULTS_COLUMNS.final, RESULTS_COLUMNS.grade].map(
    columnNumber,
  );
  for (let row = 1; row <= 200; row++) {
    const name = sheet.cells.get(`${row},${unitCol}`)?.value;
    const final = sheet.cells.get(`${row},${finalCol}`);
    if (typeof name !== 'string' || row <= 3) continue;
    out.set(name, {
      final: final === undefined || final.value === '' ? null : final.value,
      grade: sheet.cells.get(`${row},${gradeCol}`)?.value ?? '',
      formula: final !== undefined && String(final.input).startsWith('='),
    });
  }
  return out;
}

function expectCoreFigures(results: Results, sheetName: string): void {
  const seen = shown(sheetName);
  for (const r of results.units) {
    const cell = seen.get(r.unit.name);
    expect({ unit: r.unit.name, ...cell }).toEqual({
      unit: r.unit.name,
      final: r.final,
      grade: r.grade ?? (r.pending ? '待定' : ''),
      formula: r.final !== null,
    });
  }
}

describe('结果 in the task pane: the result inserted in Excel', () => {
  test("the 2019 catalog with a register and a survey: the stand-in's calculated 最终得分 and the 等次 equal the core, in two syncs", async () => {
    const catalog = loadEmbeddedCatalog();
    const { results, book } = await resultBook(catalog);
    // The figures are not trivial: a capped bonus, a deduction, a veto, a pending unit and the quota at work.
    expect(results.units.some((r) => r.bonusClaimed > r.bonus)).toBe(true);
    expect(results.units.some((r) => r.veto)).toBe(true);
    expect(results.units.some((r) => r.pending)).toBe(true);
    expect(results.units.some((r) => r.quota === 'over-limit' || r.quota === 'tie')).toBe(true);

    fake = excel.install();
    fake.addSheet('Sheet1');
    const inserted = await insertResults(book, SHEET);
    expect(inserted.sheets).toEqual(book.sheets.map((s) => s.name));
    expect(inserted.sheets.slice(0, 2)).toEqual(['汇总', SHEET]);
    expect(inserted.sheets[inserted.sheets.length - 1]).toBe(DETAILS);
    expect(fake.syncs).toBe(2);
    expect(syncCounter.count).toBe(2);
    expect(fake.activeId).toBe(fake.sheet(SHEET).id);
    expectCoreFigures(results, SHEET);

    // Printed as a 通报 attachment: A4 landscape, one page wide, the title rows repeated.
    expect(fake.setsOn(SHEET, 'pageLayout.orientation')[0]!.value).toBe('Landscape');
    expect(fake.setsOn(SHEET, 'pageLayout.paperSize')[0]!.value).toBe('A4');
    expect(fake.setsOn(SHEET, 'pageLayout.zoom')[0]!.value).toEqual({ horizontalFitToPages: 1 });
    expect(fake.callsOn(SHEET, 'pageLayout.setPrintTitleRows')[0]!.args).toEqual(['$1:$2']);
  });

  test('the sync count does not grow with the number of units', async () => {
    const full = loadEmbeddedCatalog();
    const small: Catalog = { ...full, units: full.units.filter((u) => u.group === 'bureau') };
    const counts: number[] = [];
    for (const catalog of [small, full]) {
      const { book } = await resultBook(catalog);
      fake = excel.install();
      syncCounter.reset();
      await insertResults(book, SHEET);
      counts.push(fake.syncs);
    }
    expect(small.units.length).toBeLessThan(full.units.length / 5);
    expect(counts).toEqual([2, 2]);
  });

  test('nothing existing is replaced; 考核结果 sums the new 加减分明细 when the name was taken', async () => {
    const catalog = loadEmbeddedCatalog();
    const { results, book } = await resultBook(catalog);
    fake = excel.install();
    fake.addSheet(SHEET);
    fake.addSheet(DETAILS);
    // An older 加减分明细 whose rows would change the sums if 考核结果 read it.
    const older = fake.sheet(DETAILS);
    older.cells.set('2,1', { input: catalog.units[5]!.name, value: catalog.units[5]!.name });
    older.cells.set('2,2', { input: '加分', value: '加分' });
    older.cells.set('2,3', { input: 5, value: 5 });
    const inserted = await insertResults(book, SHEET);
    expect(inserted.sheets[1]).toBe(`${SHEET} (2)`);
    expect(inserted.sheets[inserted.sheets.length - 1]).toBe(`${DETAILS} (2)`);
    expect(fake.sheets.slice(0, 2).map((s) => s.name)).toEqual([SHEET, DETAILS]);
    expect(fake.entriesFor(fake.sheet(SHEET).id)).toEqual([]);
    expect(fake.entriesFor(older.id)).toEqual([]);
    expectCoreFigures(results, `${SHEET} (2)`);
  });
});
