// Builds a unit's sheet plan: every cell, formula, style, validation, conditional format, protection and
// metadata of its target sheet. Both renderers (src/xlsx, src/office) only follow it.
//
// Layout (rows): 1 title · 2 unit/group/year · 3 status line (one formula) · 4 header (COLUMNS) ·
// party items · 小计 · own items · 小计 · 合计. A block without items has no rows and no 小计.
// Every item row carries its own 指标类别 and 考核项目 text (no merges in the table), so a returned sheet can
// be read row by row even if a program drops merges.
import { cellAddress, columnLetter } from '../address';
import { BLOCKS, UNIT_TOTAL_POINTS, type Block, type Unit } from '../catalog/model';
import { scoreUnit, sumWeights, toHundredths } from '../scoring';
import { fingerprintLockedContent, lockedContent, type Sha256 } from './fingerprint';
import {
  COLUMNS,
  type CellStyle,
  type CatalogIdentity,
  type CellValue,
  type ColumnKey,
  type ItemRow,
  type MetaSheetPlan,
  type PlanCell,
  type PlanConditionalFormat,
  type PlanValidation,
  type SheetMetadata,
  type SheetPlan,
  type SubtotalRow,
} from './model';
import { fillText, type SheetTexts } from './texts';

export const TEMPLATE_VERSION = 1;
export const META_SHEET_NAME = 'TargetSheetsMeta';

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

const COLUMN_WIDTHS: Record<ColumnKey, number> = {
  seq: 6,
  category: 10,
  item: 14,
  content: 52,
  weight: 7,
  completion: 30,
  selfScore: 9,
  deductionReason: 22,
  assessedScore: 9,
  evidence: 18,
};

const FONT = '宋体';

const STYLES: Record<string, CellStyle> = {
  title: { font: { name: FONT, bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  info: { font: { name: FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  status: {
    font: { name: FONT, size: 11, bold: true, color: '1F4E79' },
    alignment: { horizontal: 'left', vertical: 'middle' },
  },
  header: {
    font: { name: FONT, bold: true, size: 11 },
    fill: 'D9E1F2',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  seq: { font: { name: FONT, size: 10 }, border: 'thin', alignment: { horizontal: 'center', vertical: 'middle' } },
  label: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    numberFormat: '@',
  },
  text: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    numberFormat: '@',
  },
  weight: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  input: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
  },
  score: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  sumLabel: {
    font: { name: FONT, size: 10, bold: true },
    fill: 'F2F2F2',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  sum: {
    font: { name: FONT, size: 10, bold: true },
    fill: 'F2F2F2',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  totalLabel: {
    font: { name: FONT, size: 11, bold: true },
    fill: 'E2EFDA',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  total: {
    font: { name: FONT, size: 11, bold: true },
    fill: 'E2EFDA',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  // Conditional formats (font colour and fill only).
  problem: { font: { color: '9C0006' }, fill: 'FFC7CE' },
  missing: { font: { color: '9C5700' }, fill: 'FFEB9C' },
};

const addr = cellAddress;

const COL = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i + 1])) as Record<ColumnKey, number>;
const L = Object.fromEntries(COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)])) as Record<ColumnKey, string>;
const LAST_COL = COLUMNS.length;

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

