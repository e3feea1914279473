// The target rows of a returned sheet the validator has passed, as SubmittedItems (per-block subtotals, per-target
// statistics and the deductions list need them; the validator reports totals only). Columns are found by their
// header texts (the validator's findHeader); rows by their 考核内容, in the catalog's order, so nothing here
// depends on row numbers or merged cells. Scores are read with the validator's parseScore.
import type { Unit } from '../catalog/model';
import type { WorkbookContents } from '../validate/grid';
import { parseScore } from '../validate/score';
import { cellText, findHeader, SheetGrid } from '../validate/sheet';
import type { SubmittedItem } from './model';

function scoreOf(value: Parameters<typeof parseScore>[0]): number | null {
  const parsed = parseScore(value);
  // Only real numbers: a valid sheet holds nothing else, and the sheet's own sums count nothing else.
  return parsed.kind === 'number' ? parsed.value : null;
}

/** null when the sheet's rows do not match the unit's targets (then the summary shows totals only). */
export function readSubmittedItems(contents: WorkbookContents, unit: Unit, sheetName?: string): SubmittedItem[] | null {
  const sheets = [...contents.sheets]
    .filter((s) => s.visibility === 'visible' || s.name === sheetName)
    .sort((a, b) => Number(b.name === sheetName) - Number(a.name === sheetName));
  for (const sheet of sheets) {
    const grid = new SheetGrid(sheet);
    const header = findHeader(grid);
    if (!header) continue;
    const col = header.columns;
    if (col.content === undefined || col.selfScore === undefined) continue;
    const items: SubmittedItem[] = [];
    let row = header.row + 1;
    for (const target of unit.items) {
      const want = target.content.trim();
      while (row <= grid.maxRow && cellText(grid.value(row, col.content)) !== want) row++;
      if (row > grid.maxRow) return null;
      items.push({
        block: target.block,
        category: target.category,
        item: target.item,
        content: target.content,
        weight: target.weight,
        selfScore: scoreOf(grid.value(row, col.selfScore)),
        assessedScore: col.assessedScore === undefined ? null : scoreOf(grid.value(row, col.assessedScore)),
        deductionReason: col.deductionReason === undefined ? '' : cellText(grid.value(row, col.deductionReason)),
      });
      row++;
    }
    return items;
  }
  return null;
}
