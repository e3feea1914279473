// The checks a sheet carries itself, so that they work in any spreadsheet program without the add-in: data
// validation on 自评得分 and 考核得分 (0 to the row's 分值, stop alert) and conditional formats that mark an
// out-of-range score, a missing 扣分说明 below full marks and a missing 完成情况 / 自评得分. Each format carries
// the code of the problem it marks. One range per block: the 小计 row between two blocks is not an input.
import type { Block } from '../catalog/model';
import { COLUMN_LETTER as L } from './columns';
import type { PlanConditionalFormat, PlanValidation } from './model';
import type { SheetTexts } from './texts';

/** The item rows of one block, first to last. */
export interface BlockRows {
  block: Block;
  first: number;
  last: number;
}

interface FormatRule {
  code: string;
  style: string;
  stopIfTrue: boolean;
  /** [range, formula relative to its top-left cell] for the item rows of one block. */
  ranges: (rows: BlockRows) => [string, string][];
}

/** In priority order: a problem wins over a missing input in the same cell. */
const FORMAT_RULES: readonly FormatRule[] = [
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

export function conditionalFormats(blocks: readonly BlockRows[]): PlanConditionalFormat[] {
  const formats: PlanConditionalFormat[] = [];
  for (const rule of FORMAT_RULES) {
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

export function scoreValidations(blocks: readonly BlockRows[], texts: SheetTexts): PlanValidation[] {
  return (['selfScore', 'assessedScore'] as const).flatMap((key) =>
    blocks.map(({ first, last }): PlanValidation => ({
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
    })),
  );
}