/** Display width of text in Excel column units: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wide =
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1.1;
  }
  return w;
}

function linesNeeded(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A string literal inside a formula. */
function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Turns a text template with {name} placeholders into a string formula: literals quoted, placeholders as given. */
function templateFormula(template: string, parts: Record<string, string>): string {
  const out: string[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const name = m[1]!;
    if (!(name in parts)) continue;
    if (m.index! > last) out.push(quote(template.slice(last, m.index)));
    out.push(parts[name]!);
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push(quote(template.slice(last)));
  return out.length === 0 ? '""' : out.join('&');
}

function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function buildSheetPlan(unit: Unit, catalog: CatalogIdentity, options: BuildOptions): SheetPlan {
  const { texts } = options;
  const cells: PlanCell[] = [];
  const rowHeights: Record<number, number> = {};
  const put = (
    row: number,
    col: number,
    cell: Omit<PlanCell, 'row' | 'col' | 'address' | 'locked'> & { locked?: boolean },
  ) => {
    cells.push({ row, col, address: addr(row, col), locked: cell.locked ?? true, ...cell });
  };

  const unitText = { unit: unit.name, year: catalog.year, group: texts.groups[unit.group] };

  // Title, info, header.
  const title = fillText(texts.title, unitText);
  put(TITLE_ROW, 1, { value: title, style: 'title' });
  put(INFO_ROW, 1, { value: fillText(texts.info, unitText), style: 'info' });
  COLUMNS.forEach((c, i) => put(HEADER_ROW, i + 1, { value: c.header, style: 'header' }));
  rowHeights[TITLE_ROW] = 32;
  rowHeights[INFO_ROW] = 20;
  rowHeights[STATUS_ROW] = 20;
  rowHeights[HEADER_ROW] = 24;

  // Item rows and subtotals, party block first.
  const itemRows: ItemRow[] = [];
  const subtotalRows: SubtotalRow[] = [];
  const validations: PlanValidation[] = [];
  const conditionalFormats: PlanConditionalFormat[] = [];
  const blockRanges: { block: Block; first: number; last: number }[] = [];
  const score = scoreUnit(
    unit.items.map((i) => ({ block: i.block, weight: i.weight, selfScore: null, assessedScore: null })),
  );
  let row = FIRST_ITEM_ROW;
  let seq = 1;
  for (const block of BLOCKS) {
    const indices = unit.items.map((item, index) => ({ item, index })).filter((x) => x.item.block === block);
    if (indices.length === 0) continue;
    const first = row;
    for (const { item, index } of indices) {
      itemRows.push({ row, itemIndex: index, block });
      put(row, COL.seq, { value: seq, style: 'seq' });
      put(row, COL.category, { value: item.category, style: 'label' });
      put(row, COL.item, { value: item.item, style: 'label' });
      put(row, COL.content, { value: item.content, style: 'text' });
      put(row, COL.weight, { value: item.weight, style: 'weight' });
      put(row, COL.completion, { style: 'input', locked: false });
      put(row, COL.selfScore, { style: 'score', locked: false });
      put(row, COL.deductionReason, { style: 'input', locked: false });
      put(row, COL.assessedScore, { style: 'score', locked: false });
      put(row, COL.evidence, { style: 'input', locked: false });
      const lines = Math.max(
        linesNeeded(item.category, COLUMN_WIDTHS.category),
        linesNeeded(item.item, COLUMN_WIDTHS.item),
        linesNeeded(item.content, COLUMN_WIDTHS.content),
        2,
      );
      rowHeights[row] = Math.round((lines * 13.5 + 6) * 4) / 4;
      row++;
      seq++;
    }
    const last = row - 1;
    blockRanges.push({ block, first, last });
    const blockScore = score.blocks.find((b) => b.block === block)!;
    subtotalRows.push({ row, block });
    put(row, COL.seq, { value: texts.subtotal, style: 'sumLabel' });
    put(row, COL.category, { value: texts.blocks[block], style: 'sumLabel' });
    put(row, COL.item, { style: 'sumLabel' });
    put(row, COL.content, { style: 'sumLabel' });
    put(row, COL.weight, {
      formula: `SUM(${L.weight}${first}:${L.weight}${last})`,
      result: blockScore.weight,
      style: 'sum',
    });
    put(row, COL.completion, { style: 'sumLabel' });
    put(row, COL.selfScore, { formula: `SUM(${L.selfScore}${first}:${L.selfScore}${last})`, result: 0, style: 'sum' });
    put(row, COL.deductionReason, { style: 'sumLabel' });
    put(row, COL.assessedScore, {
      formula: `SUM(${L.assessedScore}${first}:${L.assessedScore}${last})`,
      result: 0,
      style: 'sum',
    });
    put(row, COL.evidence, { style: 'sumLabel' });
    rowHeights[row] = 20;
    row++;
  }

  // 合计: the sum of the block subtotals.
  const totalRow = row;
  const totalOf = (letter: string) =>
    subtotalRows.length === 0 ? '0' : subtotalRows.map((s) => `${letter}${s.row}`).join('+');
  put(totalRow, COL.seq, { value: texts.total, style: 'totalLabel' });
  for (const key of ['category', 'item', 'content', 'completion', 'deductionReason', 'evidence'] as const) {
    put(totalRow, COL[key], { style: 'totalLabel' });
  }
  put(totalRow, COL.weight, { formula: totalOf(L.weight), result: score.total.weight, style: 'total' });
  put(totalRow, COL.selfScore, { formula: totalOf(L.selfScore), result: 0, style: 'total' });
  put(totalRow, COL.assessedScore, { formula: totalOf(L.assessedScore), result: 0, style: 'total' });
  rowHeights[totalRow] = 22;

  // Validation and conditional formats, one range per block (the 小计 row between blocks is not an input).
  let priority = 1;
  const rules: {
    code: string;
    style: string;
    stopIfTrue: boolean;
    ranges: (r: { first: number; last: number }) => [string, string][];
  }[] = [
    {
      code: 'out-of-range',
      style: 'problem',
      stopIfTrue: true,
      ranges: ({ first, last }) =>
        (['selfScore', 'assessedScore'] as const).map((k) => [
          `${L[k]}${first}:${L[k]}${last}`,
          `AND(LEN(${L[k]}${first})>0,OR(NOT(ISNUMBER(${L[k]}${first})),${L[k]}${first}<0,${L[k]}${first}>$${L.weight}${first}))`,
        ]),
    },
    {
      code: 'missing-reason',
      style: 'missing',
      stopIfTrue: false,
      ranges: ({ first, last }) => [
        [
          `${L.deductionReason}${first}:${L.deductionReason}${last}`,
          `AND(ISNUMBER($${L.selfScore}${first}),$${L.selfScore}${first}<$${L.weight}${first},LEN(TRIM(${L.deductionReason}${first}))=0)`,
        ],
      ],
    },
    {
      code: 'missing-input',
      style: 'missing',
      stopIfTrue: false,
      ranges: ({ first, last }) => [
        [`${L.completion}${first}:${L.selfScore}${last}`, `LEN(TRIM(${L.completion}${first}))=0`],
      ],
    },
  ];
  for (const rule of rules) {
    for (const range of blockRanges) {
      for (const [r, formula] of rule.ranges(range)) {
        conditionalFormats.push({
          range: r,
          formula,
          style: rule.style,
          priority: priority++,
          stopIfTrue: rule.stopIfTrue,
          code: rule.code,
        });
      }
    }
  }
  for (const key of ['selfScore', 'assessedScore'] as const) {
    for (const { first, last } of blockRanges) {
      validations.push({
        range: `${L[key]}${first}:${L[key]}${last}`,
        kind: 'decimal',
        min: 0,
        maxFormula: `$${L.weight}${first}`,
        allowBlank: true,
        errorStyle: 'stop',
        errorTitle: texts.validation.errorTitle,
        error: texts.validation.error,
        promptTitle: texts.validation.promptTitle,
        prompt: texts.validation.prompt,
      });
    }
  }

  // Status line: 已填 x/n 项 · 问题 p 个 · 分值合计 100 ✓, computed by the sheet itself.
  const firstItem = FIRST_ITEM_ROW;
  const lastItem = Math.max(FIRST_ITEM_ROW, totalRow - 1);
  const span = (k: ColumnKey) => `${L[k]}${firstItem}:${L[k]}${lastItem}`;
  // 序号 is a number only on item rows, so it masks out the 小计 rows inside the span.
  const mask = `ISNUMBER(${span('seq')})`;
  const outOfRange = (k: ColumnKey) =>
    `(LEN(${span(k)})>0)*(1-ISNUMBER(${span(k)}))+ISNUMBER(${span(k)})*(((${span(k)}<0)+(${span(k)}>${span('weight')}))>0)`;
  const filledFormula = `SUMPRODUCT(${mask}*(LEN(TRIM(${span('completion')}))>0)*ISNUMBER(${span('selfScore')}))`;
  const problemsFormula =
    `SUMPRODUCT(${mask}*(${outOfRange('selfScore')}+${outOfRange('assessedScore')}` +
    `+ISNUMBER(${span('selfScore')})*(${span('selfScore')}<${span('weight')})*(LEN(TRIM(${span('deductionReason')}))=0)))`;
  const totalWeightCell = `${L.weight}${totalRow}`;
  const weightCheck =
    `IF(ABS(${totalWeightCell}-${UNIT_TOTAL_POINTS})<0.005,${quote(texts.weightOk)},` +
    `${templateFormula(texts.weightBad, { weight: `ROUND(${totalWeightCell},2)` })})`;
  const statusFormula = templateFormula(texts.status, {
    filled: filledFormula,
    count: String(itemRows.length),
    problems: problemsFormula,
    weightCheck,
  });
  const totalWeight = sumWeights(unit.items.map((i) => i.weight));
  const weightOk = Math.abs(toHundredths(totalWeight) - UNIT_TOTAL_POINTS * 100) === 0;
  put(STATUS_ROW, 1, {
    formula: statusFormula,
    result: fillText(texts.status, {
      filled: 0,
      count: itemRows.length,
      problems: 0,
      weightCheck: weightOk ? texts.weightOk : fillText(texts.weightBad, { weight: formatNumber(totalWeight) }),
    }),
    style: 'status',
  });

  cells.sort((a, b) => a.row - b.row || a.col - b.col);

  const layout: SheetPlan['layout'] = {
    titleRow: TITLE_ROW,
    infoRow: INFO_ROW,
    statusRow: STATUS_ROW,
    headerRow: HEADER_ROW,
    itemRows,
    subtotalRows,
    totalRow,
    lastRow: totalRow,
    columns: COL,
  };
  const metadataWithoutPrint: Omit<SheetMetadata, 'fingerprint'> = {
    format: 'target-sheets',
    templateVersion: TEMPLATE_VERSION,
    catalogYear: catalog.year,
    catalogSource: catalog.source,
    catalogFingerprint: catalog.fingerprint,
    unitId: unit.id,
    unitName: unit.name,
    group: unit.group,
    createdAt: options.createdAt,
  };
  const fingerprint = fingerprintLockedContent(
    lockedContent({ cells, layout, metadata: { ...metadataWithoutPrint, fingerprint: '' } }),
    options.sha256,
  );
  const metadata: SheetMetadata = { ...metadataWithoutPrint, fingerprint };

  return {
    sheetName: safeSheetName(unit.name, unit.id),
    title,
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header, width: COLUMN_WIDTHS[c.key] })),
    rowHeights,
    cells,
    merges: [TITLE_ROW, INFO_ROW, STATUS_ROW].map((r) => `A${r}:${columnLetter(LAST_COL)}${r}`),
    styles: STYLES,
    validations,
    conditionalFormats,
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

