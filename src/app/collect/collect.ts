// Collecting returned sheets from a shared folder (WebDAV, a directory via the disk adapter — any SharedFolder):
// list the .xlsx files, read and validate them a few at a time, and build the summary with the core. Scoring
// workbooks (评分表) found with them — under <year>/scoring/ in the shared-folder layout, or anywhere in another
// folder, told by their record — are checked as what they are and merged (src/core/scoring-workbook/merge.ts)
// into the units' 考核得分.
//
// Memory stays bounded whatever the number of files: at most `concurrency` files' bytes and parsed contents are
// alive at once; what is kept per file is its validation report and, for readable sheets, its target rows.
// A file that cannot be read (network error, broken zip, not a workbook) becomes an "unreadable" submission with
// its reason; it never stops the run.
import type { Catalog } from '../../core/catalog/model';
import type { CheckedReport, Submission } from '../../core/collect/model';
import { submittedAtFromName } from '../../core/folders/layout';
import { buildSummary } from '../../core/collect/summary';
import type { Summary } from '../../core/collect/model';
import { toIssue, type FolderEntry, type SharedFolder } from '../../core/folders';
import type { SheetTexts } from '../../core/plan/texts';
import type { ValidationIssue } from '../../core/validate/issues';
import { mergeScoring, type ScoringMerge, type ScoringSubmission } from '../../core/scoring-workbook/merge';
import { unreadableReport, type ValidationReport } from '../../core/validate/validate';
import { scoringTexts } from '../../i18n/scoring-texts';
import { allSheetTexts } from '../../i18n/sheet-texts';
import { DEFAULT_READ_LIMITS } from '../../xlsx/read';
import { checkWorkbookBytes } from '../check';

export interface CollectProgress {
  done: number;
  total: number;
  file: string;
  status: CheckedReport['status'];
}

export interface CollectOptions {
  catalog: Catalog;
  /** Sheet texts templates may have been generated with (default: every language's). */
  sheetTexts?: readonly SheetTexts[];
  /** Files read at once (2–4 is plenty: reading is CPU-bound here). Default 3. */
  concurrency?: number;
  onListed?: (count: number) => void;
  onProgress?: (progress: CollectProgress) => void;
  /** How a file is named in the summary, from its path relative to the folder (default: that path). */
  locate?: (path: string) => string;
  /** Checked before each file: once aborted, no further file is read and the result says `cancelled`. */
  signal?: AbortSignal;
  /** The assessment team's name in the merge's messages (default: the default language's 考核组). */
  teamName?: string;
}

export interface CollectResult {
  summary: Summary;
  /** Every unit sheet as checked, in path order (the summary's `file` names them); a valid one carries its rows. */
  submissions: Submission[];
  /** Every scoring workbook as checked, in path order (the summary's `scoring` merges them). */
  scoring: ScoringSubmission[];
  /** Their merge (each pair's 考核得分 and reason, and where it came from); null when none was found. */
  merge: ScoringMerge | null;
  files: number;
  elapsedMs: number;
  /** The signal stopped the run: the summary covers only the files read before (callers show nothing of it). */
  cancelled: boolean;
}

const SKIP_DIRECTORIES = new Set(['templates']);

function isReturnedFile(entry: FolderEntry): boolean {
  const name = entry.name;
  // Hidden files include the push's own temporary ".<name>.part-…" files and Office's "~$" lock files.
  return (
    entry.type === 'file' && name.toLowerCase().endsWith('.xlsx') && !name.startsWith('.') && !name.startsWith('~$')
  );
}

/**
 * The .xlsx files under the folder, recursively, sorted by path. When the folder is a shared-folder root with
 * `<year>/returned/` or `<year>/scoring/`, only those are read (the published templates beside them are not
 * submissions).
 */
