// 归档: an archive that proves the result. `createArchive` copies everything a result was computed from (the
// catalog, the settings, the register, the survey, every returned sheet collect used and those it did not use, every
// scoring workbook (评分表) collect checked, counted in the merge or not) and the summary into a new dated folder, with manifest.json: each file's path, size, SHA-256 and role, and the result
// computed. `verifyArchive` re-hashes every file and recomputes the result from the archived inputs with the same
// use cases (collect, results), and says what first differs.
// Guarantees:
//  - an archive is never written over: an existing destination folder is refused, and every file is created
//    exclusively (the manifest last, so a folder without one is an archive that did not finish);
//  - a refused settings file, register or survey stops the archive before anything is written;
//  - verification trusts nothing in the manifest but the paths: hashes are recomputed from the files, the result
//    from the inputs, and a file the manifest does not list is reported (it could change what collect reads).
//    Collect must decide again as recorded: each returned sheet and each scoring workbook used or not, for the same
//    reason, so the merged 考核得分 comes from the same workbooks.
//    The manifest itself carries no hash of its own — editing its result is caught by the recomputation; the
//    manifest's SHA-256 is printed so the office can record it beside the signed result.
// Nothing here uses Node: the faces pass SharedFolders (a disk folder, a WebDAV share) for source and destination.
import { z } from 'zod';
import type { Catalog } from '../core/catalog/model';
import type { Summary, SubmissionFate } from '../core/collect/model';
import type { ScoringFate } from '../core/scoring-workbook/merge';
import { summaryToSheets } from '../core/collect/sheets';
import { dirname, joinPath, type FolderEntry, type SharedFolder } from '../core/folders';
import { sha256Hex } from '../core/hash/sha256';
import type { Results, UnitResult } from '../core/results/model';
import type { TFunction } from '../i18n';
import { loadCatalogFile } from './catalog-source';
import { collect } from './collect/collect';
import { summaryFile } from './collect/summary-file';
import { summaryTexts } from './collect/texts';
import {
  readResultInputs,
  summaryResults,
  withResultSheets,
  type InputIssue,
  type InputRefusal,
  type ResultInputs,
  type ResultSource,
} from './results';
import type { ResultIssue } from '../core/results/model';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'target-sheets-archive/1';

export const ARCHIVE_ROLES = [
  'catalog',
  'settings',
  'register',
  'survey',
  'returned-used',
  'returned-unused',
  'scoring-used',
  'scoring-unused',
  'summary',
] as const;
export type ArchiveRole = (typeof ARCHIVE_ROLES)[number];

/**
 * Why a returned sheet or a scoring workbook was not used: either's fate (a manifest leaves it out for the used
 * ones; 'used' stays readable, as the first schema read it).
 */
const REASONS = [
  'used',
  'older',
  'invalid',
  'unreadable',
  'unknown-unit',
  'foreign',
  'unknown-scorer',
] as const satisfies ReadonlyArray<SubmissionFate | ScoringFate>;
// Every fate of either kind has its reason (a fate added to collect or the merge must be added here).
const _everyFate: [Exclude<SubmissionFate | ScoringFate, (typeof REASONS)[number]>] extends [never] ? true : never =
  true;

const unitResultSchema = z.object({
  name: z.string(),
  group: z.string(),
  self: z.number().nullable(),
  assessed: z.number().nullable(),
  survey: z.number().nullable(),
  composite: z.number().nullable(),
  bonus: z.number(),
  deduction: z.number(),
  final: z.number().nullable(),
  grade: z.string().nullable(),
  veto: z.boolean(),
  pending: z.boolean(),
  rank: z.number().nullable(),
});

const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  year: z.number().int(),
  createdAt: z.string(),
  /** What was collected from (the folder or URL as given). */
  from: z.string(),
  files: z.array(
    z.strictObject({
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      role: z.enum(ARCHIVE_ROLES),
      /** Returned sheets and scoring workbooks: why collect did not use it (its fate), absent for the used ones. */
      reason: z.enum(REASONS).optional(),
      /**
       * Returned sheets and scoring workbooks: when it was submitted, as collect decided it (the archived copy's
       * mtime is not it).
       */
      submittedAt: z.string().nullable().optional(),
      /** Inputs: the file's name as given. */
      source: z.string().optional(),
    }),
  ),
  /** The result computed, or null when no settings, register or survey was given (the summary alone). */
  result: z
    .strictObject({
      units: z.array(unitResultSchema),
      decisions: z.array(z.strictObject({ group: z.string(), units: z.array(z.string()), code: z.string() })),
    })
    .nullable(),
});

