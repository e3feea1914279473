import fc from 'fast-check';
import {
  claimPathFor,
  formatTimestamp,
  returnedPath,
  sanitiseSegment,
  submittedAtFromName,
  templatePath,
  tempPathFor,
} from '../../../src/core/folders/layout';

test('templates go to <year>/templates/<unit file>', () => {
  expect(templatePath(2019, '青海省地质调查局.xlsx')).toBe('2019/templates/青海省地质调查局.xlsx');
  expect(templatePath('2019', '办公室')).toBe('2019/templates/办公室.xlsx');
});

test('returned sheets go to <year>/returned/<unit>/<unit>-<timestamp>-<8-digit hash>.xlsx', () => {
  const hash = 'ABCDEF0123456789'.padEnd(64, '0');
  expect(returnedPath(2019, '办公室', new Date('2019-12-20T08:09:10.123Z'), hash)).toBe(
    '2019/returned/办公室/办公室-20191220T080910Z-abcdef01.xlsx',
  );
});

test('unit names with slashes, colons or dots cannot escape their folder or hide the file', () => {
  expect(returnedPath(2019, '../../etc/passwd', '20191220T000000Z', 'a'.repeat(64))).toBe(
    '2019/returned/etc_passwd/etc_passwd-20191220T000000Z-aaaaaaaa.xlsx',
  );
  expect(sanitiseSegment('市（州）自然资源局: 西宁/海东')).toBe('市（州）自然资源局_ 西宁_海东');
  expect(sanitiseSegment('..')).toBe('_');
  expect(sanitiseSegment('CON')).toBe('_CON');
  expect(sanitiseSegment('  report.  ')).toBe('report');
});

test('a year that is not four digits is refused', () => {
  expect(() => templatePath(19, 'a.xlsx')).toThrow(RangeError);
});

test('any unit name gives one safe segment', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })), (name) => {
      const s = sanitiseSegment(name);
      expect(s.length).toBeGreaterThan(0);
      expect(s).not.toMatch(/[/\\:*?"<>|#%\u0000-\u001f]/);
      expect(s).not.toMatch(/^[. ]|[. ]$/);
      // Well under the 255-byte name limit of common file systems (Chinese takes 3 bytes a character).
      expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(150);
      expect(sanitiseSegment(s)).toBe(s);
    }),
  );
});

test('timestamps are UTC without separators, and temporary names are hidden beside the target', () => {
  expect(formatTimestamp(new Date('2019-01-02T03:04:05.678Z'))).toBe('20190102T030405Z');
  expect(tempPathFor('2019/templates/a.xlsx', 'ff00')).toBe('2019/templates/.a.xlsx.part-ff00');
  expect(tempPathFor('a.xlsx', 'ff00')).toBe('.a.xlsx.part-ff00');
  expect(claimPathFor('2019/templates/a.xlsx')).toBe('2019/templates/.a.xlsx.claim');
  expect(claimPathFor('a.xlsx')).toBe('.a.xlsx.claim');
});

test('the submission time written into a returned file name reads back as that time', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
      fc.string({ maxLength: 40 }),
      (date, unit) => {
        const path = returnedPath(2019, unit, date, 'f'.repeat(64));
        expect(submittedAtFromName(path)).toBe(new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString());
      },
    ),
  );
});
