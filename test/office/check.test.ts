// 检查 and the live panel inside Excel give the same report as the CLI's `validate` on the same workbook.
// The CLI path is real (ExcelJS file → src/xlsx/read.ts → validateWorkbook); the Excel side is mocked with
// office-addin-mock (excel-mock.ts), loaded with the very contents the CLI read.
import type { CellValue } from '../../src/core/plan/model';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { validateWorkbook, type ValidateOptions, type ValidationReport } from '../../src/core/validate/validate';
import { LANGUAGES } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { checkOpenWorkbook, startLiveCheck } from '../../src/office/check';
import { selectCell } from '../../src/office/navigate';
import { insertPlans } from '../../src/office/render-plan';
import { readWorkbook } from '../../src/xlsx/read';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { useFakeExcel, type FakeExcel } from './excel-mock';
import { catalog2019, plans2019 } from './real-plans';

let fake: FakeExcel;
const excel = useFakeExcel();

const options: ValidateOptions = { texts: LANGUAGES.map((lang) => sheetTexts(lang)) };
const catalog = catalog2019();
const plan = plans2019(catalog)[0]!;

/** The returned file as the CLI reads it: rendered by the xlsx renderer, read by the xlsx reader. */
async function cliContents(): Promise<WorkbookContents> {
  const read = readWorkbook(await renderPlanToXlsx(plan));
  if (!read.ok) throw new Error(`the rendered template does not read: ${read.failure.code}`);
  return read.contents;
}

/** Sets input cells in contents, as a unit filling in the file would. */
function filled(contents: WorkbookContents, edits: [string, CellValue][]): WorkbookContents {
  const sheets = contents.sheets.map((s) => {
    if (s.name !== plan.sheetName) return s;
    const cells = s.cells.filter((c) => !edits.some(([a]) => a === c.address));
    for (const [address, value] of edits) {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      if (value !== null && value !== '') cells.push({ address, row: Number(m[2]), col, value });
    }
    return { ...s, cells };
  });
  return { sheets };
}

function cell(key: 'selfScore' | 'deductionReason' | 'completion', itemIndex: number): string {
  const row = plan.layout.itemRows[itemIndex]!.row;
  const col = plan.layout.columns[key];
  return `${String.fromCharCode(64 + col)}${row}`;
}

const weight = (itemIndex: number) => plan.cells.find((c) => c.row === plan.layout.itemRows[itemIndex]!.row && c.col === plan.layout.columns.weight)!.value as number;

function setUp(): void {
  fake = excel.install();
}

describe('检查 in Excel (mocked with office-addin-mock) and the CLI agree', () => {
  test('a returned sheet with a score above its weight and a missing reason: same report, same cells', async () => {
    const edits: [string, CellValue][] = [
      [cell('selfScore', 0), weight(0) + 5],
      [cell('selfScore', 1), weight(1) - 1],
      [cell('completion', 0), '已完成'],
    ];
    const contents = filled(await cliContents(), edits);
    const cli = validateWorkbook(contents, options);
    expect(cli.status).toBe('invalid');
    expect(cli.issues.map((i) => i.cell)).toEqual(expect.arrayContaining([cell('selfScore', 0), cell('deductionReason', 1)]));

    setUp();
    fake.load(contents);
    const checked = await checkOpenWorkbook({ ...options });
    expect(checked.sheetName).toBe(plan.sheetName);
    expect(checked.report).toEqual(cli);
  });

  test('a sheet whose 分值 was changed is reported the same way in Excel as by the CLI', async () => {
    const weightCell = `${String.fromCharCode(64 + plan.layout.columns.weight)}${plan.layout.itemRows[0]!.row}`;
    const contents = filled(await cliContents(), [[weightCell, 99]]);
    const cli = validateWorkbook(contents, { ...options, catalog });
    expect(cli.status).toBe('invalid');
    expect(cli.issues.some((i) => i.cell === weightCell)).toBe(true);

    setUp();
    fake.load(contents);
    expect((await checkOpenWorkbook({ ...options, catalog })).report).toEqual(cli);
  });

  test('jumping to the first problem selects its cell on the template sheet', async () => {
    const contents = filled(await cliContents(), [[cell('selfScore', 0), weight(0) + 5]]);
    setUp();
    fake.load(contents);
    const { sheetName, report } = await checkOpenWorkbook(options);
    const first = report.issues.find((i) => i.cell !== null)!;
    await selectCell(sheetName, first.cell!);
    const calls = fake.entriesFor(fake.sheet(sheetName).id).filter((e) => e.kind === 'call' && e.method === 'select');
    expect(calls).toEqual([expect.objectContaining({ range: first.cell })]);
  });
});

describe('the live panel in Excel (mocked with office-addin-mock) and the CLI agree', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('typing and pasting scores gives, after the pause, the report the CLI gives for the same cells', async () => {
    const original = await cliContents();
    setUp();
    fake.load(original);
    const reports: ValidationReport[] = [];
    const session = await startLiveCheck({ validate: options, onPass: (r) => reports.push(r), debounceMs: 30 });
    expect(reports).toEqual([validateWorkbook(original, options)]);

    const edits: [string, CellValue][] = [
      [cell('selfScore', 0), weight(0) + 5],
      [cell('selfScore', 2), '九十'],
      [cell('selfScore', 1), weight(1) - 1],
    ];
    const syncsBefore = fake.syncs;
    for (const [address, value] of edits) await fake.edit(plan.sheetName, address, value);
    await wait(150);
    expect(fake.syncs - syncsBefore).toBe(1);
    expect(reports).toHaveLength(2);
    const cli = validateWorkbook(filled(original, edits), options);
    expect(cli.status).toBe('invalid');
    expect(reports[1]).toEqual(cli);
    await session.stop();
  });

  test('a sheet generated by the adapter checks as untampered: the only problems are the empty self scores', async () => {
    setUp();
    const { sheets } = await insertPlans([plan]);
    const { report } = await checkOpenWorkbook({ ...options, catalog, sheet: sheets[0]!.sheetName });
    expect(report.identity).toMatchObject({ unitId: plan.metadata.unitId, sheetName: plan.sheetName });
    expect(report.issues.map((i) => [i.code, i.cell])).toEqual(
      plan.layout.itemRows.map((_, i) => ['self-score-missing', cell('selfScore', i)]),
    );
  });
});
