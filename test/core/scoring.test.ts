import fc from 'fast-check';
import { scoreUnit, toHundredths } from '../../src/core/scoring';

describe('scoring', () => {
  test('sums weights and scores per block (party first) and in total, blanks counting as 0', () => {
    const score = scoreUnit([
      { block: 'own', weight: 40.5, selfScore: 40, assessedScore: null, completion: '完成' },
      { block: 'party', weight: 20, selfScore: 18.5, assessedScore: 18, completion: '  ' },
      { block: 'party', weight: 10, selfScore: null, assessedScore: 9.25, completion: '完成' },
      { block: 'own', weight: 29.5, selfScore: 0.1, assessedScore: 0.2 },
    ]);
    expect(
      score.blocks.map((b) => [
        b.block,
        b.weight,
        b.selfScore,
        b.assessedScore,
        b.items,
        b.selfFilled,
        b.assessedFilled,
        b.filled,
      ]),
    ).toEqual([
      ['party', 30, 18.5, 27.25, 2, 1, 2, 0],
      ['own', 70, 40.1, 0.2, 2, 2, 1, 1],
    ]);
    expect(score.total).toEqual({
      weight: 100,
      selfScore: 58.6,
      assessedScore: 27.45,
      items: 4,
      selfFilled: 3,
      assessedFilled: 3,
      filled: 1,
    });
  });

  test('a block without items has no subtotal', () => {
    expect(
      scoreUnit([{ block: 'own', weight: 100, selfScore: null, assessedScore: null }]).blocks.map((b) => b.block),
    ).toEqual(['own']);
  });

  test('sums of two-decimal scores are exact (no 0.30000000000000004)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10000 }), { maxLength: 80 }), (hundredths) => {
        const score = scoreUnit(
          hundredths.map((h) => ({ block: 'own', weight: h / 100, selfScore: h / 100, assessedScore: null })),
        );
        const expected = hundredths.reduce((s, h) => s + h, 0) / 100;
        return score.total.selfScore === expected && score.total.weight === expected;
      }),
    );
    expect(toHundredths(8.15)).toBe(815);
    expect(toHundredths(-0.1)).toBe(-10);
  });
});
