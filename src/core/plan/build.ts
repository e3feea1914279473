// Builds a unit's sheet plan: every cell, formula, style, validation, conditional format, protection and
// metadata of its target sheet. Both renderers (src/xlsx, src/office) only follow it.
//
// Layout (rows, version 2): 1 status line (one formula; on screen only) · 2 title · 3 unit/group/year · 4 header
// (COLUMNS) · party items · 小计 · own items · 小计 · 合计 · an empty row · the signature block (two rows). A block
// without items has no rows and no 小计. Beside the sheet, its 填报说明 (./notes). ./edition says what version 1,
// which the validator still rebuilds, had otherwise.
// Every item row carries its own 指标类别 and 考核项目 text (no merges in the table), so a returned sheet can
// be read row by row even if a program drops merges.
// The parts live beside this file: ./styles (looks), ./checks (in-sheet validation and formats), ./status (the
// status formula), ./meta (metadata, fingerprint, meta sheet), ./notes (the 填报说明 sheet).
import { cellAddress } from '../address';
import { BLOCKS, type Unit } from '../catalog/model';
import { scoreUnit, sumWeights, type UnitScore } from '../scoring';
import { conditionalFormats, inputValidations, type BlockRows, type CheckOptions } from './checks';
import { COLUMN_LETTER as L, COLUMN_NUMBER as COL, LAST_COLUMN_LETTER } from './columns';
import { EDITIONS, TEMPLATE_VERSION, type TemplateEdition } from './edition';
import type { Sha256 } from './fingerprint';
import { buildMetaSheet, metadataProperties, sheetMetadata } from './meta';
import {
  COLUMNS,
  type CatalogIdentity,
  type ItemRow,
  type PlanCell,
  type PlanPrint,
  type SheetLayout,
  type SheetPlan,
  type SignatureField,
  type SubtotalRow,
} from './model';
import { buildNotesSheet } from './notes';
import { emptyStatus, statusFormula } from './status';
import { COLUMN_WIDTHS, ROW_HEIGHTS, STYLES, itemRowHeight } from './styles';
import { fillText, type SheetTexts } from './texts';

/** The catalog a plan records (declared with the plan's types), exported beside the function that takes it. */
export type { CatalogIdentity } from './model';

export interface BuildOptions {
  /** ISO 8601 timestamp recorded in the metadata (deterministic output: the caller decides it). */
  createdAt: string;
  texts: SheetTexts;
  /** SHA-256 for the fingerprint; the pure one by default (an edge may pass a native one: same result, faster). */
  sha256?: Sha256;
  /** The date by which the unit returns the sheet (yyyy-mm-dd), said in its 填报说明; none by default. */
  deadline?: string;
  /**
   * The template version to lay out (./edition); the current one by default. The validator rebuilds a returned
   * sheet in the version its record names.
   */
  templateVersion?: number;
}

const FIRST_ITEM_ROW = 5;

/**
 * A worksheet name Excel accepts: no []:*?/\ or control characters, no leading/trailing apostrophe, at most
 * 31 UTF-16 units, not "History"; `fallback` when nothing is left. An apostrophe inside the name becomes ’: the
 * print-titles name of a file refers to the sheet as '<name>'!$4:$4, where ExcelJS (and so the direct writer)
 * would not double it, and Excel would find the reference broken.
 */
