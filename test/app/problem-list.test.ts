// 问题清单: a returned sheet's problems as lines a unit can act on — 序号, 考核项目, cell, what is wrong, what to
// do — and as an .xlsx named for the unit, read back here with ExcelJS.
import ExcelJS from 'exceljs';
import { validateWorkbookBytes } from '../../src/app/check';
import { problemList, problemListFile } from '../../src/app/problem-list';
import { createTranslator } from '../../src/i18n';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, template } from '../integration/validate-corpus';

const zh = createTranslator('zh-CN');
const unit = catalog2019.units[0]!;

test('each line names its 序号, 考核项目 and cell, what is wrong and what to do; the .xlsx is named for the unit', async () => {
  const t = await template(unit);
  // Item 3 (index 2) scored above its weight, item 4 (index 3) below it with no reason; the rest at full marks.
  const bytes = await edit(t, (e) =>
    fill(e, (i, weight) =>
      i === 2
        ? { completion: '已完成', self: weight + 1 }
        : i === 3
          ? { completion: '基本完成', self: weight - 1 > 0 ? weight - 1 : 0 }
          : { completion: '已完成', self: weight },
    ),
  );
  const report = validateWorkbookBytes(bytes, { catalog: catalog2019 });
  const list = problemList(report, '退回.xlsx', catalog2019, zh);
  expect(list.unit).toBe(unit.name);
  const above = list.lines.find((l) => l.code === 'self-score-above-weight');
  expect(above).toMatchObject({
    seq: '3',
    item: unit.items[2]!.item,
    action: zh('validate:actions.self-score'),
  });
  expect(above!.cell).toMatch(/^[A-Z]+\d+$/);
  for (const line of list.lines) expect(line.action).not.toBe('');

  const file = await problemListFile(list, zh, { date: new Date('2020-01-01T00:00:00Z') });
  expect(file.name).toBe(`${unit.name}-问题清单.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('问题清单')!;
  expect(sheet.getCell('A1').value).toBe(`${unit.name} 问题清单（${list.lines.length} 项）`);
  expect([1, 2, 3, 4, 5].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([
    '序号',
    '考核项目',
    '单元格',
    '问题',
    '处理办法',
  ]);
  const rows = list.lines.map((_, i) => [1, 2, 3, 4, 5].map((c) => sheet.getRow(i + 3).getCell(c).value ?? ''));
  expect(rows).toEqual(list.lines.map((l) => [l.seq ?? '', l.item ?? '', l.cell ?? '', l.problem, l.action]));
  // Printed as offices file it: A4 (paper size 9), one page wide, the title and the header on every page.
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(sheet.pageSetup.printTitlesRow).toBe('1:2');
});

test('a foreign file: one line with no 序号, what to do to return a sheet, named for the file', async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['通讯录']);
  const report = validateWorkbookBytes(new Uint8Array(await workbook.xlsx.writeBuffer()));
  const list = problemList(report, '通讯录.xlsx', catalog2019, zh);
  expect(list.lines).toHaveLength(1);
  expect(list.lines[0]).toMatchObject({ seq: null, item: null, action: zh('validate:actions.unreadable') });
  expect((await problemListFile(list, zh)).name).toBe('通讯录-问题清单.xlsx');
});
