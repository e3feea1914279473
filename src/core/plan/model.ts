// The sheet plan: everything about one unit's target sheet, as data. The core builds it; the xlsx renderer
// (src/xlsx) writes it to a file and the Office adapter (src/office) applies it to a live workbook.
// Neither renderer makes a layout decision: if a renderer needs to know something, it belongs here.
import type { Block, Group } from '../catalog/model';

/** Columns of the item table, in order. The header texts are a file-format contract (PRODUCT.md). */
export const COLUMNS = [
  { key: 'seq', header: '序号', input: false },
  { key: 'category', header: '指标类别', input: false },
  { key: 'item', header: '考核项目', input: false },
  { key: 'content', header: '考核内容', input: false },
  { key: 'weight', header: '分值', input: false },
  { key: 'completion', header: '完成情况', input: true },
  { key: 'selfScore', header: '自评得分', input: true },
  { key: 'deductionReason', header: '扣分说明', input: true },
  // The assessors' column: an input of v1 templates, locked in a unit's template since v2 (see ./edition).
  { key: 'assessedScore', header: '考核得分', input: true },
  { key: 'evidence', header: '佐证材料', input: true },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** A1-style address, e.g. "G7"; ranges "G7:G30". Rows and columns in the plan are 1-based. */
export type CellAddress = string;
export type RangeAddress = string;

export type CellValue = string | number | boolean | null;

/**
 * Colour (RRGGBB) of every `border: 'thin'` edge, in the files (both writers) and in the live workbook (the
 * Office adapter): a mid grey, lighter than the text.
 */
export const BORDER_COLOR = '808080';

export interface CellStyle {
  font?: { bold?: boolean; size?: number; color?: string /* RRGGBB */; name?: string };
  /** Solid background, RRGGBB. */
  fill?: string;
  alignment?: {
    horizontal?: 'left' | 'center' | 'right';
    vertical?: 'top' | 'middle' | 'bottom';
    wrapText?: boolean;
  };
  /** 'thin': thin edges in BORDER_COLOR on every side (and inside, where a renderer styles a range). */
  border?: 'thin' | 'none';
  /** Excel number format code, e.g. "0.##" or "@". */
  numberFormat?: string;
}

export interface PlanCell {
  row: number;
  col: number;
  address: CellAddress;
  /** A constant; omitted for formula cells and styled-only empty cells. */
  value?: CellValue;
  /** Formula without the leading '=' (English function names, comma separators, A1 references). */
  formula?: string;
  /** For formula cells: the result for the empty template (written as the cached value where a renderer can). */
  result?: CellValue;
  /** Key into SheetPlan.styles. */
  style?: string;
  /** false only for input cells. */
  locked: boolean;
}

/** A score: a decimal between min and the weight cell of the same row, refused otherwise (stop alert). */
export interface ScoreValidation {
  range: RangeAddress;
  kind: 'decimal';
  min: number;
  /** Relative to the range's first cell. */
  maxFormula: string;
  allowBlank: boolean;
  errorStyle: 'stop';
  errorTitle: string;
  error: string;
  promptTitle: string;
  prompt: string;
}

/** Any value; only the rule shown as the cell's input message when it is selected (e.g. 完成情况's). */
export interface PromptValidation {
  range: RangeAddress;
  kind: 'any';
  promptTitle: string;
  prompt: string;
}

export type PlanValidation = ScoreValidation | PromptValidation;

export interface PlanConditionalFormat {
  range: RangeAddress;
  /** Formula relative to the range's top-left cell, without '='. */
  formula: string;
  /** Key into SheetPlan.styles (only font colour and fill are used). */
  style: string;
  /** 1 = highest. */
  priority: number;
  stopIfTrue: boolean;
  /** Stable name for tests and for the task pane's legend, e.g. "missing-input". */
  code: string;
}

/** Worksheet protection: everything locked but the input cells. The password is never part of the plan. */
export interface PlanProtection {
  selectLockedCells: boolean;
  selectUnlockedCells: boolean;
  formatCells: boolean;
  formatColumns: boolean;
  formatRows: boolean;
  insertRows: boolean;
  insertColumns: boolean;
  deleteRows: boolean;
  deleteColumns: boolean;
  sort: boolean;
  autoFilter: boolean;
}

export interface PlanPrint {
  orientation: 'landscape' | 'portrait';
  paperSize: 'A4';
  fitToWidth: 1;
  /** 0 = as many pages tall as needed. */
  fitToHeight: 0;
  /** Centred between the left and right margins. */
  centerHorizontally: boolean;
  /** Rows repeated at the top of every printed page, e.g. [5, 5]. */
  titleRows: [number, number];
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /**
   * The part of the sheet that prints (absent: all of it), e.g. "A2:J40": the status line above it stays on
   * screen only.
   */
  area?: RangeAddress;
  /** Printed without colours (Excel's "black and white"): the input cells' fills and the marks do not print. */
  blackAndWhite: boolean;
  /** Page header and footer, each section in SpreadsheetML's codes (&P page, &N pages; a literal & is &&). */
  header?: HeaderFooterSections;
  footer?: HeaderFooterSections;
}

export interface HeaderFooterSections {
  left?: string;
  center?: string;
  right?: string;
}

export interface ItemRow {
  row: number;
  /** Index into the unit's items (catalog order). */
  itemIndex: number;
  block: Block;
}

export interface SubtotalRow {
  row: number;
  block: Block;
}

/** The block under 合计 that the unit fills in and signs: one input cell per field, next to its label. */
export interface SignatureField {
  key: 'unit' | 'head' | 'filler' | 'phone' | 'date';
  /** The label's cell. */
  label: CellAddress;
  /** The input cell (the first of its merge). */
  input: CellAddress;
}

/** Where things are, so that readers (validator, live panel) need not search for them. */
export interface SheetLayout {
  titleRow: number;
  infoRow: number;
  statusRow: number;
  headerRow: number;
  itemRows: ItemRow[];
  subtotalRows: SubtotalRow[];
  totalRow: number;
  /** The signature block's fields (none in a v1 template). */
  signature: SignatureField[];
  /** The last row of the sheet's content (the signature block's, else 合计). */
  lastRow: number;
  /** 1-based column numbers of each column key. */
  columns: Record<ColumnKey, number>;
}

/** The catalog a plan is made from, as the plan records it (catalogIdentity() in ./fingerprint.ts makes one). */
export interface CatalogIdentity {
  year: number;
  source: string;
  /** catalogFingerprint(catalog) */
  fingerprint: string;
}

/** Identity and integrity, carried inside the file (see metaSheet), readable by any xlsx reader. */
export interface SheetMetadata {
  /** Always "target-sheets": tells a template from any other workbook. */
  format: 'target-sheets';
  templateVersion: number;
  catalogYear: number;
  catalogSource: string;
  /** Fingerprint of the whole catalog the template was made from (hex). */
  catalogFingerprint: string;
  unitId: string;
  unitName: string;
  group: Group;
  /** Fingerprint (hex SHA-256) of the locked content: items, weights, layout and formulas. */
  fingerprint: string;
  /** ISO 8601, from an option or SOURCE_DATE_EPOCH (deterministic output). */
  createdAt: string;
}

/**
 * A visible, protected sheet of running text beside the unit's sheet: the 填报说明 (what to fill, the rules, how to
 * return the sheet, the deadline). One column; each line a row.
 */
export interface NotesSheetPlan {
  name: string;
  /** Width of its one column, in characters. */
  width: number;
  /** Row-major, column 1 only; every cell locked. */
  cells: PlanCell[];
  rowHeights: Record<number, number>;
}

/** A very hidden worksheet holding the metadata and the locked content as plain rows. */
export interface MetaSheetPlan {
  name: string;
  rows: CellValue[][];
}

export interface SheetPlan {
  sheetName: string;
  /** The document's title (the file's core properties): the sheet's title line. */
  title: string;
  columns: { key: ColumnKey; header: string; width: number }[];
  rowHeights: Record<number, number>;
  /** Row-major (sorted by row, then col). */
  cells: PlanCell[];
  merges: RangeAddress[];
  styles: Record<string, CellStyle>;
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  protection: PlanProtection;
  print: PlanPrint;
  /**
   * Rows / columns frozen at the top-left, and the cell selected when the file is opened (the first input cell:
   * 完成情况 of the first item row).
   */
  freeze: { rows: number; cols: number; activeCell: CellAddress };
  layout: SheetLayout;
  metadata: SheetMetadata;
  /** The 填报说明 sheet, written after the unit's sheet (none in a v1 template). */
  notes?: NotesSheetPlan;
  metaSheet: MetaSheetPlan;
  /** Also written as custom document properties (docProps/custom.xml) where the renderer can. */
  properties: Record<string, string>;
}

/**
 * What a writer needs to draw one sheet: a unit's SheetPlan is one, and so is each sheet of a scoring workbook
 * (src/core/scoring-workbook). Columns are only widths here; what they hold is the plan's business.
 */
export type SheetDrawing = Pick<
  SheetPlan,
  | 'sheetName'
  | 'rowHeights'
  | 'cells'
  | 'merges'
  | 'styles'
  | 'validations'
  | 'conditionalFormats'
  | 'protection'
  | 'print'
  | 'freeze'
> & { columns: readonly { width: number }[] };

/** A workbook of several drawn sheets and one very hidden meta sheet after them (a scoring workbook). */
export interface WorkbookDrawing {
  /** The document's title (core properties). */
  title: string;
  /** ISO 8601: the files' dates (deterministic output: the caller decides it). */
  createdAt: string;
  /** What the password's salt is derived from (the catalog fingerprint): the same inputs give the same file. */
  saltSeed: string;
  sheets: SheetDrawing[];
  metaSheet: MetaSheetPlan;
  /** Also written as custom document properties where the renderer can. */
  properties: Record<string, string>;
}
