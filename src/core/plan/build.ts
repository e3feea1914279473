// Builds a unit's sheet plan: every cell, formula, style, validation, conditional format, protection and
// metadata of its target sheet. Both renderers (src/xlsx, src/office) only follow it.
//
// Layout (rows): 1 title · 2 unit/group/year · 3 status line (one formula) · 4 header (COLUMNS) ·
// party items · 小计 · own items · 小计 · 合计. A block without items has no rows and no 小计.
// Every item row carries its own 指标类别 and 考核项目 text (no merges in the table), so a returned sheet can
// be read row by row even if a program drops merges.
// The parts live beside this file: ./styles (looks), ./checks (in-sheet validation and formats), ./status (the
// status formula), ./meta (metadata, fingerprint, meta sheet).
import { cellAddress } from '../address';
import { BLOCKS, type Unit } from '../catalog/model';
import { scoreUnit, sumWeights, type UnitScore } from '../scoring';
import { conditionalFormats, scoreValidations, type BlockRows } from './checks';
import { COLUMN_LETTER as L, COLUMN_NUMBER as COL, LAST_COLUMN_LETTER } from './columns';
import type { Sha256 } from './fingerprint';
import { buildMetaSheet, metadataProperties, sheetMetadata } from './meta';
import {
  COLUMNS,
  type CatalogIdentity,
  type ItemRow,
  type PlanCell,
  type SheetLayout,
  type SheetPlan,
  type SubtotalRow,
} from './model';
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
}

const TITLE_ROW = 1;
const INFO_ROW = 2;
const STATUS_ROW = 3;
const HEADER_ROW = 4;
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

/** Rows 1, 2 and 4: the title, the unit/group/year line and the header. Returns the title. */
function writeHeading(sheet: SheetCells, unit: Unit, catalog: CatalogIdentity, texts: SheetTexts): string {
  const unitText = { unit: unit.name, year: catalog.year, group: texts.groups[unit.group] };
  const title = fillText(texts.title, unitText);
  sheet.put(TITLE_ROW, 1, { value: title, style: 'title' });
  sheet.put(INFO_ROW, 1, { value: fillText(texts.info, unitText), style: 'info' });
  COLUMNS.forEach((c, i) => sheet.put(HEADER_ROW, i + 1, { value: c.header, style: 'header' }));
  sheet.rowHeights[TITLE_ROW] = ROW_HEIGHTS.title;
  sheet.rowHeights[INFO_ROW] = ROW_HEIGHTS.info;
  sheet.rowHeights[STATUS_ROW] = ROW_HEIGHTS.status;
  sheet.rowHeights[HEADER_ROW] = ROW_HEIGHTS.header;
  return title;
}

/** One target: its locked texts and 分值, then the five inputs. */
function writeItemRow(sheet: SheetCells, row: number, seq: number, item: Unit['items'][number]): void {
  sheet.put(row, COL.seq, { value: seq, style: 'seq' });
  sheet.put(row, COL.category, { value: item.category, style: 'label' });
  sheet.put(row, COL.item, { value: item.item, style: 'label' });
  sheet.put(row, COL.content, { value: item.content, style: 'text' });
  sheet.put(row, COL.weight, { value: item.weight, style: 'weight' });
  sheet.put(row, COL.completion, { style: 'input', locked: false });
  sheet.put(row, COL.selfScore, { style: 'score', locked: false });
  sheet.put(row, COL.deductionReason, { style: 'input', locked: false });
  sheet.put(row, COL.assessedScore, { style: 'score', locked: false });
  sheet.put(row, COL.evidence, { style: 'input', locked: false });
  sheet.rowHeights[row] = itemRowHeight(item);
}

