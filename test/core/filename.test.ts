import fc from 'fast-check';
import { safeFileStem, uniqueFileNames } from '../../src/core/filename';

describe('file names for generated sheets', () => {
  test('keep Chinese unit names as they are', () => {
    expect(uniqueFileNames(['省地质矿产勘查开发局', '市（州）自然资源局'])).toEqual([
      '省地质矿产勘查开发局.xlsx',
      '市（州）自然资源局.xlsx',
    ]);
  });

  test('a hostile name cannot make a path, a hidden file or a device name', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('a/b\\c:d*?')).toBe('a_b_c_d');
    expect(safeFileStem('CON')).toBe('_CON');
    expect(safeFileStem('com1.txt')).toBe('_com1.txt');
    expect(safeFileStem('  .hidden. ')).toBe('hidden');
    expect(safeFileStem('tab\there\nnew\u0000line')).toBe('tab_here_new_line');
    expect(safeFileStem('人事\u202e处')).toBe('人事处');
    expect(safeFileStem('...')).toBe('unit');
    expect(safeFileStem('')).toBe('unit');
  });

  test('long names are cut to a size every file system accepts', () => {
    const stem = safeFileStem('自然资源'.repeat(100));
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(150);
    expect(stem.startsWith('自然资源自然资源')).toBe(true);
  });

  test('names are unique within a run, ignoring case', () => {
    expect(uniqueFileNames(['人事处', '人事处', 'a/b', 'a_b', 'A_B'])).toEqual([
      '人事处.xlsx',
      '人事处-2.xlsx',
      'a_b.xlsx',
      'a_b-2.xlsx',
      'A_B-3.xlsx',
    ]);
  });

  test('no name ever contains a separator, a control character or starts with a dot', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { minLength: 1, maxLength: 10 }), (names) => {
        const out = uniqueFileNames(names);
        return (
          new Set(out.map((n) => n.toLowerCase())).size === out.length &&
          out.every(
            (n) =>
              !/[\u0000-\u001f/\\:*?"<>|]/.test(n) &&
              !n.startsWith('.') &&
              n !== '.xlsx' &&
              !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(n),
          )
        );
      }),
    );
  });
});
