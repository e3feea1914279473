// Builds a scoring workbook's plan: a sheet per group (in the catalog's group order) holding, unit by unit, the
// rows of the items this scorer scores, then the record. The writers (src/xlsx/render.ts renderWorkbookToXlsx, the
// Office adapter) only follow it. The parts are the unit sheet's (../plan: cells, styles, score rules, status-line
// terms, document properties); only the layout is this file's.
//
// Layout of a sheet (rows): 1 title · 2 scorer/group/year · 3 status line (one formula) · 4 header
// (SCORING_COLUMNS) · for each unit: its item rows, then its 小计 (单位 | 小计 | … SUM of 分值, 自评得分, 考核得分) ·
// 合计 (the sum of the 小计 rows). Every item row carries the unit's name and its own texts (no merges in the table).
// Everything up to 佐证材料 is locked; 考核得分 (0 to 分值, two decimals, stop alert) and 考核扣分说明 are the inputs.
import { cellAddress, columnLetter } from '../address';
import { GROUPS, type Group } from '../catalog/model';
import type { Scorer } from '../catalog/scorers';
import { SheetCells, safeSheetName } from '../plan/build';
import { formatsOf, missingReasonFormula, outOfRangeFormula, scoreValidation } from '../plan/checks';
import type { Sha256 } from '../plan/fingerprint';
import { documentProperties } from '../plan/meta';
import type { CellStyle, PlanConditionalFormat, PlanValidation } from '../plan/model';
import { missingReasonTerm, outOfRangeTerm, templateFormula } from '../plan/status';
import { ROW_HEIGHTS, STYLES, wrappedRowHeight } from '../plan/styles';
import { fillText } from '../plan/texts';
import { sumWeights } from '../scoring';
import { sheetFingerprint, workbookFingerprint, type ScoringFingerprintHeader } from './fingerprint';
import {
  SCORING_COLUMNS,
  SCORING_VERSION,
  type ScoringColumnKey,
  type ScoringLayout,
  type ScoringMetadata,
  type ScoringSheetPlan,
  type ScoringUnitInput,
  type ScoringWorkbookInput,
  type ScoringWorkbookPlan,
} from './model';
import { recordSheet, SCORING_META_KEYS } from './record';
import type { ScoringTexts } from './texts';

export interface ScoringBuildOptions {
  /** ISO 8601 timestamp recorded in the metadata (the caller decides it: deterministic output). */
  createdAt: string;
  texts: ScoringTexts;
  sha256?: Sha256;
}

export const SCORING_COLUMN_NUMBER = Object.fromEntries(SCORING_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<
  ScoringColumnKey,
  number
>;
export const SCORING_COLUMN_LETTER = Object.fromEntries(
  SCORING_COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)]),
) as Record<ScoringColumnKey, string>;
const COL = SCORING_COLUMN_NUMBER;
const L = SCORING_COLUMN_LETTER;
const LAST_LETTER = columnLetter(SCORING_COLUMNS.length);
/** The input cells of an item row: what the scorer writes. */
export const SCORING_INPUT_COLUMNS: ReadonlySet<number> = new Set(
  SCORING_COLUMNS.filter((c) => c.input).map((c) => COL[c.key]),
);

export const SCORING_COLUMN_WIDTHS: Record<ScoringColumnKey, number> = {
  unit: 14,
  seq: 6,
  category: 10,
  item: 14,
  content: 40,
  weight: 7,
  completion: 30,
  selfScore: 9,
  selfReason: 20,
  evidence: 18,
  assessedScore: 9,
  assessedReason: 24,
};

const TITLE_ROW = 1;
const INFO_ROW = 2;
const STATUS_ROW = 3;
const HEADER_ROW = 4;
const FIRST_ROW = 5;
/** Excel's tallest row, in points: a very long 完成情况 wraps within it (the cell scrolls no further). */
const MAX_ROW_HEIGHT = 409;

/** The unit sheet's styles, and 未提交 in grey where a unit returned nothing. */
export const SCORING_STYLES: Record<string, CellStyle> = {
  ...STYLES,
  notSubmitted: { ...STYLES.text, font: { ...STYLES.text!.font, color: '808080' } },
};

