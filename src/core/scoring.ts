// Subtotals and totals of a unit's sheet: the one place they are computed (plan builder, validator, task pane).
// Arithmetic is on integer hundredths, so 0.1 + 0.2 is 0.3 and a sum of 2-decimal scores is exact.
import { BLOCKS, type Block } from './catalog/model';

export interface ScoreInput {
  block: Block;
  weight: number;
  /** 自评得分; null when blank. */
  selfScore: number | null;
  /** 考核得分; null when blank. */
  assessedScore: number | null;
  /** 完成情况; an item is filled when this is non-blank and selfScore is a number. Omitted = not considered. */
  completion?: string | null;
}

export interface ScoreSums {
  weight: number;
  /** Blank counts as 0. */
  selfScore: number;
  assessedScore: number;
  items: number;
  /** Items with a 自评得分 number. */
  selfFilled: number;
  /** Items with a 考核得分 number. */
  assessedFilled: number;
  /** Items with 完成情况 written and a 自评得分 number (what the sheet's status line counts as 已填). */
  filled: number;
}

export interface BlockScore extends ScoreSums {
  block: Block;
}

export interface UnitScore {
  /** Blocks that have items, in sheet order (party first). */
  blocks: BlockScore[];
  total: ScoreSums;
}

/** A number as integer hundredths (rounded half away from zero at the third decimal). */
export function toHundredths(value: number): number {
  const scaled = Math.round(Math.abs(value) * 100 + 1e-7);
  return value < 0 ? -scaled : scaled;
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

interface Acc {
  weight: number;
  self: number;
  assessed: number;
  items: number;
  selfFilled: number;
  assessedFilled: number;
  filled: number;
}

const empty = (): Acc => ({ weight: 0, self: 0, assessed: 0, items: 0, selfFilled: 0, assessedFilled: 0, filled: 0 });

function sums(a: Acc): ScoreSums {
  return {
    weight: fromHundredths(a.weight),
    selfScore: fromHundredths(a.self),
    assessedScore: fromHundredths(a.assessed),
    items: a.items,
    selfFilled: a.selfFilled,
    assessedFilled: a.assessedFilled,
    filled: a.filled,
  };
}

function add(acc: Acc, item: ScoreInput): void {
  acc.items++;
  acc.weight += toHundredths(item.weight);
  if (item.selfScore !== null && Number.isFinite(item.selfScore)) {
    acc.self += toHundredths(item.selfScore);
    acc.selfFilled++;
    if (typeof item.completion === 'string' && item.completion.trim() !== '') acc.filled++;
  }
  if (item.assessedScore !== null && Number.isFinite(item.assessedScore)) {
    acc.assessed += toHundredths(item.assessedScore);
    acc.assessedFilled++;
  }
}

export function scoreUnit(items: readonly ScoreInput[]): UnitScore {
  const perBlock = new Map<Block, Acc>();
  const total = empty();
  for (const item of items) {
    let acc = perBlock.get(item.block);
    if (!acc) perBlock.set(item.block, (acc = empty()));
    add(acc, item);
    add(total, item);
  }
  const blocks: BlockScore[] = [];
  for (const block of BLOCKS) {
    const acc = perBlock.get(block);
    if (acc) blocks.push({ block, ...sums(acc) });
  }
  return { blocks, total: sums(total) };
}

/** Sum of weights, exact to the hundredth. */
export function sumWeights(weights: readonly number[]): number {
  return fromHundredths(weights.reduce((s, w) => s + toHundredths(w), 0));
}