/** Metadata keys as rows of the meta sheet and as custom document properties. */
export const META_KEYS = [
  'format',
  'templateVersion',
  'catalogYear',
  'catalogSource',
  'catalogFingerprint',
  'unitId',
  'unitName',
  'group',
  'fingerprint',
  'createdAt',
] as const satisfies readonly (keyof SheetMetadata)[];

/** Header of the item table in the meta sheet (row after the "items" marker). */
export const META_ITEM_HEADER = ['row', 'seq', 'block', 'category', 'item', 'content', 'weight'] as const;

/**
 * The meta sheet: rows `key | value` for every META_KEYS entry, an empty row, a row `items`, the header
 * META_ITEM_HEADER, then one row per item row of the sheet. Enough to check a returned sheet without the catalog.
 */
function buildMetaSheet(unit: Unit, metadata: SheetMetadata, itemRows: ItemRow[]): MetaSheetPlan {
  const rows: CellValue[][] = META_KEYS.map((k) => [k, metadata[k]]);
  rows.push([], ['items'], [...META_ITEM_HEADER]);
  itemRows.forEach((r, i) => {
    const item = unit.items[r.itemIndex]!;
    rows.push([r.row, i + 1, item.block, item.category, item.item, item.content, item.weight]);
  });
  return { name: META_SHEET_NAME, rows };
}

/** Custom document property names: "TargetSheets." + the metadata key. */
export function metadataProperties(metadata: SheetMetadata): Record<string, string> {
  return Object.fromEntries(META_KEYS.map((k) => [`TargetSheets.${k}`, String(metadata[k])]));
}