/** A block's 小计: SUM over its item rows of 分值, 自评得分 and 考核得分; the empty template's 分值 as the result. */
function writeSubtotalRow(sheet: SheetCells, rows: BlockRows, label: string, weight: number, texts: SheetTexts): void {
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
  sheet.put(row, COL.assessedScore, { formula: sum(L.assessedScore), result: 0, style: 'sum' });
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
): void {
  const totalOf = (letter: string) =>
    subtotals.length === 0 ? '0' : subtotals.map((s) => `${letter}${s.row}`).join('+');
  sheet.put(row, COL.seq, { value: texts.total, style: 'totalLabel' });
  for (const key of ['category', 'item', 'content', 'completion', 'deductionReason', 'evidence'] as const) {
    sheet.put(row, COL[key], { style: 'totalLabel' });
  }
  sheet.put(row, COL.weight, { formula: totalOf(L.weight), result: weight, style: 'total' });
  sheet.put(row, COL.selfScore, { formula: totalOf(L.selfScore), result: 0, style: 'total' });
  sheet.put(row, COL.assessedScore, { formula: totalOf(L.assessedScore), result: 0, style: 'total' });
  sheet.rowHeights[row] = ROW_HEIGHTS.total;
}

/** The item table below the header: each block's items and 小计, party block first, then 合计. */
function writeTable(sheet: SheetCells, unit: Unit, score: UnitScore, texts: SheetTexts): TableRows {
  const table: TableRows = { itemRows: [], subtotalRows: [], blocks: [], totalRow: 0 };
  let row = FIRST_ITEM_ROW;
  let seq = 1;
  for (const block of BLOCKS) {
    const items = unit.items.map((item, index) => ({ item, index })).filter((x) => x.item.block === block);
    if (items.length === 0) continue;
    const first = row;
    for (const { item, index } of items) {
      table.itemRows.push({ row, itemIndex: index, block });
      writeItemRow(sheet, row++, seq++, item);
    }
    const rows: BlockRows = { block, first, last: row - 1 };
    table.blocks.push(rows);
    const weight = score.blocks.find((b) => b.block === block)!.weight;
    writeSubtotalRow(sheet, rows, texts.blocks[block], weight, texts);
    table.subtotalRows.push({ row: row++, block });
  }
  table.totalRow = row;
  writeTotalRow(sheet, row, table.subtotalRows, score.total.weight, texts);
  return table;
}

export function buildSheetPlan(unit: Unit, catalog: CatalogIdentity, options: BuildOptions): SheetPlan {
  const { texts } = options;
  const sheet = new SheetCells();
  const title = writeHeading(sheet, unit, catalog, texts);
  const score = scoreUnit(
    unit.items.map((i) => ({ block: i.block, weight: i.weight, selfScore: null, assessedScore: null })),
  );
  const table = writeTable(sheet, unit, score, texts);
  const { itemRows, totalRow } = table;
  sheet.put(STATUS_ROW, 1, {
    formula: statusFormula(texts, {
      firstItem: FIRST_ITEM_ROW,
      lastItem: Math.max(FIRST_ITEM_ROW, totalRow - 1),
      totalRow,
      itemCount: itemRows.length,
    }),
    result: emptyStatus(texts, itemRows.length, sumWeights(unit.items.map((i) => i.weight))),
    style: 'status',
  });

  const cells = sheet.sorted();
  const layout: SheetLayout = {
    titleRow: TITLE_ROW,
    infoRow: INFO_ROW,
    statusRow: STATUS_ROW,
    headerRow: HEADER_ROW,
    itemRows,
    subtotalRows: table.subtotalRows,
    totalRow,
    lastRow: totalRow,
    columns: COL,
  };
  const metadata = sheetMetadata(unit, catalog, options.createdAt, { cells, layout }, options.sha256);

  return {
    sheetName: safeSheetName(unit.name, unit.id),
    title,
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header, width: COLUMN_WIDTHS[c.key] })),
    rowHeights: sheet.rowHeights,
    cells,
    merges: [TITLE_ROW, INFO_ROW, STATUS_ROW].map((r) => `A${r}:${LAST_COLUMN_LETTER}${r}`),
    styles: STYLES,
    validations: scoreValidations(table.blocks, texts),
    conditionalFormats: conditionalFormats(table.blocks),
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
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: 1,
      fitToHeight: 0,
      centerHorizontally: true,
      titleRows: [HEADER_ROW, HEADER_ROW],
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    freeze: { rows: HEADER_ROW, cols: 0, activeCell: cellAddress(itemRows[0]?.row ?? FIRST_ITEM_ROW, COL.completion) },
    layout,
    metadata,
    metaSheet: buildMetaSheet(unit, metadata, itemRows),
    properties: metadataProperties(metadata),
  };
}
