// The status line (row 3), e.g. 已填 3/12 项 · 问题 1 个 · 分值合计 100 ✓: one string formula that the sheet
// computes itself from its item rows, so it stays true in any spreadsheet program. Its cached result is what the
// empty template shows. The words come from the sheet texts; only their {placeholders} become formulas.
import { UNIT_TOTAL_POINTS } from '../catalog/model';
import { toHundredths } from '../scoring';
import { COLUMN_LETTER as L } from './columns';
import type { CellValue, ColumnKey } from './model';
import { fillText, type SheetTexts } from './texts';

/** Where the status line counts: the rows from the first item to the one above 合计, and the 合计 row. */
export interface StatusRows {
  firstItem: number;
  lastItem: number;
  totalRow: number;
  itemCount: number;
  /**
   * The edition's problems (./edition): a 自评得分 without 完成情况 counts (v2), or an out-of-range 考核得分 does
   * (v1, where the unit could type it).
   */
  completionChecked: boolean;
}

/** A string literal inside a formula. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Turns a text template with {name} placeholders into a string formula: literals quoted, placeholders as given. */
export function templateFormula(template: string, parts: Record<string, string>): string {
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

/**
 * Per row of `score` (a span), 1 where the score is a problem: text, negative or above the `weight` span's value.
 * The one rule of the status lines (a unit's sheet, a scoring workbook's) and of ./checks' out-of-range format.
 */
export function outOfRangeTerm(score: string, weight: string): string {
  return `(LEN(${score})>0)*(1-ISNUMBER(${score}))+ISNUMBER(${score})*(((${score}<0)+(${score}>${weight}))>0)`;
}

/** Per row, 1 where the `score` span holds a number below `weight` and the `reason` span is blank. */
export function missingReasonTerm(score: string, weight: string, reason: string): string {
  return `ISNUMBER(${score})*(${score}<${weight})*(LEN(TRIM(${reason}))=0)`;
}

export function statusFormula(texts: SheetTexts, rows: StatusRows): string {
  const span = (k: ColumnKey) => `${L[k]}${rows.firstItem}:${L[k]}${rows.lastItem}`;
  // 序号 is a number only on item rows, so it masks out the 小计 rows inside the span.
  const mask = `ISNUMBER(${span('seq')})`;
  const outOfRange = (k: ColumnKey) => outOfRangeTerm(span(k), span('weight'));
  const filled = `SUMPRODUCT(${mask}*(LEN(TRIM(${span('completion')}))>0)*ISNUMBER(${span('selfScore')}))`;
  const missingReason = missingReasonTerm(span('selfScore'), span('weight'), span('deductionReason'));
  // The validator's rule: any 自评得分 (even one that is no number) asks for a 完成情况.
  const missingCompletion = `(LEN(TRIM(${span('selfScore')}))>0)*(LEN(TRIM(${span('completion')}))=0)`;
  const problems = rows.completionChecked
    ? `SUMPRODUCT(${mask}*(${outOfRange('selfScore')}+${missingReason}+${missingCompletion}))`
    : `SUMPRODUCT(${mask}*(${outOfRange('selfScore')}+${outOfRange('assessedScore')}+${missingReason}))`;
  const totalWeight = `${L.weight}${rows.totalRow}`;
  const weightCheck =
    `IF(ABS(${totalWeight}-${UNIT_TOTAL_POINTS})<0.005,${quote(texts.weightOk)},` +
    `${templateFormula(texts.weightBad, { weight: `ROUND(${totalWeight},2)` })})`;
  return templateFormula(texts.status, { filled, count: String(rows.itemCount), problems, weightCheck });
}

/** What the status line reads in the empty template: nothing filled, no problem, and the weights' check. */
export function emptyStatus(texts: SheetTexts, itemCount: number, totalWeight: number): CellValue {
  const weightOk = Math.abs(toHundredths(totalWeight) - UNIT_TOTAL_POINTS * 100) === 0;
  return fillText(texts.status, {
    filled: 0,
    count: itemCount,
    problems: 0,
    weightCheck: weightOk ? texts.weightOk : fillText(texts.weightBad, { weight: formatNumber(totalWeight) }),
  });
}