/** The scorer's name as the workbook shows it: the unit's or the owner's as written, or the assessment team's. */
export function scorerName(scorer: Scorer, texts: Pick<ScoringTexts, 'team'>): string {
  return scorer.kind === 'team' ? texts.team : scorer.name;
}

/** Units of the input per group, in the catalog's group order (groups without rows have no sheet). */
function unitsByGroup(input: ScoringWorkbookInput): { group: Group; units: ScoringUnitInput[] }[] {
  return GROUPS.map((group) => ({
    group,
    units: input.units.filter((u) => u.group === group && u.rows.length > 0),
  })).filter((g) => g.units.length > 0);
}

interface SheetContext {
  input: ScoringWorkbookInput;
  texts: ScoringTexts;
  scorer: string;
  header: ScoringFingerprintHeader;
  sha256?: Sha256;
}

function buildSheet(group: Group, units: ScoringUnitInput[], ctx: SheetContext): ScoringSheetPlan {
  const { texts, scorer } = ctx;
  const year = ctx.input.catalog.year;
  const sheet = new SheetCells();
  const itemCount = units.reduce((n, u) => n + u.rows.length, 0);
  const values = { year, scorer, group: texts.groups[group], units: units.length, items: itemCount };
  const title = fillText(texts.title, values);
  sheet.put(TITLE_ROW, 1, { value: title, style: 'title' });
  sheet.put(INFO_ROW, 1, { value: fillText(texts.info, values), style: 'info' });
  SCORING_COLUMNS.forEach((c, i) => sheet.put(HEADER_ROW, i + 1, { value: c.header, style: 'header' }));
  sheet.rowHeights[TITLE_ROW] = ROW_HEIGHTS.title;
  sheet.rowHeights[INFO_ROW] = ROW_HEIGHTS.info;
  sheet.rowHeights[STATUS_ROW] = ROW_HEIGHTS.status;
  sheet.rowHeights[HEADER_ROW] = ROW_HEIGHTS.header;

  const layoutUnits: ScoringLayout['units'] = [];
  const validations: PlanValidation[] = [];
  const blocks: { first: number; last: number }[] = [];
  let row = FIRST_ROW;
  let weightTotal = 0;
  let selfTotal = 0;
  for (const unit of units) {
    const first = row;
    const rows: { row: number; rowIndex: number }[] = [];
    unit.rows.forEach((r, rowIndex) => {
      const submitted = unit.source !== null;
      sheet.put(row, COL.unit, { value: unit.unitName, style: 'label' });
      sheet.put(row, COL.seq, { value: r.seq, style: 'seq' });
      sheet.put(row, COL.category, { value: r.category, style: 'label' });
      sheet.put(row, COL.item, { value: r.item, style: 'label' });
      sheet.put(row, COL.content, { value: r.content, style: 'text' });
      sheet.put(row, COL.weight, { value: r.weight, style: 'weight' });
      sheet.put(
        row,
        COL.completion,
        submitted ? { value: r.completion, style: 'text' } : { value: texts.notSubmitted, style: 'notSubmitted' },
      );
      sheet.put(
        row,
        COL.selfScore,
        r.selfScore === null ? { style: 'weight' } : { value: r.selfScore, style: 'weight' },
      );
      sheet.put(row, COL.selfReason, { value: r.selfReason, style: 'text' });
      sheet.put(row, COL.evidence, { value: r.evidence, style: 'text' });
      sheet.put(row, COL.assessedScore, { style: 'score', locked: false });
      sheet.put(row, COL.assessedReason, { style: 'input', locked: false });
      const wrapped = (key: ScoringColumnKey, text: string) => ({ text, width: SCORING_COLUMN_WIDTHS[key] });
      sheet.rowHeights[row] = Math.min(
        MAX_ROW_HEIGHT,
        wrappedRowHeight([
          wrapped('unit', unit.unitName),
          wrapped('category', r.category),
          wrapped('item', r.item),
          wrapped('content', r.content),
          wrapped('completion', submitted ? r.completion : texts.notSubmitted),
          wrapped('selfReason', r.selfReason),
          wrapped('evidence', r.evidence),
        ]),
      );
      rows.push({ row, rowIndex });
      row++;
    });
    const last = row - 1;
    const weight = sumWeights(unit.rows.map((r) => r.weight));
    const self = sumWeights(unit.rows.map((r) => r.selfScore ?? 0));
    weightTotal = sumWeights([weightTotal, weight]);
    selfTotal = sumWeights([selfTotal, self]);
    const sum = (letter: string) => `SUM(${letter}${first}:${letter}${last})`;
    sheet.put(row, COL.unit, { value: unit.unitName, style: 'sumLabel' });
    sheet.put(row, COL.seq, { value: texts.subtotal, style: 'sumLabel' });
    for (const key of [
      'category',
      'item',
      'content',
      'completion',
      'selfReason',
      'evidence',
      'assessedReason',
    ] as const)
      sheet.put(row, COL[key], { style: 'sumLabel' });
    sheet.put(row, COL.weight, { formula: sum(L.weight), result: weight, style: 'sum' });
    sheet.put(row, COL.selfScore, { formula: sum(L.selfScore), result: self, style: 'sum' });
    sheet.put(row, COL.assessedScore, { formula: sum(L.assessedScore), result: 0, style: 'sum' });
    sheet.rowHeights[row] = ROW_HEIGHTS.subtotal;
    layoutUnits.push({ unitId: unit.unitId, rows, subtotalRow: row });
    validations.push(scoreValidation(L.assessedScore, L.weight, { first, last }, texts.validation));
    blocks.push({ first, last });
    row++;
  }

  const totalRow = row;
  const totalOf = (letter: string) => layoutUnits.map((u) => `${letter}${u.subtotalRow}`).join('+') || '0';
  sheet.put(totalRow, COL.unit, { value: texts.total, style: 'totalLabel' });
  for (const key of [
    'seq',
    'category',
    'item',
    'content',
    'completion',
    'selfReason',
    'evidence',
    'assessedReason',
  ] as const)
    sheet.put(totalRow, COL[key], { style: 'totalLabel' });
  sheet.put(totalRow, COL.weight, { formula: totalOf(L.weight), result: weightTotal, style: 'total' });
  sheet.put(totalRow, COL.selfScore, { formula: totalOf(L.selfScore), result: selfTotal, style: 'total' });
  sheet.put(totalRow, COL.assessedScore, { formula: totalOf(L.assessedScore), result: 0, style: 'total' });
  sheet.rowHeights[totalRow] = ROW_HEIGHTS.total;

  sheet.put(STATUS_ROW, 1, {
    formula: statusFormula(texts, FIRST_ROW, Math.max(FIRST_ROW, totalRow - 1), itemCount),
    result: fillText(texts.status, { scored: 0, count: itemCount, problems: 0 }),
    style: 'status',
  });

  const cells = sheet.sorted();
  const layout: ScoringLayout = {
    titleRow: TITLE_ROW,
    infoRow: INFO_ROW,
    statusRow: STATUS_ROW,
    headerRow: HEADER_ROW,
    units: layoutUnits,
    totalRow,
    lastRow: totalRow,
    columns: COL,
  };
  const itemRows = new Set(layoutUnits.flatMap((u) => u.rows.map((r) => r.row)));
  return {
    sheetName: safeSheetName(texts.groups[group], group),
    group,
    title,
    columns: SCORING_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: SCORING_COLUMN_WIDTHS[c.key] })),
    rowHeights: sheet.rowHeights,
    cells,
    merges: [TITLE_ROW, INFO_ROW, STATUS_ROW].map((r) => `A${r}:${LAST_LETTER}${r}`),
    styles: SCORING_STYLES,
    validations,
    conditionalFormats: conditionalFormats(blocks),
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
      // The assessors' working copy: the fills that mark open and problem cells stay on paper.
      blackAndWhite: false,
    },
    freeze: { rows: HEADER_ROW, cols: 1, activeCell: cellAddress(FIRST_ROW, COL.assessedScore) },
    layout,
    fingerprint: sheetFingerprint(ctx.header, cells, isInputCell(itemRows), ctx.sha256),
  };
}

