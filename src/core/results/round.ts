// The result's arithmetic: every figure is held as integer hundredths, rounded half away from zero where it is
// shown, and later figures are computed from the rounded ones. A number enters through toHundredths (the scoring
// module's rounding, which reads 2.675 as 268 although its binary value is 2.67499999…); a ratio is rounded here
// with integers only, so no binary fraction is ever rounded.
import { fromHundredths, toHundredths } from '../scoring';

export { fromHundredths, toHundredths };

/** numerator ÷ denominator rounded half away from zero, for integers (denominator ≠ 0), without floating point. */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0)
    throw new RangeError(`divideRounded needs safe integers and a non-zero divisor: ${numerator} / ${denominator}`);
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const remainder = n % d;
  const quotient = (n - remainder) / d + (2 * remainder >= d ? 1 : 0);
  return negative && quotient !== 0 ? -quotient : quotient;
}

/** A number rounded half away from zero to two decimals: round2(2.675) = 2.68, round2(-1.005) = -1.01. */
export function round2(value: number): number {
  return fromHundredths(toHundredths(value));
}
