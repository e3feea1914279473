// The empty register and the empty survey the product hands out, as data for a writer (the .xlsx file, the live
// workbook). They are the summary's sheet shape (SummarySheet: columns, typed cells, freeze, filter) with what an
// input sheet adds: data validation and protection. A writer decides nothing; the texts staff read (titles, sheet
// names, validation messages) come in `texts`, while the header texts and the 类型 values are the readers'
// contract (./register, ./survey) and are always these.
//
// - Register: the first sheet has a title, the header row (locked) and REGISTER_ROWS empty rows (unlocked) with a
//   drop-down of the catalog's units (a list on a second sheet: Excel caps a typed list at 255 characters, which
//   fifty unit names exceed), a drop-down of the three types and 分值 a decimal ≥ 0.
// - Survey: one sheet; title, header and one locked row per catalog unit, its four counts unlocked, whole
//   numbers ≥ 0.
import type { Group } from '../catalog/model';
import { SUMMARY_STYLES, type SummaryCell, type SummarySheet, type SummaryWorkbook } from '../collect/sheets';
import { columnLetter } from '../address';
import type { PlanProtection } from '../plan/model';
import type { ResultUnit } from './model';
import { ENTRY_KIND_LABELS, REGISTER_COLUMNS, REGISTER_HEADERS } from './register';
import { SURVEY_COLUMNS, SURVEY_HEADERS } from './survey';

/** A data-validation rule over a range (blanks always allowed); `error` is shown when a typed value breaks it. */
export type SheetValidation =
  | { range: string; kind: 'list'; values: readonly string[]; error: string }
  /** A drop-down of the values in `source`, an absolute reference such as '单位名单'!$A$2:$A$53. */
  | { range: string; kind: 'list-range'; source: string; error: string }
  | { range: string; kind: 'decimal-min'; min: number; error: string }
  | { range: string; kind: 'whole-min'; min: number; error: string };

export interface InputSheet extends SummarySheet {
  validations: SheetValidation[];
  /** The sheet is protected (no password); every cell is locked but those in `unlocked` (A1 ranges). */
  protection: { options: PlanProtection; unlocked: string[] };
}

export interface InputWorkbook extends SummaryWorkbook {
  sheets: InputSheet[];
}

export interface InputWorkbookTexts {
  /** {year} */
  registerTitle: string;
  registerSheet: string;
  unitsSheet: string;
  /** The units sheet's header: 单位, 分组. */
  unitsHeader: { unit: string; group: string };
  /** {year} */
  surveyTitle: string;
  surveySheet: string;
  groups: Record<Group, string>;
  errors: { unit: string; kind: string; points: string; votes: string };
}

/** Empty register rows offered below the header (a year's entries for fifty units fit comfortably). */
export const REGISTER_ROWS = 1000;
/** Row of the header in both workbooks (a title above it). */
export const INPUT_HEADER_ROW = 2;

const text = (value: string, style = 'text'): SummaryCell => ({ kind: 'text', value, style });
const fill = (template: string, year: number): string => template.replace(/\{year\}/g, String(year));

const PROTECTION: PlanProtection = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: true,
  formatRows: true,
  insertRows: false,
  insertColumns: false,
  deleteRows: false,
  deleteColumns: false,
  sort: false,
  autoFilter: false,
};

/** Excel's sheet reference in a formula: quoted, with quotes doubled. */
function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function emptyRegister(year: number, units: readonly ResultUnit[], texts: InputWorkbookTexts): InputWorkbook {
  const first = INPUT_HEADER_ROW + 1;
  const last = INPUT_HEADER_ROW + REGISTER_ROWS;
  const column = (c: (typeof REGISTER_COLUMNS)[number]): string => columnLetter(REGISTER_COLUMNS.indexOf(c) + 1);
  const over = (c: (typeof REGISTER_COLUMNS)[number]): string => `${column(c)}${first}:${column(c)}${last}`;
  const listSource = `${sheetReference(texts.unitsSheet)}!$A$2:$A$${Math.max(2, units.length + 1)}`;
  const register: InputSheet = {
    name: texts.registerSheet,
    columns: [28, 12, 10, 48, 24, 14].map((width) => ({ width })),
    rows: [
      [text(fill(texts.registerTitle, year), 'title')],
      REGISTER_COLUMNS.map((c) => text(REGISTER_HEADERS[c], 'header')),
    ],
    freeze: { rows: INPUT_HEADER_ROW, cols: 0 },
    filter: null,
    validations: [
      { range: over('unit'), kind: 'list-range', source: listSource, error: texts.errors.unit },
      { range: over('kind'), kind: 'list', values: Object.values(ENTRY_KIND_LABELS), error: texts.errors.kind },
      { range: over('points'), kind: 'decimal-min', min: 0, error: texts.errors.points },
    ],
    protection: {
      // Staff add and remove entries, and sort them; the header stays as the reader needs it.
      options: { ...PROTECTION, insertRows: true, deleteRows: true, sort: true },
      unlocked: [`A${first}:${columnLetter(REGISTER_COLUMNS.length)}${last}`],
    },
  };
  const list: InputSheet = {
    name: texts.unitsSheet,
    columns: [{ width: 32 }, { width: 20 }],
    rows: [
      [text(texts.unitsHeader.unit, 'header'), text(texts.unitsHeader.group, 'header')],
      ...units.map((u) => [text(u.name), text(texts.groups[u.group])]),
    ],
    freeze: { rows: 1, cols: 0 },
    filter: null,
    validations: [],
    protection: { options: PROTECTION, unlocked: [] },
  };
  return { sheets: [register, list], styles: SUMMARY_STYLES, chart: null };
}

export function emptySurvey(year: number, units: readonly ResultUnit[], texts: InputWorkbookTexts): InputWorkbook {
  const first = INPUT_HEADER_ROW + 1;
  const last = INPUT_HEADER_ROW + units.length;
  const votes = `B${first}:${columnLetter(SURVEY_COLUMNS.length)}${Math.max(first, last)}`;
  const sheet: InputSheet = {
    name: texts.surveySheet,
    columns: [32, 10, 10, 10, 10].map((width) => ({ width })),
    rows: [
      [text(fill(texts.surveyTitle, year), 'title')],
      SURVEY_COLUMNS.map((c) => text(SURVEY_HEADERS[c], 'header')),
      ...units.map((u): SummaryCell[] => [
        text(u.name),
        ...SURVEY_COLUMNS.slice(1).map((): SummaryCell => ({ kind: 'empty', style: 'number' })),
      ]),
    ],
    freeze: { rows: INPUT_HEADER_ROW, cols: 1 },
    filter: null,
    validations: units.length === 0 ? [] : [{ range: votes, kind: 'whole-min', min: 0, error: texts.errors.votes }],
    protection: { options: PROTECTION, unlocked: units.length === 0 ? [] : [votes] },
  };
  return { sheets: [sheet], styles: SUMMARY_STYLES, chart: null };
}
