// The small address arithmetic of the Office adapter: which ranges get one format call, sheet names Excel takes.
import fc from 'fast-check';
import {
  cellAddress,
  cellOf,
  columnLetter,
  columnNumber,
  parseCell,
  parseRange,
  rangeAddress,
  rectanglesOf,
  splitSheetAddress,
} from '../../src/core/address';
import { freeSheetName } from '../../src/office/sheet-helpers';

describe('column letters and A1 addresses', () => {
  test("columns past Z: AA, AZ, BA, ZZ, AAA, and Excel's last column XFD", () => {
    const pairs: [number, string][] = [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [52, 'AZ'],
      [53, 'BA'],
      [702, 'ZZ'],
      [703, 'AAA'],
      [16384, 'XFD'],
    ];
    for (const [n, letters] of pairs) {
      expect(columnLetter(n)).toBe(letters);
      expect(columnNumber(letters)).toBe(n);
      expect(columnNumber(letters.toLowerCase())).toBe(n);
    }
    expect([cellAddress(7, 52), cellAddress(1, 53)]).toEqual(['AZ7', 'BA1']);
    expect(parseCell('$BA$12')).toEqual({ row: 12, col: 53 });
    expect(parseCell(' az3 ')).toEqual({ row: 3, col: 52 });
  });

  test('every column of a sheet goes to letters and back', () => {
    for (let col = 1; col <= 16384; col++) {
      expect(columnNumber(columnLetter(col))).toBe(col);
      expect(parseCell(cellAddress(col, col))).toEqual({ row: col, col });
    }
  });

  test('a text that is no cell address: parseCell throws, cellOf gives undefined (and does not trim)', () => {
    for (const bad of ['', 'A', '12', 'A1:B2', 'ABCD1', 'A-1', 'Sheet!A1']) {
      expect(() => parseCell(bad)).toThrow('not a cell address');
      expect(cellOf(bad)).toBeUndefined();
    }
    expect(cellOf(' A1')).toBeUndefined();
    expect(cellOf('$A1')).toEqual({ row: 1, col: 1 });
  });
});

describe('cells grouped into rectangles (one format call per rectangle)', () => {
  test('any set of cells is covered exactly once, with no cell outside it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 8 })), {
          selector: ([r, c]) => `${r},${c}`,
        }),
        (pairs) => {
          const wanted = new Set(pairs.map(([r, c]) => `${r},${c}`));
          const seen = new Map<string, number>();
          for (const rect of rectanglesOf(pairs.map(([row, col]) => ({ row, col })))) {
            for (let r = rect.top; r <= rect.bottom; r++)
              for (let c = rect.left; c <= rect.right; c++) seen.set(`${r},${c}`, (seen.get(`${r},${c}`) ?? 0) + 1);
          }
          expect([...seen.keys()].sort()).toEqual([...wanted].sort());
          expect([...seen.values()].every((n) => n === 1)).toBe(true);
        },
      ),
    );
  });

  test('a column of input cells interrupted by a subtotal row becomes two ranges', () => {
    const cells = [5, 6, 7, 9, 10].map((row) => ({ row, col: 7 }));
    expect(rectanglesOf(cells).map(rangeAddress)).toEqual(['G5:G7', 'G9:G10']);
  });

  test('a block of equal rows becomes one range', () => {
    const cells = [];
    for (let row = 5; row <= 9; row++) for (let col = 6; col <= 10; col++) cells.push({ row, col });
    expect(rectanglesOf(cells).map(rangeAddress)).toEqual(['F5:J9']);
  });
});

describe('addresses as Excel gives them back', () => {
  test('a quoted sheet name with a space and an apostrophe is split from its range', () => {
    expect(splitSheetAddress("'王''s 表'!B3:J40")).toEqual({ sheet: "王's 表", range: 'B3:J40' });
    expect(splitSheetAddress('目标表!A1')).toEqual({ sheet: '目标表', range: 'A1' });
    expect(parseRange('$B$3:$J$40')).toEqual({ top: 3, left: 2, bottom: 40, right: 10 });
    expect(parseRange('AA7')).toEqual({ top: 7, left: 27, bottom: 7, right: 27 });
  });
});

describe('sheet names', () => {
  test('a taken name (in any letter case) gets " (2)", " (3)", … and stays within 31 characters', () => {
    expect(freeSheetName('测绘地理信息局', new Set())).toBe('测绘地理信息局');
    expect(freeSheetName('Bureau', new Set(['bureau']))).toBe('Bureau (2)');
    expect(freeSheetName('Bureau', new Set(['bureau', 'bureau (2)']))).toBe('Bureau (3)');
    // Taken names as Excel lists them, in any case: the picker compares them case-insensitively itself.
    expect(freeSheetName('Bureau', ['BUREAU', 'Bureau (2)'])).toBe('Bureau (3)');
    const long = '青'.repeat(31);
    const free = freeSheetName(long, new Set([long]));
    expect(free).toBe(`${'青'.repeat(27)} (2)`);
    expect(free.length).toBe(31);
  });

  test('a name Excel refuses is an error with a code', () => {
    for (const bad of ['', 'a/b', 'a:b', '[x]', "'x'", 'History']) {
      expect(() => freeSheetName(bad, new Set())).toThrow(expect.objectContaining({ code: 'sheet-name-invalid' }));
    }
  });
});
