// 生成 into the open workbook with a 交回截止日期 (what 生成 sends when its date field is filled, as
// `generate --deadline`): the pane's Excel engine (src/taskpane/engine/office.ts) inserts the unit's sheets into the
// Excel stand-in (test/office/excel-mock.ts), and the unit's 填报说明 sheet says the date; without one it says none.
// From the request on: the field itself (GenerateRun) is not driven here.
import { insertIntoWorkbook } from '../../src/taskpane/engine/office';
import { useFakeExcel } from '../office/excel-mock';
import { embeddedCatalog } from './support/sheets';

const excel = useFakeExcel();

/** The texts of every cell of every sheet the run added, by sheet name. */
async function generate(deadline?: string): Promise<Map<string, string[]>> {
  const fake = excel.install();
  fake.addSheet('Sheet1');
  const catalog = embeddedCatalog();
  const result = await insertIntoWorkbook({
    catalog,
    units: [catalog.units[0]!],
    target: 'workbook',
    ...(deadline ? { deadline } : {}),
    onProgress: () => {},
    signal: new AbortController().signal,
  });
  expect(result).toMatchObject({ done: 1, cancelled: false });
  return new Map(fake.sheets.map((s) => [s.name, [...s.cells.values()].map((c) => String(c.value ?? ''))]));
}

test('a deadline in 生成’s request reaches the 填报说明 sheet of the unit inserted into the workbook', async () => {
  const sheets = await generate('2019-12-20');
  const notes = [...sheets.entries()].filter(([name]) => name.includes('填报说明'));
  expect(notes).toHaveLength(1);
  expect(notes[0]![1]).toContain('八、截止日期：请于2019年12月20日前交回。');
});

test('without a deadline the 填报说明 names no date', async () => {
  const sheets = await generate();
  const notes = [...sheets.entries()].filter(([name]) => name.includes('填报说明'));
  expect(notes).toHaveLength(1);
  expect(notes[0]![1].join('\n')).not.toContain('截止日期');
});
