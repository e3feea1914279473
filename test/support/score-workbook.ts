// Filling a scoring workbook (评分表) as a scorer would, for tests: 考核得分 and 考核扣分说明 written with ExcelJS in
// the input cells only (the rows its record lists), the sums' cached results dropped so nothing stale is read.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog } from '../../src/core/catalog/model';
import { readRecord } from '../../src/core/scoring-workbook';
import { findMetaSheet } from '../../src/core/validate/meta';
import { SheetGrid } from '../../src/core/validate/sheet';
import { readWorkbook } from '../../src/xlsx/read';

/**
 * Scores `unitIds`' rows of the scoring workbook `file`: full marks, but half a point off the first row of each unit
 * (with a reason). Writes `<file>-scored.xlsx` beside it and returns the scores written per unit id.
 */
export async function scoreWorkbook(
  catalog: Catalog,
  file: string,
  unitIds: ReadonlySet<string>,
): Promise<Map<string, number[]>> {
  const read = readWorkbook(new Uint8Array(readFileSync(file)));
  if (!read.ok) throw new Error(read.failure.code);
  const record = readRecord(new SheetGrid(findMetaSheet(read.contents)!).toRows(30_000, 20));
  if (!record.ok) throw new Error(record.field);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const written = new Map<string, number[]>();
  for (const r of record.rows) {
    if (!unitIds.has(r.unitId)) continue;
    const weight = catalog.units.find((u) => u.id === r.unitId)!.items[r.itemIndex]!.weight;
    const mine = written.get(r.unitId) ?? [];
    const value = mine.length === 0 && weight >= 0.5 ? weight - 0.5 : weight;
    const sheet = workbook.getWorksheet(r.sheet)!;
    sheet.getCell(r.row, 11).value = value;
    if (value < weight) sheet.getCell(r.row, 12).value = '佐证不足';
    mine.push(value);
    written.set(r.unitId, mine);
  }
  // Cached results of the sums would be stale: dropped, as a program that recalculates on open would not need.
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula } as ExcelJS.CellValue;
      }),
    );
  const out = file.replace(/\.xlsx$/, '-scored.xlsx');
  writeFileSync(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return written;
}
