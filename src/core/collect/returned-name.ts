// When a returned file was submitted, from its name in the shared folder's layout
// (<root>/<year>/returned/<unit>/<unit>-<timestamp>-<hash>.xlsx, see src/core/folders/layout.ts, which writes
// the timestamp with formatTimestamp as 20191231T235959Z). The layout module only builds names; this reads them.

const STAMPED = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[0-9a-f]{8}\.xlsx$/i;

/** ISO 8601 (UTC) from a returned file's name, or null when the name does not follow the layout. */
export function submittedAtFromName(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const m = STAMPED.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
  const t = Date.parse(iso);
  // Reject impossible dates (month 13, 25 o'clock): Date.parse would roll them over or fail.
  return !Number.isNaN(t) && new Date(t).toISOString() === iso ? iso : null;
}
