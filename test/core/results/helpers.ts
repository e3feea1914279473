// Shared by the results tests: sheets from rows of values (as a reader hands them to the core), units, and the
// issue example's settings.
import type { Group } from '../../../src/core/catalog/model';
import type { CellValue } from '../../../src/core/plan/model';
import type { EntryKind, RegisterEntry, ResultUnit, Settings } from '../../../src/core/results/model';
import { cellsFromGrid, type SheetContents } from '../../../src/core/validate/grid';

/** A first sheet holding `rows` from A1, as the file reader or the Office adapter would give it. */
export function sheetOf(rows: CellValue[][], name = 'Sheet1'): SheetContents {
  return { name, visibility: 'visible', protected: false, cells: cellsFromGrid(rows, undefined) };
}

export const unit = (id: string, name: string, group: Group): ResultUnit => ({ id, name, group });

/** The issue's example: 自评 20 : 考核 80, four bands, 30% 优秀, bonus capped at 5. */
export const ISSUE_SETTINGS: Settings = {
  weights: { self: 20, assessed: 80, survey: 0 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '合格', min: 80 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 5,
};

let row = 1;
/** A register entry as the reader would return it (the row number only tells entries apart). */
export function entry(unitId: string, kind: EntryKind, points: number | null = null): RegisterEntry {
  row += 1;
  return { row, unitId, kind, points, reason: '事由', document: '', date: '' };
}
