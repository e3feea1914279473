// Names made from unit names: generated files, and every segment of a shared-folder path (src/core/folders/
// layout.ts). A unit name comes from a document anyone can edit, so nothing in it may make a path, a hidden file, a
// device name or a name too long for a file system; Chinese stays as it is. The one sanitiser for all of them.

// # and % break SharePoint/OneDrive names and URLs.
const FORBIDDEN = /[\u0000-\u001f\u007f/\\:*?"<>|#%]/g;
// Zero-width and bidirectional controls can make a name look like another one.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Bytes of UTF-8 kept for the stem: well under the 255-byte limit of common file systems, with room for a suffix. */
const MAX_STEM_BYTES = 150;
const utf8 = new TextEncoder();

function trimEnds(s: string): string {
  return s.replace(/^[\s._]+|[\s._]+$/g, '');
}

/** A file-name stem (no extension) safe on Windows, macOS and Linux, or `fallback` when nothing usable is left. */
export function safeFileStem(name: string, fallback = 'unit'): string {
  let s = trimEnds(
    name.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').replace(/_+/g, '_'),
  );
  if (utf8.encode(s).length > MAX_STEM_BYTES) {
    const chars = Array.from(s);
    while (chars.length > 0 && utf8.encode(chars.join('')).length > MAX_STEM_BYTES) chars.pop();
    s = trimEnds(chars.join(''));
  }
  if (s === '') s = fallback;
  if (RESERVED.test(s.split('.')[0]!.trim())) s = `_${s}`;
  return s;
}

/** Safe, distinct file names (case-insensitively) for the given unit names, in order: "人事处.xlsx", "人事处-2.xlsx". */
export function uniqueFileNames(names: readonly string[], extension = '.xlsx'): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const stem = safeFileStem(name);
    let candidate = `${stem}${extension}`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