export function safeSheetName(name: string, fallback: string): string {
  let s = name
    .replace(/[\u0000-\u001f\u007f[\]:*?/\\]/g, '')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim()
    .replace(/'/g, '’');
  while (s.length > 31) s = Array.from(s).slice(0, -1).join('');
  if (s === '' || s.toLowerCase() === 'history') s = fallback.slice(0, 31);
  return s;
}

export type CellInit = Omit<PlanCell, 'row' | 'col' | 'address' | 'locked'> & { locked?: boolean };

/**
 * The cells and row heights of a sheet as they are written; cells are locked unless said otherwise. Shared with the
 * other sheet plans of the core (the scoring workbook's, src/core/scoring-workbook).
 */
export class SheetCells {
  readonly cells: PlanCell[] = [];
  readonly rowHeights: Record<number, number> = {};

  put(row: number, col: number, cell: CellInit): void {
    this.cells.push({ row, col, address: cellAddress(row, col), locked: cell.locked ?? true, ...cell });
  }

  /** Row-major, as SheetPlan.cells is. */
  sorted(): PlanCell[] {
    return this.cells.sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

/** Where the table's rows went: item rows and a 小计 per block (party first), then 合计. */
interface TableRows {
  itemRows: ItemRow[];
  subtotalRows: SubtotalRow[];
  blocks: BlockRows[];
  totalRow: number;
}

/** The title, the unit/group/year line and the header (the edition's rows). Returns the title. */
function writeHeading(
  sheet: SheetCells,
  unit: Unit,
  catalog: CatalogIdentity,
  texts: SheetTexts,
  rows: TemplateEdition['rows'],
): string {
  const unitText = { unit: unit.name, year: catalog.year, group: texts.groups[unit.group] };
  const title = fillText(texts.title, unitText);
  sheet.put(rows.title, 1, { value: title, style: 'title' });
  sheet.put(rows.info, 1, { value: fillText(texts.info, unitText), style: 'info' });
  COLUMNS.forEach((c, i) => sheet.put(rows.header, i + 1, { value: c.header, style: 'header' }));
  sheet.rowHeights[rows.title] = ROW_HEIGHTS.title;
  sheet.rowHeights[rows.info] = ROW_HEIGHTS.info;
  sheet.rowHeights[rows.status] = ROW_HEIGHTS.status;
  sheet.rowHeights[rows.header] = ROW_HEIGHTS.header;
  return title;
}

/** One target: its locked texts and 分值, then the inputs (考核得分 locked where the edition says so). */
function writeItemRow(
  sheet: SheetCells,
  row: number,
  seq: number,
  item: Unit['items'][number],
  edition: TemplateEdition,
): void {
  sheet.put(row, COL.seq, { value: seq, style: 'seq' });
  sheet.put(row, COL.category, { value: item.category, style: 'label' });
  sheet.put(row, COL.item, { value: item.item, style: 'label' });
  sheet.put(row, COL.content, { value: item.content, style: 'text' });
  sheet.put(row, COL.weight, { value: item.weight, style: 'weight' });
  sheet.put(row, COL.completion, { style: 'input', locked: false });
  sheet.put(row, COL.selfScore, { style: 'score', locked: false });
  sheet.put(row, COL.deductionReason, { style: 'input', locked: false });
  sheet.put(row, COL.assessedScore, edition.assessedLocked ? { style: 'assessed' } : { style: 'score', locked: false });
  sheet.put(row, COL.evidence, { style: 'input', locked: false });
  sheet.rowHeights[row] = itemRowHeight(item);
}

/**
 * A sum of 考核得分: blank (an empty text) while none of its cells holds a number, so that a sheet nobody has assessed
 * does not print a score of 0; `cells` as SUM and COUNT take them ("I5:I12", or "I13,I31").
 */
function assessedSum(cells: string, edition: TemplateEdition): string {
  return edition.assessedLocked ? `IF(COUNT(${cells})=0,"",SUM(${cells}))` : `SUM(${cells})`;
}

/** A block's 小计: SUM over its item rows of 分值, 自评得分 and 考核得分; the empty template's 分值 as the result. */
function writeSubtotalRow(
  sheet: SheetCells,
  rows: BlockRows,
  label: string,
  weight: number,
  texts: SheetTexts,
  edition: TemplateEdition,
): void {
  const { first, last } = rows;
  const row = last + 1;
  const sum = (letter: string) => `SUM(${letter}${first}:${letter}${last})`;
  sheet.put(row, COL.seq, { value: texts.subtotal, style: 'sumLabel' });
  sheet.put(row, COL.category, { value: label, style: 'sumLabel' });
  sheet.put(row, COL.item, { style: 'sumLabel' });
  sheet.put(row, COL.content, { style: 'sumLabel' });
  sheet.put(row, COL.weight, { formula: sum(L.weight), result: weight, style: 'sum' });
  sheet.put(row, COL.completion, { style: 'sumLabel' });
  sheet.put(row, COL.selfScore, { formula: sum(L.selfScore), result: 0, style: 'sum' });
  sheet.put(row, COL.deductionReason, { style: 'sumLabel' });
  const assessed = `${L.assessedScore}${first}:${L.assessedScore}${last}`;
  sheet.put(row, COL.assessedScore, {
    formula: assessedSum(assessed, edition),
    result: edition.assessedLocked ? '' : 0,
    style: 'sum',
  });
  sheet.put(row, COL.evidence, { style: 'sumLabel' });
  sheet.rowHeights[row] = ROW_HEIGHTS.subtotal;
}

/** 合计: the sum of the block subtotals (0 when the unit has no items). */
function writeTotalRow(
  sheet: SheetCells,
  row: number,
  subtotals: SubtotalRow[],
  weight: number,
  texts: SheetTexts,
  edition: TemplateEdition,
): void {
  const totalOf = (letter: string) =>
    subtotals.length === 0 ? '0' : subtotals.map((s) => `${letter}${s.row}`).join('+');
  // The subtotals of 考核得分 may be blank (text), which '+' would not add: SUM skips them.
  const assessedTotal =
    edition.assessedLocked && subtotals.length > 0
      ? assessedSum(subtotals.map((s) => `${L.assessedScore}${s.row}`).join(','), edition)
      : totalOf(L.assessedScore);
  sheet.put(row, COL.seq, { value: texts.total, style: 'totalLabel' });
  for (const key of ['category', 'item', 'content', 'completion', 'deductionReason', 'evidence'] as const) {
    sheet.put(row, COL[key], { style: 'totalLabel' });
  }
  sheet.put(row, COL.weight, { formula: totalOf(L.weight), result: weight, style: 'total' });
  sheet.put(row, COL.selfScore, { formula: totalOf(L.selfScore), result: 0, style: 'total' });
  sheet.put(row, COL.assessedScore, {
    formula: assessedTotal,
    result: edition.assessedLocked && subtotals.length > 0 ? '' : 0,
    style: 'total',
  });
  sheet.rowHeights[row] = ROW_HEIGHTS.total;
}

/**
 * Under 合计, after an empty row: two rows of labels and the cells the unit writes into (unit and seal, head of unit,
 * who filled it in, telephone, date). Labels locked, inputs not; merged where a field needs room.
 */
function writeSignature(
  sheet: SheetCells,
  totalRow: number,
  texts: SheetTexts,
): { fields: SignatureField[]; merges: string[]; lastRow: number } {
  const first = totalRow + 2;
  const second = first + 1;
  const fields: SignatureField[] = [];
  const merges: string[] = [];
  // [row, label's first and last column, input's first and last column]
  const place: [SignatureField['key'], number, number, number, number, number][] = [
    ['unit', first, COL.seq, COL.item, COL.content, COL.content],
    ['head', first, COL.weight, COL.completion, COL.selfScore, COL.deductionReason],
    ['filler', first, COL.assessedScore, COL.assessedScore, COL.evidence, COL.evidence],
    ['phone', second, COL.seq, COL.item, COL.content, COL.content],
    ['date', second, COL.weight, COL.completion, COL.selfScore, COL.deductionReason],
  ];
  for (const [key, row, labelFrom, labelTo, inputFrom, inputTo] of place) {
    sheet.put(row, labelFrom, { value: texts.signature[key], style: 'signLabel' });
    for (let c = labelFrom + 1; c <= labelTo; c++) sheet.put(row, c, { style: 'signLabel' });
    const inputStyle = key === 'date' ? 'signDate' : 'signInput';
    for (let c = inputFrom; c <= inputTo; c++) sheet.put(row, c, { style: inputStyle, locked: false });
    if (labelTo > labelFrom) merges.push(`${cellAddress(row, labelFrom)}:${cellAddress(row, labelTo)}`);
    if (inputTo > inputFrom) merges.push(`${cellAddress(row, inputFrom)}:${cellAddress(row, inputTo)}`);
    fields.push({ key, label: cellAddress(row, labelFrom), input: cellAddress(row, inputFrom) });
  }
  sheet.rowHeights[first] = ROW_HEIGHTS.signatureFirst;
  sheet.rowHeights[second] = ROW_HEIGHTS.signature;
  return { fields, merges, lastRow: second };
}

/** A literal text inside a header or footer section: '&' starts a code there, so it is doubled. */
function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** A4 landscape, one page wide; v2 also: the print area without the status line, page numbers, no colours. */
function printSettings(
  edition: TemplateEdition,
  lastRow: number,
  unit: Unit,
  catalog: CatalogIdentity,
  texts: SheetTexts,
): PlanPrint {
  const { rows } = edition;
  const print: PlanPrint = {
    orientation: 'landscape',
    paperSize: 'A4',
    fitToWidth: 1,
    fitToHeight: 0,
    centerHorizontally: true,
    titleRows: [rows.header, rows.header],
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    blackAndWhite: false,
  };
  if (!edition.printed) return print;
  // The footer's texts hold SpreadsheetML codes (&P, &N) of their own: only what is filled in is escaped.
  const fill = (section: string) =>
    fillText(section, { unit: headerFooterText(unit.name), year: catalog.year }) || undefined;
  const footer = {
    left: fill(texts.footer.left),
    center: fill(texts.footer.center),
    right: fill(texts.footer.right),
  };
  return {
    ...print,
    // The status line sits on the first row, above the title: it stays on screen.
    area: `A${rows.title}:${LAST_COLUMN_LETTER}${lastRow}`,
    blackAndWhite: true,
    footer: Object.fromEntries(Object.entries(footer).filter(([, v]) => v !== undefined)),
  };
}

/** The item table below the header: each block's items and 小计, party block first, then 合计. */
function writeTable(
  sheet: SheetCells,
  unit: Unit,
  score: UnitScore,
  texts: SheetTexts,
  edition: TemplateEdition,
): TableRows {
  const table: TableRows = { itemRows: [], subtotalRows: [], blocks: [], totalRow: 0 };
  let row = FIRST_ITEM_ROW;
  let seq = 1;
  for (const block of BLOCKS) {
    const items = unit.items.map((item, index) => ({ item, index })).filter((x) => x.item.block === block);
    if (items.length === 0) continue;
    const first = row;
    for (const { item, index } of items) {
      table.itemRows.push({ row, itemIndex: index, block });
      writeItemRow(sheet, row++, seq++, item, edition);
    }
    const rows: BlockRows = { block, first, last: row - 1 };
    table.blocks.push(rows);
    const weight = score.blocks.find((b) => b.block === block)!.weight;
    writeSubtotalRow(sheet, rows, texts.blocks[block], weight, texts, edition);
    table.subtotalRows.push({ row: row++, block });
  }
  table.totalRow = row;
  writeTotalRow(sheet, row, table.subtotalRows, score.total.weight, texts, edition);
  return table;
}

export function buildSheetPlan(unit: Unit, catalog: CatalogIdentity, options: BuildOptions): SheetPlan {
  const { texts } = options;
  const version = options.templateVersion ?? TEMPLATE_VERSION;
  const edition = EDITIONS[version];
  if (!edition) throw new RangeError(`unknown template version ${version}`);
  const { rows } = edition;
  const sheet = new SheetCells();
  const title = writeHeading(sheet, unit, catalog, texts, rows);
  const score = scoreUnit(
    unit.items.map((i) => ({ block: i.block, weight: i.weight, selfScore: null, assessedScore: null })),
  );
  const table = writeTable(sheet, unit, score, texts, edition);
  const { itemRows, totalRow } = table;
  sheet.put(rows.status, 1, {
    formula: statusFormula(texts, {
      firstItem: FIRST_ITEM_ROW,
      lastItem: Math.max(FIRST_ITEM_ROW, totalRow - 1),
      totalRow,
      itemCount: itemRows.length,
      completionChecked: edition.completionChecked,
    }),
    result: emptyStatus(texts, itemRows.length, sumWeights(unit.items.map((i) => i.weight))),
    style: 'status',
  });
  const signature = edition.printed ? writeSignature(sheet, totalRow, texts) : undefined;
  const lastRow = signature?.lastRow ?? totalRow;

  const cells = sheet.sorted();
  const layout: SheetLayout = {
    titleRow: rows.title,
    infoRow: rows.info,
    statusRow: rows.status,
    headerRow: rows.header,
    itemRows,
    subtotalRows: table.subtotalRows,
    totalRow,
    signature: signature?.fields ?? [],
    lastRow,
    columns: COL,
  };
  const metadata = sheetMetadata(unit, catalog, options.createdAt, { cells, layout }, options.sha256, version);
  const sheetName = safeSheetName(unit.name, unit.id);
  const checks: CheckOptions = {
    scoreKeys: edition.assessedLocked ? ['selfScore'] : ['selfScore', 'assessedScore'],
    completionChecked: edition.completionChecked,
  };

  return {
    sheetName,
    title,
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header, width: COLUMN_WIDTHS[c.key] })),
    rowHeights: sheet.rowHeights,
    cells,
    merges: [
      ...[rows.status, rows.title, rows.info].sort((a, b) => a - b).map((r) => `A${r}:${LAST_COLUMN_LETTER}${r}`),
      ...(signature?.merges ?? []),
    ],
    styles: STYLES,
    validations: inputValidations(table.blocks, texts, checks),
    conditionalFormats: conditionalFormats(table.blocks, checks),
    protection: {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatCells: false,
      // Resizing columns and rows changes nothing locked and helps reading long texts.
      formatColumns: true,
      formatRows: true,
      insertRows: false,
      insertColumns: false,
      deleteRows: false,
      deleteColumns: false,
      sort: false,
      autoFilter: false,
    },
    print: printSettings(edition, lastRow, unit, catalog, texts),
    freeze: {
      rows: rows.header,
      cols: 0,
      activeCell: cellAddress(itemRows[0]?.row ?? FIRST_ITEM_ROW, COL.completion),
    },
    layout,
    metadata,
    ...(edition.printed
      ? { notes: buildNotesSheet(unit, catalog, texts, { sheetName, deadline: options.deadline }) }
      : {}),
    metaSheet: buildMetaSheet(unit, metadata, itemRows),
    properties: metadataProperties(metadata),
  };
}
