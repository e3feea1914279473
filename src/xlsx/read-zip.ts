// A guarded view of a zip archive: reads the central directory itself, checks every limit on the declared sizes
// before anything is inflated, and inflates one entry at a time into a buffer of its declared size (one byte more,
// to see a lie). An entry that inflates to more or less than it declared is refused, never read cut short. Memory
// never exceeds the declared sizes; time is bounded too: deflate expands at most ~1032:1, so small entries are
// inflated in one call while the archive's small allowance lasts, and anything else a slice of compressed data at a
// time, stopping at the first byte beyond the declared size.
import { Inflate, inflateSync } from 'fflate';

export interface ZipLimits {
  /** Largest accepted file, bytes. */
  maxFileBytes: number;
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries, bytes. */
  maxTotalUncompressedBytes: number;
  /** Largest accepted uncompressed/compressed ratio for an entry bigger than `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 2000,
  maxTotalUncompressedBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why an archive cannot be read; `detail` (English, for a log) says where. */
export type ZipCorruptReason =
  'truncated' | 'bad-directory' | 'zip64' | 'unsupported-compression' | 'bad-data' | 'size-mismatch';

export type ZipProblem =
  | { code: 'file-too-large'; params: { bytes: number; limit: number } }
  | { code: 'corrupt-archive'; params: { reason: ZipCorruptReason; detail: string } }
  | { code: 'archive-too-many-entries'; params: { entries: number; limit: number } }
  | { code: 'archive-too-large'; params: { bytes: number; limit: number } }
  | { code: 'archive-bomb'; params: { entry: string; ratio: number } }
  | { code: 'encrypted-entry'; params: { entry: string } };

export class ZipProblemError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.code);
  }
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function corrupt(reason: ZipCorruptReason, detail: string): never {
  throw new ZipProblemError({ code: 'corrupt-archive', params: { reason, detail } });
}

/**
 * Compressed bytes handed to the inflater at a time when streaming: one slice can produce at most ~17 MB before
 * the declared size is checked again.
 */
const INFLATE_SLICE = 16 * 1024;
/**
 * Compressed bytes per archive that may be inflated in one call (faster for the few kilobytes of a template's
 * parts). A one-call inflate runs to the end of the stream whatever the buffer, so this bounds the time a lying
 * archive can cost that way to about 64 MB of inflating.
 */
const ONE_CALL_ALLOWANCE = 64 * 1024;

class BeyondDeclaredSize extends Error {}

function inflateError(name: string, error: unknown): never {
  corrupt('bad-data', `entry ${name}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Inflates `data` in one call into exactly `size` bytes; more output, less output or a damaged stream is corrupt. */
function inflateOneCall(name: string, data: Uint8Array, size: number): Uint8Array {
  let result: Uint8Array;
  try {
    // fflate drops what does not fit a buffer it is given: the extra byte shows that more was there.
    result = inflateSync(data, { out: new Uint8Array(size + 1) });
  } catch (error) {
    inflateError(name, error);
  }
  if (result.length > size) corrupt('size-mismatch', `entry ${name} inflates to more than its declared ${size} bytes`);
  if (result.length < size)
    corrupt('size-mismatch', `entry ${name} inflates to ${result.length} bytes, ${size} declared`);
  return result;
}

/** Inflates `data` a slice at a time into exactly `size` bytes, stopping at the first byte beyond it. */
function inflateStreaming(name: string, data: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > size) throw new BeyondDeclaredSize();
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    let at = 0;
    do {
      const end = Math.min(at + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      at = end;
    } while (at < data.length);
  } catch (error) {
    if (error instanceof BeyondDeclaredSize) {
      corrupt('size-mismatch', `entry ${name} inflates to more than its declared ${size} bytes`);
    }
    inflateError(name, error);
  }
  if (filled !== size) corrupt('size-mismatch', `entry ${name} inflates to ${filled} bytes, ${size} declared`);
  return out;
}

export class GuardedZip {
  readonly entries: Map<string, ZipEntry>;
  private oneCallAllowance = ONE_CALL_ALLOWANCE;

  private constructor(
    private readonly bytes: Uint8Array,
    entries: Map<string, ZipEntry>,
  ) {
    this.entries = entries;
  }

  /** Throws ZipProblemError when the archive breaks a limit or cannot be read. */
  static open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): GuardedZip {
    if (bytes.length > limits.maxFileBytes) {
      throw new ZipProblemError({
        code: 'file-too-large',
        params: { bytes: bytes.length, limit: limits.maxFileBytes },
      });
    }
    // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
    let eocd = -1;
    for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
      if (u32(bytes, i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) corrupt('truncated', 'no end of central directory record');
    const count = u16(bytes, eocd + 10);
    const cdSize = u32(bytes, eocd + 12);
    const cdOffset = u32(bytes, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) corrupt('zip64', 'zip64 archives are not templates');
    if (count > limits.maxEntries) {
      throw new ZipProblemError({
        code: 'archive-too-many-entries',
        params: { entries: count, limit: limits.maxEntries },
      });
    }
    if (cdOffset + cdSize > eocd) corrupt('bad-directory', 'central directory out of bounds');
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > eocd || u32(bytes, p) !== CEN_SIG) corrupt('bad-directory', `bad central directory entry ${i}`);
      const flags = u16(bytes, p + 8);
      const method = u16(bytes, p + 10);
      const compressedSize = u32(bytes, p + 20);
      const size = u32(bytes, p + 24);
      const nameLen = u16(bytes, p + 28);
      const extraLen = u16(bytes, p + 30);
      const commentLen = u16(bytes, p + 32);
      const localHeaderOffset = u32(bytes, p + 42);
      const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
      total += size;
      if (total > limits.maxTotalUncompressedBytes) {
        throw new ZipProblemError({
          code: 'archive-too-large',
          params: { bytes: total, limit: limits.maxTotalUncompressedBytes },
        });
      }
      if (size > limits.ratioFloorBytes && size / Math.max(compressedSize, 1) > limits.maxCompressionRatio) {
        throw new ZipProblemError({
          code: 'archive-bomb',
          params: { entry: name, ratio: Math.round(size / Math.max(compressedSize, 1)) },
        });
      }
      if (localHeaderOffset + 30 > bytes.length) corrupt('truncated', `entry ${name} starts beyond the end`);
      entries.set(name.replace(/^\/+/, ''), {
        name,
        method,
        encrypted: (flags & 1) === 1,
        compressedSize,
        size,
        localHeaderOffset,
      });
    }
    return new GuardedZip(bytes, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, or undefined when the archive has no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    if (entry.encrypted) throw new ZipProblemError({ code: 'encrypted-entry', params: { entry: name } });
    const b = this.bytes;
    const o = entry.localHeaderOffset;
    if (u32(b, o) !== LOC_SIG) corrupt('bad-directory', `bad local header for ${name}`);
    const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) corrupt('truncated', `entry ${name} runs beyond the end`);
    const data = b.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) corrupt('size-mismatch', `stored entry ${name} has inconsistent sizes`);
      return data;
    }
    if (entry.method !== 8) corrupt('unsupported-compression', `entry ${name} uses compression method ${entry.method}`);
    if (data.length <= this.oneCallAllowance) {
      this.oneCallAllowance -= data.length;
      return inflateOneCall(name, data, entry.size);
    }
    return inflateStreaming(name, data, entry.size);
  }

  readText(name: string): string | undefined {
    const data = this.read(name);
    return data === undefined ? undefined : utf8.decode(data);
  }
}
