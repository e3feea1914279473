// Builds a unit's result copy (评分结果): the unit's sheet plan (src/core/plan/build.ts, the current edition) with
// what the unit returned in its inputs, 考核得分 from the merge, and a 考核扣分说明 column after 佐证材料. Every cell is
// locked (the unit reads it, nobody fills it), the sheet protected as a template's; the 填报说明 and the inputs'
// prompts are left out (nothing is to be filled). The sums are the template's own formulas, their cached results
// the copy's figures. The record (./record.ts) holds everything the copy was made from, and the fingerprint covers
// the record and every cell, so the validator (./validate.ts) rebuilds the copy and names any cell changed since.
import { cellAddress, columnLetter } from '../address';
import { buildSheetPlan } from '../plan/build';
import { COLUMN_NUMBER as COL, LAST_COLUMN_LETTER } from '../plan/columns';
import { TEMPLATE_VERSION } from '../plan/edition';
import { documentProperties, META_SHEET_NAME } from '../plan/meta';
import type { CellValue, PlanCell, SheetPlan } from '../plan/model';
import { COLUMN_WIDTHS, wrappedRowHeight } from '../plan/styles';
import type { SheetTexts } from '../plan/texts';
import { sha256Hex } from '../hash/sha256';
import { scoreUnit } from '../scoring';
import { SCORING_COLUMNS } from '../scoring-workbook/model';
import {
  RESULT_COPY_VERSION,
  type ResultCopyInput,
  type ResultCopyMetadata,
  type ResultCopyPlan,
  type ResultSheetPlan,
} from './model';
import { RESULT_META_KEYS, resultMetaSheet } from './record';

export interface ResultBuildOptions {
  /** ISO 8601, recorded (deterministic output: the caller decides it). */
  createdAt: string;
  /** The unit sheet's words (the copy reads as the unit's own sheet). */
  texts: SheetTexts;
}

/** The 考核扣分说明 column: after the template's last column (佐证材料). Its header is the scoring workbook's. */
export const ASSESSED_REASON_COLUMN = COL.evidence + 1;
export const ASSESSED_REASON_HEADER = SCORING_COLUMNS.find((c) => c.key === 'assessedReason')!.header;
const LAST_LETTER = columnLetter(ASSESSED_REASON_COLUMN);

/** Locked look of the template's input styles: the inputs' fill says "type here", which a copy does not mean. */
const LOCKED_STYLE: Record<string, string> = { input: 'text', score: 'assessed', signInput: 'signLabel' };

function valueOf(v: string | number | null): CellValue | undefined {
  return v === null || v === '' ? undefined : v;
}

/** The copy's fingerprint: SHA-256 over its record (without the fingerprint) and every cell of its sheet. */
export function resultFingerprint(
  metadata: Omit<ResultCopyMetadata, 'fingerprint'>,
  input: Pick<ResultCopyInput, 'scoring' | 'rows'>,
  cells: readonly PlanCell[],
): string {
  const record = RESULT_META_KEYS.filter((k) => k !== 'fingerprint').map((k) => [
    k,
    (metadata as Record<string, unknown>)[k],
  ]);
  return sha256Hex(
    JSON.stringify([
      'target-sheets/result/1',
      record,
      input.scoring.map((s) => [s.scorer, s.file, s.sha256]),
      input.rows.map((r) => [
        r.completion,
        r.selfScore,
        r.deductionReason,
        r.evidence,
        r.assessedScore,
        r.assessedReason,
      ]),
      cells.map((c) => [c.address, c.formula ?? null, c.formula === undefined ? (c.value ?? null) : null]),
    ]),
  );
}

