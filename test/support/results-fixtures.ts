// Returned sheets and register/survey files for the final-result tests (collect with results, the 考核结果 sheet,
// the archive): one way to fill a unit's sheet to known totals, one way to write a first-sheet table.
import ExcelJS from 'exceljs';
import { fill, type Editing } from '../integration/validate-corpus';

/**
 * Full marks, except `selfOff` / `assessedOff` points off the first target whose weight allows each; no 考核得分 at
 * all with `assessedOff` null.
 */
export function scored(selfOff: number, assessedOff: number | null) {
  return (e: Editing): void => {
    let selfDone = selfOff === 0;
    let assessedDone = assessedOff === 0;
    fill(e, (_i, weight) => {
      const self = !selfDone && weight >= selfOff;
      const assessed = assessedOff !== null && !assessedDone && weight >= assessedOff;
      if (self) selfDone = true;
      if (assessed) assessedDone = true;
      return {
        completion: '已完成',
        self: self ? weight - selfOff : weight,
        ...(assessedOff === null ? {} : { assessed: assessed ? weight - assessedOff : weight }),
        ...(self || assessed ? { reason: '部分工作未按期完成' } : {}),
      };
    });
  };
}

/** An .xlsx whose first sheet holds these rows (a register or a survey as an office keeps it). */
export async function sheetFile(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