export type ArchiveManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = ArchiveManifest['files'][number];
type ManifestUnit = z.infer<typeof unitResultSchema>;

/** manifest.json's text → the manifest, or null when it is not one (not JSON, or not this shape). */
export function parseManifest(text: string): ArchiveManifest | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = manifestSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A file as a face has it: its name (for the archive and for picking a reader) and its bytes. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export interface ArchiveRequest {
  /** Where the returned sheets are (a shared-folder root or a folder of returned sheets). */
  source: SharedFolder;
  /** The archive goes into a new folder inside this one. */
  destination: SharedFolder;
  /** The catalog file (the source as given, or the embedded 2019 text) and the catalog read from it. */
  catalogFile: InputFile;
  catalog: Catalog;
  settings?: InputFile;
  register?: InputFile;
  survey?: InputFile;
  /** ISO 8601: the archive's time stamp and the summary's date. */
  createdAt: string;
  tool: { name: string; version: string };
  t: TFunction;
  onProgress?: (done: number, total: number) => void;
}

export type ArchiveFailure =
  | { kind: 'exists'; folder: string }
  | { kind: 'input-refused'; source: ResultSource; file: string; refusal: InputRefusal };

export type ArchiveOutcome =
  | {
      ok: true;
      /** The new folder, relative to the destination. */
      folder: string;
      manifest: ArchiveManifest;
      manifestSha256: string;
      results: Results | null;
      /** Register and survey rows left out, by cell (as collect reports them). */
      inputIssues: Array<{ source: ResultSource; file: string; issue: ResultIssue }>;
    }
  | { ok: false; failure: ArchiveFailure };

