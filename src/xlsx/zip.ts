// A deterministic zip writer for the files we generate: entries in the given order, one fixed timestamp (as UTC,
// so the bytes do not depend on the machine's time zone), deflate level 6. Node's native zlib when there is one
// (several times faster than a JavaScript deflate for the ~50 files of a run), fflate elsewhere (task pane).
import { zipSync, type Zippable } from 'fflate';

interface NativeZlib {
  deflateRawSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
  crc32?(data: Uint8Array, value?: number): number;
}

function nativeZlib(): NativeZlib | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const z = p?.getBuiltinModule?.('node:zlib') as NativeZlib | undefined;
  return z && typeof z.crc32 === 'function' ? z : undefined;
}

function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getUTCFullYear(), 1980), 2107);
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

const utf8 = new TextEncoder();

// Most parts of a workbook (theme, relationships, content types, …) are the same in every file of a run:
// their deflated form is kept and reused (checked byte for byte), which halves the compression work. A part is
// kept only once its key has been seen a second time, so the one-off parts (each unit's sheet XML) never sit in
// memory; the keys seen once are a bounded set of short strings.
const deflated = new Map<string, { data: Uint8Array; body: Uint8Array }>();
const MAX_CACHED = 256;
const seenOnce = new Set<string>();
const MAX_SEEN_ONCE = 4096;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function deflate(zlib: NativeZlib, data: Uint8Array, crc: number): Uint8Array {
  const key = `${crc}:${data.length}`;
  const hit = deflated.get(key);
  if (hit && (hit.data === data || sameBytes(hit.data, data))) return hit.body;
  const body = zlib.deflateRawSync(data, { level: 6 });
  if (!hit && deflated.size < MAX_CACHED) {
    if (seenOnce.delete(key)) {
      deflated.set(key, { data, body });
    } else {
      // Oldest first out: a Set iterates in insertion order.
      if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.delete(seenOnce.values().next().value!);
      seenOnce.add(key);
    }
  }
  return body;
}

/** How many deflated parts are kept for reuse (for tests). */
export function cachedPartCount(): number {
  return deflated.size;
}

export function writeZip(
  entries: readonly [string, Uint8Array][],
  when: Date,
  options: { native?: boolean } = {},
): Uint8Array {
  const zlib = options.native === false ? undefined : nativeZlib();
  if (!zlib) {
    // fflate stamps local time: shift so that its local-time fields carry the UTC values.
    const shifted = new Date(when.getTime() + when.getTimezoneOffset() * 60_000);
    const files: Zippable = {};
    for (const [name, data] of entries) files[name] = [data, { mtime: shifted, level: 6 }];
    return zipSync(files);
  }
  const { time, date } = dosDateTime(when);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = utf8.encode(name);
    const crc = zlib.crc32!(data) >>> 0;
    const compressed = data.length === 0 ? data : deflate(zlib, data, crc);
    const stored = compressed.length >= data.length;
    const body = stored ? data : compressed;
    const header = new Uint8Array(30 + nameBytes.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 0x0800, true); // UTF-8 names
    h.setUint16(8, stored ? 0 : 8, true);
    h.setUint16(10, time, true);
    h.setUint16(12, date, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, body.length, true);
    h.setUint32(22, data.length, true);
    h.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint16(10, stored ? 0 : 8, true);
    c.setUint16(12, time, true);
    c.setUint16(14, date, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, nameBytes.length, true);
    c.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(header, body);
    centrals.push(central);
    offset += header.length + body.length;
  }
  const centralSize = centrals.reduce((n, x) => n + x.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, centralSize, true);
  e.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