/** The input cells of a sheet whose item rows are `itemRows`: what the fingerprint leaves out. */
export function isInputCell(itemRows: ReadonlySet<number>): (row: number, col: number) => boolean {
  return (row, col) => itemRows.has(row) && SCORING_INPUT_COLUMNS.has(col);
}

/** 已评 x/n 项 · 问题 p 个: scored rows and problems (a score out of range, a missing reason) over the item rows. */
function statusFormula(texts: ScoringTexts, firstRow: number, lastRow: number, itemCount: number): string {
  const span = (k: ScoringColumnKey) => `${L[k]}${firstRow}:${L[k]}${lastRow}`;
  // 序号 is a number only on item rows, so it masks out the 小计 rows inside the span.
  const mask = `ISNUMBER(${span('seq')})`;
  const scored = `SUMPRODUCT(${mask}*ISNUMBER(${span('assessedScore')}))`;
  const problems =
    `SUMPRODUCT(${mask}*(${outOfRangeTerm(span('assessedScore'), span('weight'))}` +
    `+${missingReasonTerm(span('assessedScore'), span('weight'), span('assessedReason'))}))`;
  return templateFormula(texts.status, { scored, count: String(itemCount), problems });
}

/** Per unit's rows, in priority order: a score out of range, a missing reason, a row not scored yet. */
function conditionalFormats(blocks: readonly { first: number; last: number }[]): PlanConditionalFormat[] {
  return formatsOf(
    [
      {
        code: 'out-of-range',
        style: 'problem',
        stopIfTrue: true,
        ranges: ({ first, last }) => [
          [`${L.assessedScore}${first}:${L.assessedScore}${last}`, outOfRangeFormula(L.assessedScore, L.weight, first)],
        ],
      },
      {
        code: 'missing-reason',
        style: 'missing',
        stopIfTrue: false,
        ranges: ({ first, last }) => [
          [
            `${L.assessedReason}${first}:${L.assessedReason}${last}`,
            missingReasonFormula(L.assessedScore, L.weight, L.assessedReason, first),
          ],
        ],
      },
      {
        code: 'missing-input',
        style: 'missing',
        stopIfTrue: false,
        ranges: ({ first, last }) => [
          [`${L.assessedScore}${first}:${L.assessedScore}${last}`, `LEN(TRIM(${L.assessedScore}${first}))=0`],
        ],
      },
    ],
    blocks,
  );
}

