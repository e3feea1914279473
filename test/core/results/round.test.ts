import fc from 'fast-check';
import { divideRounded, round2 } from '../../../src/core/results/round';

describe('rounding half away from zero to two decimals', () => {
  test.each([
    [2.675, 2.68], // binary 2.67499999999999982236431605997495353221893310546875
    [1.005, 1.01], // binary 1.00499999999999989341858963598497211933135986328125
    [1.015, 1.02],
    [0.125, 0.13],
    [98.125, 98.13], // not to even (98.12)
    [-2.675, -2.68],
    [-0.005, -0.01],
    [2.674999, 2.67],
    [0, 0],
  ])('%p → %p', (value, rounded) => {
    expect(round2(value)).toBe(rounded);
  });

  test('a ratio of integers is rounded exactly, half away from zero', () => {
    const reference = (n: number, d: number): number => {
      // 2n/d rounded away from zero, as integers (BigInt), then halved: round(n/d) = floor((2|n| + |d|) / 2|d|).
      const sign = n < 0 !== d < 0 ? -1n : 1n;
      const a = BigInt(Math.abs(n));
      const b = BigInt(Math.abs(d));
      return Number(sign * ((2n * a + b) / (2n * b)));
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e5, max: 1e5 }).filter((d) => d !== 0),
        (n, d) => {
          expect(divideRounded(n, d) + 0).toBe(reference(n, d) + 0);
        },
      ),
      { numRuns: 2000 },
    );
    expect([divideRounded(5, 2), divideRounded(-5, 2), divideRounded(7, 2), divideRounded(1, 3)]).toEqual([
      3, -3, 4, 0,
    ]);
  });

  test('a non-integer or a zero divisor is a programming error, not a silent result', () => {
    expect(() => divideRounded(1.5, 2)).toThrow(RangeError);
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
  });
});
