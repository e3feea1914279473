// Where files go in the shared folder:
//   <root>/<year>/templates/<unit file>
//   <root>/<year>/returned/<unit>/<unit>-<timestamp>-<short hash>.xlsx   (every submission is kept)
// Every segment is sanitised so it is a valid, unambiguous name on Windows shares, WebDAV and OneDrive.

const FORBIDDEN = /[\u0000-\u001f\u007f"*/:<>?\\|#%]/g; // # and % break SharePoint/OneDrive names and URLs
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_SEGMENT = 120;

/** A single path segment safe on every destination; never empty, never "." or "..". */
export function sanitiseSegment(input: string): string {
  let s = input.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  // Windows drops trailing dots and spaces; a leading dot would hide the file (and is our temp-file marker).
  s = s.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (RESERVED.test(s)) s = `_${s}`;
  const chars = Array.from(s);
  if (chars.length > MAX_SEGMENT) s = chars.slice(0, MAX_SEGMENT).join('').trim();
  return s === '' ? '_' : s;
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
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export function returnedPath(year: number | string, unit: string, timestamp: Date | string, sha256: string): string {
  const u = sanitiseSegment(unit);
  const ts = typeof timestamp === 'string' ? sanitiseSegment(timestamp) : formatTimestamp(timestamp);
  const short = sha256.toLowerCase().replace(/[^0-9a-f]/g, '').slice(0, 8);
  if (short.length < 8) throw new RangeError('hash must be hex with at least 8 digits');
  return `${yearSegment(year)}/returned/${u}/${u}-${ts}-${short}.xlsx`;
}

/** The hidden temporary name a push writes before moving the file into place. */
export function tempPathFor(finalPath: string, random: string): string {
  const i = finalPath.lastIndexOf('/');
  const dir = i < 0 ? '' : finalPath.slice(0, i + 1);
  return `${dir}.${finalPath.slice(i + 1)}.part-${random}`;
}