/** `<year>-archive-<yyyymmddThhmmssZ>`: sortable, and a legal name on every file system. */
export function archiveFolderName(year: number, createdAt: string): string {
  const stamp = new Date(createdAt)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${year}-archive-${stamp}`;
}

/** A name that is one path segment (the inputs keep their own names inside their role's folder). */
function segment(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return base.replace(/[\u0000-\u001f<>:"|?*]/g, '_') || 'file';
}

type Inputs = { values: ResultInputs; issues: InputIssue[] };

/** Reads the settings, register and survey the same way collect does (readResultInputs); a refusal stops everything. */
function readInputs(
  catalog: Catalog,
  files: Pick<ArchiveRequest, 'settings' | 'register' | 'survey'>,
): Inputs | { refused: ArchiveFailure } {
  const read = readResultInputs(catalog, files);
  if (!read.ok)
    return { refused: { kind: 'input-refused', source: read.source, file: read.file, refusal: read.refusal } };
  return { values: read.values, issues: read.issues };
}

function manifestUnit(r: UnitResult): ManifestUnit {
  return {
    name: r.unit.name,
    group: r.unit.group,
    self: r.self,
    assessed: r.assessed,
    survey: r.survey,
    composite: r.composite,
    bonus: r.bonus,
    deduction: r.deduction,
    final: r.final,
    grade: r.grade,
    veto: r.veto,
    pending: r.pending,
    rank: r.rank,
  };
}

function manifestResult(results: Results | null): ArchiveManifest['result'] {
  if (!results) return null;
  return {
    units: results.units.map(manifestUnit),
    decisions: results.decisions.map((d) => ({
      group: d.group,
      units: d.units.map((u) => u.name),
      code: d.reason.code,
    })),
  };
}

/** A returned file's path inside the archive: used/… or unused/…, keeping its path below `<year>/returned/`. */
function returnedArchivePath(year: number, path: string, fate: SubmissionFate): string {
  const prefix = `${year}/returned/`;
  const rel = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return joinPath(fate === 'used' ? 'used' : 'unused', rel);
}

/** A scoring workbook's path inside the archive: scoring/used/… or scoring/unused/…, keeping its path below
 * `<year>/scoring/`. */
function scoringArchivePath(year: number, path: string, fate: ScoringFate): string {
  const prefix = `${year}/scoring/`;
  const rel = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return joinPath('scoring', fate === 'used' ? 'used' : 'unused', rel);
}

const wantsResult = (files: Pick<ArchiveRequest, 'settings' | 'register' | 'survey'>): boolean =>
  Boolean(files.settings || files.register || files.survey);

/** The summary .xlsx collect would write, with 考核结果 when there is a result. */
async function summaryBytes(
  summary: Summary,
  results: Results | null,
  values: ResultInputs,
  createdAt: string,
  t: TFunction,
): Promise<Uint8Array> {
  const book = summaryToSheets(summary, summaryTexts(t));
  const withResults = results ? withResultSheets(book, results, values, summary.year, createdAt.slice(0, 10), t) : book;
  return summaryFile(withResults, { date: new Date(createdAt) });
}

export async function createArchive(request: ArchiveRequest): Promise<ArchiveOutcome> {
  const { catalog, destination, t } = request;
  const folder = archiveFolderName(catalog.year, request.createdAt);
  if (await destination.exists(folder)) return { ok: false, failure: { kind: 'exists', folder } };
  const inputs = readInputs(catalog, request);
  if ('refused' in inputs) return { ok: false, failure: inputs.refused };

  const { summary, scoring } = await collect(request.source, { catalog });
  const results = wantsResult(request) ? summaryResults(summary, inputs.values) : null;

  // Every file, in the order they are written; the manifest lists them in that order.
  const planned: Array<{ file: Omit<ManifestFile, 'size' | 'sha256'>; bytes: () => Promise<Uint8Array> }> = [];
  const input = (role: ArchiveRole, file: InputFile | undefined): void => {
    if (file)
      planned.push({
        file: { path: `${role}/${segment(file.name)}`, role, source: file.name },
        bytes: async () => file.bytes,
      });
  };
  input('catalog', request.catalogFile);
  input('settings', request.settings);
  input('register', request.register);
  input('survey', request.survey);
  for (const s of summary.submissions) {
    planned.push({
      file: {
        path: returnedArchivePath(catalog.year, s.file, s.fate),
        role: s.fate === 'used' ? 'returned-used' : 'returned-unused',
        ...(s.fate === 'used' ? {} : { reason: s.fate }),
        submittedAt: s.submittedAt,
      },
      bytes: () => request.source.read(s.file),
    });
  }
  // Every scoring workbook collect checked (CollectResult.scoring), with the merge's fate: the latest valid one
  // per scorer is used; the others are archived too, as the summary lists them.
  const scoringFate = new Map(summary.scoring?.submissions.map((row) => [row.file, row.fate]) ?? []);
  for (const s of scoring) {
    const fate = scoringFate.get(s.file) ?? 'unreadable';
    planned.push({
      file: {
        path: scoringArchivePath(catalog.year, s.file, fate),
        role: fate === 'used' ? 'scoring-used' : 'scoring-unused',
        ...(fate === 'used' ? {} : { reason: fate }),
        submittedAt: s.submittedAt,
      },
      bytes: () => request.source.read(s.file),
    });
  }
  const summaryName = `${t('results:archive.summaryName', { year: catalog.year })}.xlsx`;
  planned.push({
    file: { path: segment(summaryName), role: 'summary' },
    bytes: () => summaryBytes(summary, results, inputs.values, request.createdAt, t),
  });

  await destination.mkdirp(folder);
  const files: ManifestFile[] = [];
  const made = new Set<string>([folder]);
  for (const [i, p] of planned.entries()) {
    const bytes = await p.bytes();
    const target = joinPath(folder, p.file.path);
    const dir = dirname(target);
    if (!made.has(dir)) {
      await destination.mkdirp(dir);
      made.add(dir);
    }
    await destination.createExclusive(target, bytes);
    files.push({ ...p.file, size: bytes.length, sha256: sha256Hex(bytes) });
    request.onProgress?.(i + 1, planned.length);
  }
  const manifest: ArchiveManifest = {
    format: MANIFEST_FORMAT,
    tool: request.tool,
    year: catalog.year,
    createdAt: request.createdAt,
    from: request.source.label,
    files,
    result: manifestResult(results),
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await destination.createExclusive(joinPath(folder, MANIFEST_NAME), new TextEncoder().encode(text));
  return {
    ok: true,
    folder,
    manifest,
    manifestSha256: sha256Hex(text),
    results,
    inputIssues: inputs.issues,
  };
}

/** What verification found first; worded by results:archive.verify.<code>. */
export type VerifyFinding =
  | { code: 'manifest-missing' }
  | { code: 'manifest-invalid' }
  | { code: 'file-missing'; path: string }
  | { code: 'file-changed'; path: string }
  | { code: 'file-extra'; path: string }
  | { code: 'input-refused'; path: string }
  | { code: 'returned-fate-differs'; path: string }
  | { code: 'scoring-fate-differs'; path: string }
  | { code: 'unit-missing'; unit: string }
  | { code: 'unit-differs'; unit: string; field: string; archived: string; recomputed: string }
  | { code: 'decisions-differ' };

export type VerifyOutcome =
  | {
      ok: true;
      files: number;
      /** Units whose result was recomputed; null when the archive has no result. */ units: number | null;
      manifestSha256: string;
    }
  | { ok: false; finding: VerifyFinding; manifestSha256?: string };

async function listFiles(folder: SharedFolder, dir = ''): Promise<FolderEntry[]> {
  const out: FolderEntry[] = [];
  for (const entry of await folder.list(dir)) {
    if (entry.type === 'directory') out.push(...(await listFiles(folder, entry.path)));
    else out.push(entry);
  }
  return out;
}

const isSubmission = (role: ArchiveRole): boolean => role.startsWith('returned-') || role.startsWith('scoring-');

/** The top-level folders of the archive collect reads: the returned sheets and the scoring workbooks. */
const SUBMISSION_FOLDERS = ['used', 'unused', 'scoring'];

/**
 * The archive's returned sheets and scoring workbooks as collect sees a shared folder: only used/, unused/ and
 * scoring/, each file dated as the manifest recorded (a copy's modification time is the day it was copied).
 */
function returnedView(archive: SharedFolder, manifest: ArchiveManifest): SharedFolder {
  const returned = new Map(
    manifest.files.filter((f) => isSubmission(f.role)).map((f) => [f.path, f.submittedAt ?? null]),
  );
  const dated = (e: FolderEntry): FolderEntry => {
    const at = returned.get(e.path);
    const { modified: _ignored, ...rest } = e;
    return at ? { ...rest, modified: at } : rest;
  };
  const top = (p: string): boolean => SUBMISSION_FOLDERS.includes(p.split('/')[0]!);
  return {
    label: archive.label,
    atomicCreate: archive.atomicCreate,
    exists: async (p) => top(p) && archive.exists(p),
    stat: async (p) => (top(p) ? archive.stat(p) : null),
    list: async (p) => {
      if (p === '') return (await archive.list('')).filter((e) => SUBMISSION_FOLDERS.includes(e.name));
      return (await archive.list(p)).map(dated);
    },
    read: (p) => archive.read(p),
    // Verification only reads.
    mkdirp: (p) => archive.mkdirp(p),
    createExclusive: (p, b) => archive.createExclusive(p, b),
    move: (a, b, o) => archive.move(a, b, o),
    remove: (p) => archive.remove(p),
  };
}

const UNIT_FIELDS = [
  'final',
  'grade',
  'rank',
  'veto',
  'pending',
  'composite',
  'self',
  'assessed',
  'survey',
  'bonus',
  'deduction',
  'group',
] as const satisfies ReadonlyArray<keyof ManifestUnit>;

type InputRole = 'catalog' | 'settings' | 'register' | 'survey';

export async function verifyArchive(archive: SharedFolder): Promise<VerifyOutcome> {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await archive.read(MANIFEST_NAME));
  } catch {
    return { ok: false, finding: { code: 'manifest-missing' } };
  }
  const manifestSha256 = sha256Hex(text);
  const fail = (finding: VerifyFinding): VerifyOutcome => ({ ok: false, finding, manifestSha256 });
  const manifest = parseManifest(text);
  if (!manifest) return fail({ code: 'manifest-invalid' });

  // 1. Every listed file, byte for byte.
  const bytesOf = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    const entry = await archive.stat(f.path).catch(() => null);
    if (!entry || entry.type !== 'file') return fail({ code: 'file-missing', path: f.path });
    const bytes = await archive.read(f.path);
    if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256) return fail({ code: 'file-changed', path: f.path });
    bytesOf.set(f.path, bytes);
  }
  // 2. Nothing else: an extra sheet under used/ or unused/ would be read by collect and could change the result.
  const listed = new Set([MANIFEST_NAME, ...manifest.files.map((f) => f.path)]);
  for (const e of await listFiles(archive)) if (!listed.has(e.path)) return fail({ code: 'file-extra', path: e.path });

  // 3. The result again, from the archived inputs, with the same use cases.
  const fileOf = (role: InputRole): (InputFile & { path: string }) | undefined => {
    const f = manifest.files.find((x) => x.role === role);
    return f ? { name: f.source ?? f.path, bytes: bytesOf.get(f.path)!, path: f.path } : undefined;
  };
  const catalogFile = fileOf('catalog');
  if (!catalogFile) return fail({ code: 'file-missing', path: 'catalog/' });
  let catalog: Catalog;
  try {
    catalog = await loadCatalogFile({ name: segment(catalogFile.name), bytes: catalogFile.bytes });
  } catch {
    return fail({ code: 'input-refused', path: catalogFile.path });
  }
  const files = { settings: fileOf('settings'), register: fileOf('register'), survey: fileOf('survey') };
  const inputs = readInputs(catalog, files);
  if ('refused' in inputs) {
    const source = inputs.refused.kind === 'input-refused' ? inputs.refused.source : 'settings';
    return fail({ code: 'input-refused', path: files[source]?.path ?? source });
  }
  const { summary } = await collect(returnedView(archive, manifest), { catalog });

  // Collect must decide the same: each archived sheet used or not, for the same reason.
  const fates = new Map(summary.submissions.map((s) => [s.file, s.fate]));
  for (const f of manifest.files) {
    if (!f.role.startsWith('returned-')) continue;
    const archived = f.role === 'returned-used' ? 'used' : f.reason;
    if (fates.get(f.path) !== archived) return fail({ code: 'returned-fate-differs', path: f.path });
  }
  // And merge the same scoring workbooks: each one counted or not, for the same reason (a scoring workbook read
  // back as something else, or a returned sheet read back as a scoring workbook, differs too).
  const scoringFates = new Map(summary.scoring?.submissions.map((row) => [row.file, row.fate]) ?? []);
  for (const f of manifest.files) {
    if (!f.role.startsWith('scoring-')) continue;
    const archived = f.role === 'scoring-used' ? 'used' : f.reason;
    if (scoringFates.get(f.path) !== archived) return fail({ code: 'scoring-fate-differs', path: f.path });
  }
  for (const file of scoringFates.keys())
    if (!manifest.files.some((f) => f.path === file && f.role.startsWith('scoring-')))
      return fail({ code: 'scoring-fate-differs', path: file });

  const archivedResult = manifest.result;
  const recomputed = archivedResult ? manifestResult(summaryResults(summary, inputs.values)) : null;
  if (archivedResult && recomputed) {
    const byName = new Map(recomputed.units.map((u) => [u.name, u]));
    const show = (v: unknown): string => (v === null ? '—' : String(v));
    for (const u of archivedResult.units) {
      const again = byName.get(u.name);
      if (!again) return fail({ code: 'unit-missing', unit: u.name });
      for (const field of UNIT_FIELDS)
        if (u[field] !== again[field])
          return fail({
            code: 'unit-differs',
            unit: u.name,
            field,
            archived: show(u[field]),
            recomputed: show(again[field]),
          });
    }
    for (const u of recomputed.units)
      if (!archivedResult.units.some((x) => x.name === u.name)) return fail({ code: 'unit-missing', unit: u.name });
    if (JSON.stringify(archivedResult.decisions) !== JSON.stringify(recomputed.decisions))
      return fail({ code: 'decisions-differ' });
  }
  return { ok: true, files: manifest.files.length, units: archivedResult?.units.length ?? null, manifestSha256 };
}
