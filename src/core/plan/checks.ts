// The checks a sheet carries itself, so that they work in any spreadsheet program without the add-in: data
// validation on the score columns the unit types (0 to the row's 分值, stop alert) and on 完成情况 (its rule as an
// input message), and conditional formats that mark what the validator reports: an out-of-range score, a 自评得分
// without 完成情况, a missing 扣分说明 below full marks, and a 完成情况 / 自评得分 not filled in yet. Each format
// carries the code of the problem it marks. One range per block: the 小计 row between two blocks is not an input.
import type { Block } from '../catalog/model';
import { COLUMN_LETTER } from './columns';
import type { ColumnKey, PlanConditionalFormat, PlanValidation } from './model';
import type { SheetTexts } from './texts';

/** The item rows of one block, first to last. */
export interface BlockRows {
  block: Block;
  first: number;
  last: number;
}

/** What a sheet checks: which score columns its user types, and whether a 自评得分 asks for a 完成情况. */
export interface CheckOptions {
  scoreKeys: readonly ('selfScore' | 'assessedScore')[];
  completionChecked: boolean;
  /** Column letters by key (the template's by default). */
  letters?: Record<ColumnKey, string>;
}

/** One conditional-format rule of a sheet with scores, applied to each run of item rows (a block, a unit's rows). */
export interface FormatRule<Rows extends { first: number; last: number } = BlockRows> {
  code: string;
  style: string;
  stopIfTrue: boolean;
  /** [range, formula relative to its top-left cell] for one run of item rows. */
  ranges: (rows: Rows) => [string, string][];
}

/**
 * The conditional-format formula (relative to `row`, the range's first row) that marks a score cell holding text,
 * a negative number or more than the row's weight. The one rule of every sheet with scores (a unit's sheet, a
 * scoring workbook).
 */
export function outOfRangeFormula(score: string, weight: string, row: number): string {
  return `AND(LEN(${score}${row})>0,OR(NOT(ISNUMBER(${score}${row})),${score}${row}<0,${score}${row}>$${weight}${row}))`;
}

/** The formula that marks a blank reason cell where the row's score is a number below its weight. */
export function missingReasonFormula(score: string, weight: string, reason: string, row: number): string {
  return `AND(ISNUMBER($${score}${row}),$${score}${row}<$${weight}${row},LEN(TRIM(${reason}${row}))=0)`;
}

/** In priority order: a problem wins over a missing input in the same cell. */
function formatRules(options: CheckOptions): FormatRule[] {
  const L = options.letters ?? COLUMN_LETTER;
  const rules: FormatRule[] = [
    {
      code: 'out-of-range',
      style: 'problem',
      stopIfTrue: true,
      ranges: ({ first, last }) =>
        options.scoreKeys.map((k) => [`${L[k]}${first}:${L[k]}${last}`, outOfRangeFormula(L[k], L.weight, first)]),
    },
  ];
  if (options.completionChecked) {
    rules.push({
      code: 'completion-missing',
      style: 'problem',
      stopIfTrue: true,
      ranges: ({ first, last }) => [
        [
          `${L.completion}${first}:${L.completion}${last}`,
          `AND(LEN(TRIM($${L.selfScore}${first}))>0,LEN(TRIM(${L.completion}${first}))=0)`,
        ],
      ],
    });
  }
  rules.push(
    {
      code: 'missing-reason',
      style: 'missing',
      stopIfTrue: false,
      ranges: ({ first, last }) => [
        [
          `${L.deductionReason}${first}:${L.deductionReason}${last}`,
          missingReasonFormula(L.selfScore, L.weight, L.deductionReason, first),
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
  );
  return rules;
}

export function conditionalFormats(blocks: readonly BlockRows[], options: CheckOptions): PlanConditionalFormat[] {
  return formatsOf(formatRules(options), blocks);
}

/** The rules over the runs of rows, in priority order (rule by rule, run by run): the plan's conditional formats. */
export function formatsOf<Rows extends { first: number; last: number }>(
  rules: readonly FormatRule<Rows>[],
  blocks: readonly Rows[],
): PlanConditionalFormat[] {
  const formats: PlanConditionalFormat[] = [];
  for (const rule of rules) {
    for (const rows of blocks) {
      for (const [range, formula] of rule.ranges(rows)) {
        formats.push({
          range,
          formula,
          style: rule.style,
          priority: formats.length + 1,
          stopIfTrue: rule.stopIfTrue,
          code: rule.code,
        });
      }
    }
  }
  return formats;
}

/** Data validation of a score column over rows first..last: a decimal from 0 to the row's weight, stop alert. */
export function scoreValidation(
  score: string,
  weight: string,
  { first, last }: { first: number; last: number },
  texts: SheetTexts['validation'],
): PlanValidation {
  return {
    range: `${score}${first}:${score}${last}`,
    kind: 'decimal',
    min: 0,
    maxFormula: `$${weight}${first}`,
    allowBlank: true,
    errorStyle: 'stop',
    errorTitle: texts.errorTitle,
    error: texts.error,
    promptTitle: texts.promptTitle,
    prompt: texts.prompt,
  };
}

/** 0 to the row's 分值 on each score column the unit types; 完成情况's rule as its input message. */
export function inputValidations(
  blocks: readonly BlockRows[],
  texts: SheetTexts,
  options: CheckOptions,
): PlanValidation[] {
  const L = options.letters ?? COLUMN_LETTER;
  const scores = options.scoreKeys.flatMap((key) =>
    blocks.map((rows) => scoreValidation(L[key], L.weight, rows, texts.validation)),
  );
  if (!options.completionChecked) return scores;
  const completion = blocks.map(({ first, last }): PlanValidation => ({
    range: `${L.completion}${first}:${L.completion}${last}`,
    kind: 'any',
    promptTitle: texts.completionPrompt.title,
    prompt: texts.completionPrompt.prompt,
  }));
  return [...completion, ...scores];
}
