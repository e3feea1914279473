// Which of several returned files of one unit (or one scorer) is the latest: by submission time, then by file
// path, so the outcome never depends on the order files were listed in. Used by the summary and the merge.
export interface Dated {
  file: string;
  /** ISO 8601, or null when unknown (an undated file is the oldest). */
  submittedAt: string | null;
}

/** Milliseconds since the epoch, or -Infinity when unknown. */
function timeOf(s: Dated): number {
  if (s.submittedAt === null) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(s.submittedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Oldest first; equal times by file path. */
export function compareSubmissions(a: Dated, b: Dated): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