/** The unit's sheet with the copy's values and the 考核扣分说明 column, everything locked. */
function resultSheet(plan: SheetPlan, input: ResultCopyInput): ResultSheetPlan {
  const { layout } = plan;
  const rowOf = new Map(layout.itemRows.map((r) => [r.row, input.rows[r.itemIndex]!]));
  const score = scoreUnit(
    input.unit.items.map((item, i) => ({
      block: item.block,
      weight: item.weight,
      selfScore: input.rows[i]!.selfScore,
      assessedScore: input.rows[i]!.assessedScore,
    })),
  );
  const blockScore = new Map(score.blocks.map((b) => [b.block, b]));
  const subtotalOf = new Map(layout.subtotalRows.map((s) => [s.row, blockScore.get(s.block)!]));
  const assessedResult = (sums: { assessedFilled: number; assessedScore: number }): CellValue =>
    sums.assessedFilled > 0 ? sums.assessedScore : '';

  const cells: PlanCell[] = [];
  for (const cell of plan.cells) {
    const out: PlanCell = { ...cell, locked: true };
    if (cell.style && LOCKED_STYLE[cell.style]) out.style = LOCKED_STYLE[cell.style];
    const row = rowOf.get(cell.row);
    if (row) {
      const value =
        cell.col === COL.completion
          ? row.completion
          : cell.col === COL.selfScore
            ? row.selfScore
            : cell.col === COL.deductionReason
              ? row.deductionReason
              : cell.col === COL.assessedScore
                ? row.assessedScore
                : cell.col === COL.evidence
                  ? row.evidence
                  : undefined;
      if (value !== undefined) {
        const v = valueOf(value);
        if (v === undefined) delete out.value;
        else out.value = v;
      }
    }
    // The sums' cached results: the copy's own figures (the file recalculates on opening anyway).
    const sums = cell.row === layout.totalRow ? score.total : subtotalOf.get(cell.row);
    if (sums && cell.formula !== undefined) {
      if (cell.col === COL.selfScore) out.result = sums.selfScore;
      else if (cell.col === COL.assessedScore) out.result = assessedResult(sums);
    }
    // The status line counts what a unit still has to fill: a copy has nothing to fill, and no stale result.
    if (cell.row === layout.statusRow && cell.formula !== undefined) delete out.result;
    cells.push(out);
  }
  // 考核扣分说明: header, each item row's reason, and the table's lines on the 小计 and 合计 rows.
  const K = ASSESSED_REASON_COLUMN;
  cells.push({
    row: layout.headerRow,
    col: K,
    address: cellAddress(layout.headerRow, K),
    value: ASSESSED_REASON_HEADER,
    style: 'header',
    locked: true,
  });
  for (const r of layout.itemRows) {
    const reason = valueOf(input.rows[r.itemIndex]!.assessedReason);
    cells.push({
      row: r.row,
      col: K,
      address: cellAddress(r.row, K),
      ...(reason === undefined ? {} : { value: reason }),
      style: 'text',
      locked: true,
    });
  }
  for (const s of layout.subtotalRows)
    cells.push({ row: s.row, col: K, address: cellAddress(s.row, K), style: 'sumLabel', locked: true });
  cells.push({
    row: layout.totalRow,
    col: K,
    address: cellAddress(layout.totalRow, K),
    style: 'totalLabel',
    locked: true,
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);

  // Rows tall enough for what the unit wrote and the scorer's reason, as for the target texts.
  const rowHeights = { ...plan.rowHeights };
  for (const r of layout.itemRows) {
    const item = input.unit.items[r.itemIndex]!;
    const row = input.rows[r.itemIndex]!;
    rowHeights[r.row] = wrappedRowHeight([
      { text: item.category, width: COLUMN_WIDTHS.category },
      { text: item.item, width: COLUMN_WIDTHS.item },
      { text: item.content, width: COLUMN_WIDTHS.content },
      { text: row.completion, width: COLUMN_WIDTHS.completion },
      { text: row.deductionReason, width: COLUMN_WIDTHS.deductionReason },
      { text: row.evidence, width: COLUMN_WIDTHS.evidence },
      { text: row.assessedReason, width: COLUMN_WIDTHS.deductionReason },
    ]);
  }
  // The title rows span the new column too; the print area takes it in.
  const wide = (range: string) =>
    range.replace(new RegExp(`^(A\\d+:)${LAST_COLUMN_LETTER}(\\d+)$`), `$1${LAST_LETTER}$2`);
  return {
    sheetName: plan.sheetName,
    columns: [...plan.columns.map((c) => ({ width: c.width })), { width: COLUMN_WIDTHS.deductionReason }],
    rowHeights,
    cells,
    merges: plan.merges.map((m) =>
      [layout.statusRow, layout.titleRow, layout.infoRow].some((r) => m === `A${r}:${LAST_COLUMN_LETTER}${r}`)
        ? wide(m)
        : m,
    ),
    styles: plan.styles,
    // Nothing is typed into a copy: no input rules or prompts; the marks (e.g. a missing reason) stay.
    validations: [],
    conditionalFormats: plan.conditionalFormats,
    protection: plan.protection,
    print: { ...plan.print, ...(plan.print.area ? { area: wide(plan.print.area) } : {}) },
    freeze: plan.freeze,
    layout,
    assessedReasonColumn: K,
  };
}

export function buildResultCopy(input: ResultCopyInput, options: ResultBuildOptions): ResultCopyPlan {
  const { unit, catalog } = input;
  if (input.rows.length !== unit.items.length) throw new RangeError('one row per item of the unit');
  const plan = buildSheetPlan(unit, catalog, { createdAt: options.createdAt, texts: options.texts });
  const sheet = resultSheet(plan, input);
  const withoutFingerprint: Omit<ResultCopyMetadata, 'fingerprint'> = {
    format: 'target-sheets',
    kind: 'result',
    version: RESULT_COPY_VERSION,
    templateVersion: TEMPLATE_VERSION,
    catalogYear: catalog.year,
    catalogSource: catalog.source,
    catalogFingerprint: catalog.fingerprint,
    unitId: unit.id,
    unitName: unit.name,
    group: unit.group,
    returnedFile: input.returned.file,
    returnedAt: input.returned.submittedAt ?? '',
    createdAt: options.createdAt,
  };
  const metadata: ResultCopyMetadata = {
    ...withoutFingerprint,
    fingerprint: resultFingerprint(withoutFingerprint, input, sheet.cells),
  };
  return {
    title: plan.title,
    createdAt: options.createdAt,
    saltSeed: metadata.fingerprint,
    sheets: [sheet],
    sheet,
    input,
    metadata,
    metaSheet: { name: META_SHEET_NAME, rows: resultMetaSheet(metadata, input) },
    properties: documentProperties(RESULT_META_KEYS, metadata),
  };
}
