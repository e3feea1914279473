// Where files go in the shared folder:
//   <root>/<year>/templates/<unit file>
//   <root>/<year>/returned/<unit>/<unit>-<timestamp>-<short hash>.xlsx   (every submission is kept)
//   <root>/<year>/scoring/<scorer>/<scorer>-<timestamp>-<short hash>.xlsx   (scoring workbooks, likewise)
// Every segment is sanitised (src/core/filename.ts) so it is a valid, unambiguous name on Windows shares, WebDAV
// and OneDrive.
import { safeFileStem } from '../filename';

/** A single path segment safe on every destination; never empty, never "." or "..". */
export function sanitiseSegment(input: string): string {
  return safeFileStem(input, '_');
}

/** A file name: sanitises the stem and keeps (or adds) the extension. */
export function sanitiseFileName(input: string, extension = '.xlsx'): string {
  const lower = input.toLowerCase();
  const stem = lower.endsWith(extension) ? input.slice(0, input.length - extension.length) : input;
  return `${sanitiseSegment(stem)}${extension}`;
}

function yearSegment(year: number | string): string {
  const y = String(year);
  if (!/^\d{4}$/.test(y)) throw new RangeError(`year must have four digits: ${y}`);
  return y;
}

export function templatePath(year: number | string, unitFile: string): string {
  return `${yearSegment(year)}/templates/${sanitiseFileName(unitFile)}`;
}

/** UTC timestamp without characters that file systems refuse: 20191231T235959Z. */
export function formatTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** <year>/<folder>/<name>/<name>-<timestamp>-<8 hex>.xlsx: one submission, never overwriting another. */
function stampedPath(
  folder: 'returned' | 'scoring',
  year: number | string,
  name: string,
  timestamp: Date | string,
  sha256: string,
): string {
  const u = sanitiseSegment(name);
  const ts = typeof timestamp === 'string' ? sanitiseSegment(timestamp) : formatTimestamp(timestamp);
  const short = sha256
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .slice(0, 8);
  if (short.length < 8) throw new RangeError('hash must be hex with at least 8 digits');
  return `${yearSegment(year)}/${folder}/${u}/${u}-${ts}-${short}.xlsx`;
}

export function returnedPath(year: number | string, unit: string, timestamp: Date | string, sha256: string): string {
  return stampedPath('returned', year, unit, timestamp, sha256);
}

/** Where a scorer's returned scoring workbook goes (issue 13): under scoring/, named like a returned sheet. */
export function scoringPath(year: number | string, scorer: string, timestamp: Date | string, sha256: string): string {
  return stampedPath('scoring', year, scorer, timestamp, sha256);
}

const STAMPED = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[0-9a-f]{8}\.xlsx$/i;

/** When a returned file was submitted (ISO 8601, UTC), read back from the name returnedPath gave it; null otherwise. */
export function submittedAtFromName(path: string): string | null {
  const m = STAMPED.exec(path.slice(path.lastIndexOf('/') + 1));
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
  const t = Date.parse(iso);
  // Reject impossible dates (month 13, 25 o'clock): Date.parse would roll them over or fail.
  return !Number.isNaN(t) && new Date(t).toISOString() === iso ? iso : null;
}

/** The hidden temporary name a push writes before moving the file into place. */
export function tempPathFor(finalPath: string, random: string): string {
  const i = finalPath.lastIndexOf('/');
  const dir = i < 0 ? '' : finalPath.slice(0, i + 1);
  return `${dir}.${finalPath.slice(i + 1)}.part-${random}`;
}

/**
 * The hidden collection a WebDAV push creates beside the final name while it moves its file there: MKCOL is atomic
 * on servers whose MOVE is not (Apache's mod_dav checks that the destination is free, then renames), so of two
 * pushes to one name only one moves at a time.
 */
export function claimPathFor(finalPath: string): string {
  const i = finalPath.lastIndexOf('/');
  const dir = i < 0 ? '' : finalPath.slice(0, i + 1);
  return `${dir}.${finalPath.slice(i + 1)}.claim`;
}
