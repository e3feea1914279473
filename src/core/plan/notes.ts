// The 填报说明 sheet beside a unit's sheet (template version 2): what the unit fills in, the rules its entries
// follow, how to return the sheet and, when the run gives one, the deadline. Words from the sheet texts; one column
// of wrapped lines, every cell locked (the sheet is protected like the unit's).
import type { Unit } from '../catalog/model';
import type { CatalogIdentity, NotesSheetPlan, PlanCell } from './model';
import { NOTES_WIDTH, ROW_HEIGHTS, notesRowHeight } from './styles';
import { fillText, type SheetTexts } from './texts';

export interface Deadline {
  year: number;
  month: number;
  day: number;
}

/** A deadline written yyyy-mm-dd that is a real date (2019-02-30 is not), else undefined. */
export function parseDeadline(text: string): Deadline | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function buildNotesSheet(
  unit: Unit,
  catalog: CatalogIdentity,
  texts: SheetTexts,
  options: { sheetName: string; deadline?: string },
): NotesSheetPlan {
  const notes = texts.notes;
  const lines = notes.lines.map((line) =>
    fillText(line, { sheet: options.sheetName, unit: unit.name, year: catalog.year }),
  );
  if (options.deadline !== undefined) {
    const deadline = parseDeadline(options.deadline);
    if (!deadline) throw new RangeError(`deadline is not a date written yyyy-mm-dd: ${options.deadline}`);
    lines.push(fillText(notes.deadline, { deadline: fillText(notes.date, { ...deadline }) }));
  }
  const cell = (row: number, value: string, style: string): PlanCell => ({
    row,
    col: 1,
    address: `A${row}`,
    value,
    style,
    locked: true,
  });
  const title = fillText(notes.title, { unit: unit.name, year: catalog.year });
  const cells = [cell(1, title, 'notesTitle'), ...lines.map((line, i) => cell(i + 2, line, 'notesText'))];
  const rowHeights: Record<number, number> = { 1: ROW_HEIGHTS.notesTitle };
  lines.forEach((line, i) => (rowHeights[i + 2] = notesRowHeight(line)));
  return { name: notes.sheetName, width: NOTES_WIDTH, cells, rowHeights };
}
