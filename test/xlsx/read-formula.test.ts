// Shared formulas moved to their follower cells, and cell references of a sheet's XML, past column Z.
import { parseAddress, shiftFormula } from '../../src/xlsx/read-formula';

describe('shared formulas past column Z', () => {
  test('relative references move across Z/AA and AZ/BA; absolute parts stay; string literals are left alone', () => {
    expect(shiftFormula('SUM(Y2:Z2)', 1, 1)).toBe('SUM(Z3:AA3)');
    expect(shiftFormula('SUM(AY2:AZ2)+$AZ$1', 1, 1)).toBe('SUM(AZ3:BA3)+$AZ$1');
    expect(shiftFormula('BA5&"AZ5"', 0, -1)).toBe('AZ5&"AZ5"');
    expect(shiftFormula('A1', 0, -1)).toBe('#REF!');
  });

  test("a cell's r attribute: AZ and BA, either case; anything else is undefined", () => {
    expect(parseAddress('AZ7')).toEqual({ row: 7, col: 52 });
    expect(parseAddress('ba7')).toEqual({ row: 7, col: 53 });
    expect(parseAddress('$AA$1')).toEqual({ row: 1, col: 27 });
    for (const bad of ['', ' A1', 'A1 ', 'A', 'ABCD1', 'A1:B2']) expect(parseAddress(bad)).toBeUndefined();
  });
});