export async function listReturnedFiles(folder: SharedFolder, year: number): Promise<FolderEntry[]> {
  const isDirectory = async (p: string) => (await folder.stat(p).catch(() => null))?.type === 'directory';
  const roots: string[] = [];
  for (const dir of [`${year}/returned`, `${year}/scoring`]) if (await isDirectory(dir)) roots.push(dir);
  const out: FolderEntry[] = [];
  const pending = roots.length > 0 ? roots : [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of await folder.list(dir)) {
      if (entry.type === 'directory') {
        if (!entry.name.startsWith('.') && !SKIP_DIRECTORIES.has(entry.name)) pending.push(entry.path);
      } else if (isReturnedFile(entry)) {
        out.push(entry);
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Only what the summary needs of a report (not the workbook's contents). */
function checkedReport(report: ValidationReport): CheckedReport {
  const identity = report.identity;
  return {
    status: report.status,
    identity: identity
      ? { unitId: identity.unitId, unitName: identity.unitName, group: identity.group, year: identity.year }
      : null,
    totals: report.totals ? { self: report.totals.self, assessed: report.totals.assessed } : null,
    issues: report.issues,
  };
}

function unreadable(issue: Pick<ValidationIssue, 'code' | 'params' | 'detail'>): CheckedReport {
  return checkedReport(unreadableReport(issue));
}

/** One file checked: a unit's sheet, or a scoring workbook. */
export type CheckedFile =
  { kind: 'sheet'; submission: Submission } | { kind: 'scoring'; submission: ScoringSubmission };

/** One file: read, validate against the catalog, and read its rows when it is a readable template. */
export async function checkFile(
  folder: SharedFolder,
  entry: FolderEntry,
  catalog: Catalog,
  file: string,
  texts: readonly SheetTexts[] = allSheetTexts(),
): Promise<Submission> {
  const checked = await checkAnyFile(folder, entry, catalog, file, texts);
  // Where only unit sheets are wanted, a scoring workbook is what it was before: not a readable sheet.
  if (checked.kind === 'sheet') return checked.submission;
  return {
    file,
    submittedAt: checked.submission.submittedAt,
    report: unreadable({ code: 'is-scoring-workbook', params: {} }),
  };
}

/** One file: a unit's sheet (validated against the catalog, its rows read when valid) or a scoring workbook. */
export async function checkAnyFile(
  folder: SharedFolder,
  entry: FolderEntry,
  catalog: Catalog,
  file: string,
  texts: readonly SheetTexts[] = allSheetTexts(),
): Promise<CheckedFile> {
  const submittedAt = submittedAtFromName(entry.path) ?? entry.modified ?? null;
  const sheet = (report: CheckedReport): CheckedFile => ({ kind: 'sheet', submission: { file, submittedAt, report } });
  const limit = DEFAULT_READ_LIMITS.maxFileBytes;
  if (entry.size > limit) return sheet(unreadable({ code: 'file-too-large', params: { bytes: entry.size, limit } }));
  let bytes: Uint8Array;
  try {
    bytes = await folder.read(entry.path);
  } catch (error) {
    // The folder's failure code, worded with the folders locale when the issue is shown (formatIssue): what the
    // network or a library said stays out of the user's sentence.
    const issue = toIssue(error);
    return sheet(unreadable({ code: 'file-cannot-open', params: { folder: issue.code } }));
  }
  try {
    const checked = checkWorkbookBytes(bytes, { texts, catalog });
    // A result copy (评分结果) sent back to a unit is no submission: reported as what it is, never counted.
    if (checked.kind === 'result') return sheet(unreadable({ code: 'is-result-copy', params: {} }));
    if (checked.kind === 'scoring') {
      // Only what the merge needs is kept (not the workbook's per-unit totals).
      const { status, identity, entries, issues } = checked.report;
      return { kind: 'scoring', submission: { file, submittedAt, report: { status, identity, entries, issues } } };
    }
    const report = checked.report;
    const identity = report.identity;
    const submission: Submission = { file, submittedAt, report: checkedReport(report) };
    const unit = identity ? catalog.units.find((u) => u.id === identity.unitId) : undefined;
    // A valid sheet checked against the catalog holds exactly the catalog unit's targets, in order.
    if (unit && report.status === 'valid' && report.entries?.length === unit.items.length) {
      submission.items = unit.items.map((target, i) => {
        const entry = report.entries![i]!;
        return {
          ...target,
          selfScore: entry.selfScore,
          assessedScore: entry.assessedScore,
          deductionReason: entry.deductionReason,
          completion: entry.completion,
          evidence: entry.evidence,
        };
      });
    }
    return { kind: 'sheet', submission };
  } catch (error) {
    // A reader or validator bug on a strange file must not end the run: the file is reported instead, as our
    // failure (never as a damaged file), with the exception kept for a log.
    return sheet(
      unreadable({
        code: 'reader-failed',
        params: {},
        detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    );
  }
}

/** How many returned files are read at once (the CLI's --concurrency is checked against these). */
export const CONCURRENCY = { min: 1, max: 8, default: 3 } as const;

export async function collect(folder: SharedFolder, options: CollectOptions): Promise<CollectResult> {
  const started = Date.now();
  const entries = await listReturnedFiles(folder, options.catalog.year);
  options.onListed?.(entries.length);
  const locate = options.locate ?? ((p: string) => p);
  const texts = options.sheetTexts ?? allSheetTexts();
  const concurrency = Math.max(CONCURRENCY.min, Math.min(CONCURRENCY.max, options.concurrency ?? CONCURRENCY.default));
  const checked: CheckedFile[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length && !options.signal?.aborted) {
      const index = next++;
      const entry = entries[index]!;
      const one = await checkAnyFile(folder, entry, options.catalog, locate(entry.path), texts);
      checked[index] = one;
      done++;
      const { file, report } = one.submission;
      options.onProgress?.({ done, total: entries.length, file, status: report.status });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, entries.length)) }, worker));
  const cancelled = done < entries.length;
  const read = cancelled ? checked.filter(Boolean) : checked;
  const submissions = read.flatMap((c) => (c.kind === 'sheet' ? [c.submission] : []));
  const scoring = read.flatMap((c) => (c.kind === 'scoring' ? [c.submission] : []));
  const merge =
    scoring.length > 0
      ? mergeScoring(options.catalog, scoring, { teamName: options.teamName ?? scoringTexts().team })
      : null;
  return {
    summary: buildSummary(options.catalog, submissions, merge),
    submissions,
    scoring,
    merge,
    files: entries.length,
    elapsedMs: Date.now() - started,
    cancelled,
  };
}
