// Fills a generated template the way a unit would: every 完成情况 (column F) and 自评得分 (column G, at its row's full
// 分值, column E), and the
// subtotal / 合计 results stored as a recalculating spreadsheet program stores them (each G total equals the E one).
import ExcelJS from 'exceljs';

export async function fillFullMarks(template: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((w) => w.state === 'visible') as ExcelJS.Worksheet;
  sheet.eachRow((row) => {
    const e = row.getCell(5).value;
    const g = row.getCell(7);
    if (typeof e === 'number' && g.value === null) {
      g.value = e;
      if (row.getCell(6).value === null) row.getCell(6).value = '已完成';
    }
    const eResult = e && typeof e === 'object' && 'formula' in e ? (e as ExcelJS.CellFormulaValue).result : undefined;
    if (typeof eResult === 'number' && g.value && typeof g.value === 'object' && 'formula' in g.value) {
      g.value = { formula: (g.value as ExcelJS.CellFormulaValue).formula, result: eResult };
    }
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
