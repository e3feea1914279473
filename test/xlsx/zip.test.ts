import { strFromU8, strToU8, unzipSync } from 'fflate';
import { cachedPartCount, writeZip } from '../../src/xlsx/zip';
import { inTimeZone, SHANGHAI } from './time-zone';

function centralEntries(zip: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    out.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

describe('the zip of a generated file', () => {
  const when = new Date('2019-12-01T08:30:10Z');
  const entries: [string, Uint8Array][] = [
    ['[Content_Types].xml', strToU8('<Types/>'.repeat(50))],
    ['xl/worksheets/sheet1.xml', strToU8('<c r="A1"><v>2019年度</v></c>'.repeat(200))],
  ];

  /** The entries read back in order and unchanged, each stamped 2019-12-01 08:30:10 (UTC, two-second DOS time). */
  function expectEntriesStampedInUtc(zip: Uint8Array): void {
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(entries.map(([n]) => n));
    for (const [name, data] of entries) expect(strFromU8(back[name]!)).toBe(strFromU8(data));
    const stamps = centralEntries(zip);
    expect(stamps.map((e) => e.name)).toEqual(entries.map(([n]) => n));
    for (const e of stamps) {
      expect(e.date).toBe(((2019 - 1980) << 9) | (12 << 5) | 1);
      expect(e.time).toBe((8 << 11) | (30 << 5) | 5);
    }
  }

  // On a machine set to UTC local time and UTC agree, so these run in a zone eight hours ahead (Asia/Shanghai),
  // where 08:30 UTC is 16:30 local: a local-time stamp shows.
  test('reads back to the same entries, in the given order, stamped with createdAt in UTC', async () => {
    const zip = await inTimeZone(SHANGHAI, () => {
      expect(when.getHours()).toBe(16);
      return writeZip(entries, when);
    });
    expectEntriesStampedInUtc(zip);
  });

  test('without Node’s zlib (the task pane) it is written with fflate, with the same entries and UTC timestamps', async () => {
    const zip = await inTimeZone(SHANGHAI, () => {
      expect(when.getHours()).toBe(16);
      return writeZip(entries, when, { native: false });
    });
    expectEntriesStampedInUtc(zip);
    expect(Buffer.from(writeZip(entries, when, { native: false })).equals(Buffer.from(zip))).toBe(true);
  });

  test('is the same bytes every time', () => {
    expect(Buffer.from(writeZip(entries, when)).equals(Buffer.from(writeZip(entries, when)))).toBe(true);
  });

  test('keeps a deflated part for reuse only once it has been written a second time', () => {
    const part = (text: string): [string, Uint8Array][] => [
      ['xl/worksheets/sheet1.xml', strToU8(`<c r="A1"><v>${text}</v></c>`.repeat(100))],
    ];
    const before = cachedPartCount();
    const first = writeZip(part('只写一次的单位'), when);
    expect(cachedPartCount()).toBe(before);
    const second = writeZip(part('只写一次的单位'), when);
    expect(cachedPartCount()).toBe(before + 1);
    const third = writeZip(part('只写一次的单位'), when);
    expect(cachedPartCount()).toBe(before + 1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(third).equals(Buffer.from(first))).toBe(true);
    writeZip(part('另一个单位'), when);
    expect(cachedPartCount()).toBe(before + 1);
  });
});