/** The whole workbook: its sheets, fingerprints, metadata, record and document properties. */
export function buildScoringWorkbook(input: ScoringWorkbookInput, options: ScoringBuildOptions): ScoringWorkbookPlan {
  const { texts } = options;
  const scorer = scorerName(input.scorer, texts);
  const header: ScoringFingerprintHeader = {
    year: input.catalog.year,
    scorerKind: input.scorer.kind,
    scorerName: scorer,
    version: SCORING_VERSION,
  };
  const ctx: SheetContext = { input, texts, scorer, header, sha256: options.sha256 };
  const sheets = unitsByGroup(input).map(({ group, units }) => buildSheet(group, units, ctx));
  const metadata: ScoringMetadata = {
    format: 'target-sheets',
    kind: 'scoring',
    version: SCORING_VERSION,
    catalogYear: input.catalog.year,
    catalogSource: input.catalog.source,
    catalogFingerprint: input.catalog.fingerprint,
    scorerKind: input.scorer.kind,
    scorerName: scorer,
    scorerUnitId: input.scorer.kind === 'unit' ? input.scorer.unitId : '',
    fingerprint: workbookFingerprint(
      header,
      sheets.map((s) => s.fingerprint),
      options.sha256,
    ),
    createdAt: options.createdAt,
  };
  return {
    title: fillText(texts.workbookTitle, { year: input.catalog.year, scorer }),
    createdAt: options.createdAt,
    saltSeed: input.catalog.fingerprint,
    input,
    sheets,
    metadata,
    metaSheet: recordSheet(metadata, input, sheets),
    properties: documentProperties(SCORING_META_KEYS, metadata),
  };
}
