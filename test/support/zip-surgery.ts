// Test support: zip archives that lie, for the reader's hostile-file tests. A library that writes zips (fflate)
// always tells the truth about sizes; these helpers write or patch the records by hand (PKWARE APPNOTE 4.3.7,
// 4.3.12, 4.3.16), so that a test can hand the reader an archive whose declared sizes differ from its data.

export interface RawEntry {
  name: string;
  /** The entry's data as stored in the archive: raw deflate for method 8, the bytes themselves for method 0. */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the archive declares (the truth or a lie). */
  declaredSize: number;
}

const utf8 = new TextEncoder();

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, at: number, v: number): void {
  put16(b, at, v & 0xffff);
  put16(b, at + 2, (v >>> 16) & 0xffff);
}
function get16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function get32(b: Uint8Array, at: number): number {
  return (get16(b, at) | (get16(b, at + 2) << 16)) >>> 0;
}

/** A zip of the entries as given (no CRC: the reader does not check it, and a lying archive would not care). */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    put32(local, 0, 0x04034b50);
    put16(local, 4, 20);
    put16(local, 8, e.method);
    put32(local, 18, e.data.length);
    put32(local, 22, e.declaredSize);
    put16(local, 26, name.length);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    put32(central, 0, 0x02014b50);
    put16(central, 4, 20);
    put16(central, 6, 20);
    put16(central, 10, e.method);
    put32(central, 20, e.data.length);
    put32(central, 24, e.declaredSize);
    put16(central, 28, name.length);
    put32(central, 42, offset);
    central.set(name, 46);
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  put32(end, 0, 0x06054b50);
  put16(end, 8, entries.length);
  put16(end, 10, entries.length);
  put32(end, 12, directorySize);
  put32(end, 16, offset);
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A copy of `zip` whose entry `name` declares `size` uncompressed bytes, in its local and its central record. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  let eocd = out.length - 22;
  while (eocd >= 0 && get32(out, eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  let p = get32(out, eocd + 16);
  for (let i = 0; i < get16(out, eocd + 10); i++) {
    const nameLength = get16(out, p + 28);
    const entryName = new TextDecoder().decode(out.subarray(p + 46, p + 46 + nameLength));
    if (entryName === name) {
      put32(out, p + 24, size);
      put32(out, get32(out, p + 42) + 22, size);
      return out;
    }
    p += 46 + nameLength + get16(out, p + 30) + get16(out, p + 32);
  }
  throw new Error(`no entry ${name}`);
}

/**
 * A raw deflate stream (one fixed-Huffman block: a literal 0, then `copies` back-references of 258 bytes at
 * distance 1) that inflates to copies × 258 + 1 zero bytes from about 13 bits per copy: a bomb made by hand, so
 * that a test need not compress gigabytes to get one.
 */
export function zerosDeflate(copies: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
  let bit = 0;
  const bits = (value: number, n: number): void => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  // Huffman codes are packed most significant bit first (RFC 1951, 3.1.1).
  const code = (value: number, n: number): void => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  bits(1, 1); // BFINAL
  bits(1, 2); // BTYPE 01: fixed Huffman codes
  code(0x30, 8); // literal 0
  for (let i = 0; i < copies; i++) {
    code(0xc5, 8); // length 258 (symbol 285)
    code(0, 5); // distance 1 (distance code 0)
  }
  code(0, 7); // end of block (symbol 256)
  return out.subarray(0, (bit + 7) >> 3);
}
