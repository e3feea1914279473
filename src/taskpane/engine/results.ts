// 结果 and 归档 (async chunk): the same use cases as `collect --settings --register --survey` and `archive`
// (src/app/results.ts, src/app/archive.ts), with the year's rules saved in 设置 (./result-rules.ts).
//   - 计算结果: the register and the survey the user picked are read first (a file that cannot be used is refused
//     whole and nothing is collected); then every returned sheet of the shared folder, or of the picked folder or
//     files, is collected (progress, 取消), and the core computes the result. Excel: the summary with 考核结果 goes
//     into the open workbook (src/office/results.ts, nothing existing replaced); browser: it is downloaded.
//   - 归档: the archive goes to the shared folder's <year>/archive/<year>-archive-<time>/, every file created
//     exclusively (never over an existing one), the manifest last.
// The view gets values (the core's figures, codes) and message functions worded when shown.
import packageJson from '../../../package.json';
import { createArchive, type InputFile } from '../../app/archive';
import { collect } from '../../app/collect/collect';
import { pickedFilesFolder } from '../../app/collect/picked-files';
import { summaryTexts } from '../../app/collect/texts';
import { emptyInputFile } from '../../app/results-files';
import {
  formatDecision,
  formatMissing,
  formatRefusal,
  formatResultIssue,
  readResultInputs,
  readSettingsFile,
  resultsSheetTexts,
  summaryResults,
  withResultSheets,
  type InputRead,
  type ResultInputs,
  type ResultSource,
} from '../../app/results';
import type { Catalog } from '../../core/catalog/model';
import { GROUPS } from '../../core/catalog/model';
import { summaryToSheets } from '../../core/collect/sheets';
import type { SheetContents } from '../../core/validate/grid';
import { FolderError, joinPath, type SharedFolder } from '../../core/folders';
import type { Results, UnitResult } from '../../core/results/model';
import { settingsToJson } from '../../core/results/settings-schema';
import { settingsFromSheet, SETTINGS_SHEET_NAME } from '../../core/results/settings-sheet';
import { embeddedCatalogFile } from '../../app/catalog-source';
import { createTranslator, normaliseLang } from '../../i18n';
import { addAllNamespaces } from '../i18n';
import type {
  ArchiveRunOutcome,
  ArchiveRunRequest,
  InputIssueView,
  InputRefusalView,
  ResultGroupView,
  ResultRowView,
  ResultsOperations,
  ResultsOutcome,
  ResultsRequest,
  RulesRead,
} from '../operations';
import { PaneError } from '../operations';
import type { PaneHost } from '../host';
import { downloadBytes, readFileBytes, XLSX_MIME } from './download';
import { explained, openDestination } from './folders';
import { loadRules, saveRules } from './result-rules';
import { getSessionPassword, loadDestination } from './settings';

export interface ResultsDeps {
  /** The configured shared folder (throws noDestination when there is none). */
  openFolder: () => Promise<SharedFolder>;
  output: 'workbook' | 'download';
  download: (bytes: Uint8Array, fileName: string) => void;
  /** The moment the table is dated and the archive named (tests fix it). */
  now: () => Date;
}

export function resultsFileName(year: number): string {
  return `${year}-results.xlsx`;
}

function refusalView(source: ResultSource, file: string, read: InputRead<unknown>): InputRefusalView | null {
  if (read.ok) return null;
  const refusal = read.refusal;
  return { source, file, reasons: (t) => formatRefusal(t, refusal) };
}

type ReadInputs = { values: ResultInputs; issues: InputIssueView[] } | { refused: InputRefusalView };

/** The register and the survey the user picked, read as collect reads them (readResultInputs); a refusal stops. */
async function readPicked(
  catalog: Catalog,
  files: { register?: File | undefined; survey?: File | undefined },
): Promise<ReadInputs> {
  const bytesOf = async (file: File | undefined) =>
    file ? { name: file.name, bytes: await readFileBytes(file) } : undefined;
  const [register, survey] = await Promise.all([bytesOf(files.register), bytesOf(files.survey)]);
  const read = readResultInputs(catalog, { register, survey });
  if (!read.ok) {
    const refusal = read.refusal;
    return { refused: { source: read.source, file: read.file, reasons: (t) => formatRefusal(t, refusal) } };
  }
  const issues = read.issues.map((i): InputIssueView => ({
    source: i.source,
    file: i.file,
    cell: i.issue.cell,
    message: (t) => formatResultIssue(t, i.issue),
  }));
  return { values: read.values, issues };
}

function rowView(r: UnitResult): ResultRowView {
  return {
    name: r.unit.name,
    rank: r.rank,
    self: r.self,
    assessed: r.assessed,
    survey: r.survey,
    composite: r.composite,
    bonus: r.bonus,
    deduction: r.deduction,
    final: r.final,
    grade: r.grade,
    pending: r.pending,
    veto: r.veto,
    missing: r.missing,
    missingText: r.missing.length > 0 ? (t) => formatMissing(t, r.missing) : null,
    quota: r.quota,
  };
}

/** The 考核结果 sheet's order: per group, by rank; units without a rank last, in catalog order. */
function groupsView(results: Results): ResultGroupView[] {
  return GROUPS.map((group) => ({
    group,
    rows: results.units
      .filter((r) => r.unit.group === group)
      .map((r, i) => ({ r, i }))
      .sort((a, b) =>
        a.r.rank === null || b.r.rank === null
          ? (a.r.rank === null ? 1 : 0) - (b.r.rank === null ? 1 : 0) || a.i - b.i
          : a.r.rank - b.r.rank || a.i - b.i,
      )
      .map(({ r }) => rowView(r)),
  })).filter((g) => g.rows.length > 0);
}

export async function runResults(request: ResultsRequest, deps: ResultsDeps): Promise<ResultsOutcome> {
  await addAllNamespaces();
  const { catalog } = request;
  const inputs = await readPicked(catalog, request);
  if ('refused' in inputs) return { kind: 'refused', refusal: inputs.refused };
  const rules = loadRules(catalog.year);
  const values: ResultInputs = { ...inputs.values, settings: rules.settings };

  const folder = request.picked
    ? pickedFilesFolder(request.picked.label, request.picked.files)
    : await deps.openFolder();
  let total = 0;
  const collected = await collect(folder, {
    catalog,
    signal: request.signal,
    onListed: (count) => {
      total = count;
      request.onProgress({ done: 0, total: count, file: null });
    },
    onProgress: (p) => request.onProgress({ done: p.done, total: p.total, file: p.file }),
  });
  // A cancelled run adds and downloads nothing: a result over half the files is easy to mistake for the whole.
  if (collected.cancelled) return { kind: 'cancelled', files: collected.files };
  request.onProgress({ done: total, total, file: null });

  const { summary } = collected;
  const results = summaryResults(summary, values);
  const t = createTranslator(normaliseLang(request.lang));
  const now = deps.now();
  const book = withResultSheets(
    summaryToSheets(summary, summaryTexts(t)),
    results,
    values,
    catalog.year,
    now.toISOString().slice(0, 10),
    t,
  );
  let output: Extract<ResultsOutcome, { kind: 'done' }>['output'];
  if (deps.output === 'workbook') {
    const { insertResults } = await import(/* webpackChunkName: "engine-office" */ '../../office/results');
    const inserted = await insertResults(book, resultsSheetTexts(t, results).sheet);
    output = { kind: 'sheets', names: inserted.sheets };
  } else {
    const { summaryFile } = await import(/* webpackChunkName: "engine-generate" */ '../../app/collect/summary-file');
    const fileName = resultsFileName(catalog.year);
    deps.download(await summaryFile(book, { date: now }), fileName);
    output = { kind: 'download', fileName };
  }
  return {
    kind: 'done',
    files: collected.files,
    savedRules: rules.saved,
    groups: groupsView(results),
    decisions: results.decisions.map((d) => ({ group: d.group, message: (tt) => formatDecision(tt, d) })),
    inputIssues: inputs.issues,
    output,
  };
}

/** A settings file (JSON or an .xlsx with 考核设置) → the rules, checked by the core as `--settings` is. */
export async function readRulesFile(file: File): Promise<RulesRead> {
  await addAllNamespaces();
  const read = readSettingsFile(file.name, await readFileBytes(file));
  if (read.ok) return { ok: true, settings: read.value };
  return { ok: false, refusal: refusalView('settings', file.name, read)! };
}

/** Excel: the open workbook's 考核设置 sheet → the rules, checked by the core. */
export async function readRulesFromWorkbook(): Promise<RulesRead> {
  await addAllNamespaces();
  const { readWorkbookContents } = await import(/* webpackChunkName: "engine-office" */ '../../office/read-workbook');
  let sheet: SheetContents | undefined;
  try {
    sheet = (await readWorkbookContents({ sheets: [SETTINGS_SHEET_NAME] })).sheets[0];
  } catch (error) {
    // The adapter's sheet-missing (recognised by name and code: its class is in the office chunk's module).
    const missing = error instanceof Error && error.name === 'OfficeAdapterError' && 'code' in error;
    if (!missing || (error as { code: unknown }).code !== 'sheet-missing') throw error;
  }
  if (!sheet)
    return {
      ok: false,
      refusal: {
        source: 'settings',
        file: SETTINGS_SHEET_NAME,
        reasons: (t) => [t('taskpane:settings.rules.sheetMissing', { sheet: SETTINGS_SHEET_NAME })],
      },
    };
  const parsed = settingsFromSheet(sheet);
  if (parsed.ok) return { ok: true, settings: parsed.settings };
  const issues = parsed.issues;
  return {
    ok: false,
    refusal: {
      source: 'settings',
      file: SETTINGS_SHEET_NAME,
      reasons: (t) => issues.map((i) => formatResultIssue(t, i)),
    },
  };
}

export async function downloadEmptyInput(
  kind: 'register' | 'survey',
  catalog: Catalog,
  lang: string,
  deps: Pick<ResultsDeps, 'download' | 'now'>,
): Promise<string> {
  await addAllNamespaces();
  const t = createTranslator(normaliseLang(lang));
  const bytes = await emptyInputFile(kind, catalog, t, deps.now());
  const sheet = t(kind === 'register' ? 'results:workbooks.registerSheet' : 'results:workbooks.surveySheet');
  const fileName = `${catalog.year}-${sheet}.xlsx`;
  deps.download(bytes, fileName);
  return fileName;
}

/** The shared folder seen from `<prefix>/`: the archive folder is made inside it. */
export function folderUnder(folder: SharedFolder, prefix: string): SharedFolder {
  const at = (path: string) => joinPath(prefix, path);
  return {
    label: `${folder.label.replace(/\/?$/, '/')}${prefix}`,
    atomicCreate: folder.atomicCreate,
    exists: (path) => folder.exists(at(path)),
    stat: (path) => folder.stat(at(path)),
    list: (path) => folder.list(at(path)),
    mkdirp: (path) => folder.mkdirp(at(path)),
    createExclusive: (path, bytes) => folder.createExclusive(at(path), bytes),
    move: (from, to, options) => folder.move(at(from), at(to), options),
    read: (path) => folder.read(at(path)),
    remove: (path) => folder.remove(at(path)),
  };
}

export function archivePrefix(year: number): string {
  return `${year}/archive`;
}

/**
 * A folder in memory (the archive of picked files, zipped afterwards): creates are exclusive, as on a share.
 * Only what createArchive uses is more than a stub.
 */
export function memoryFolder(): SharedFolder & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const dirs = new Set<string>();
  return {
    label: 'memory:',
    atomicCreate: true,
    files,
    exists: async (path) => files.has(path) || dirs.has(path),
    stat: async () => null,
    list: async () => [],
    mkdirp: async (path) => {
      dirs.add(path);
    },
    createExclusive: async (path, bytes) => {
      if (files.has(path)) throw new FolderError('already-exists', { path });
      files.set(path, bytes);
      return { size: bytes.length };
    },
    move: async () => {
      throw new FolderError('io-error', { detail: 'move' });
    },
    read: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new FolderError('not-found', { path });
      return bytes;
    },
    remove: async (path) => {
      files.delete(path);
    },
  };
}

export async function archiveIntoFolder(
  request: ArchiveRunRequest,
  deps: Pick<ResultsDeps, 'openFolder' | 'now'> & Partial<Pick<ResultsDeps, 'download'>>,
): Promise<ArchiveRunOutcome> {
  await addAllNamespaces();
  const { catalog } = request;
  const zipped = request.picked ? memoryFolder() : null;
  const folder = request.picked
    ? pickedFilesFolder(request.picked.label, request.picked.files)
    : await deps.openFolder();
  const catalogFile: InputFile = request.catalogFile
    ? { name: request.catalogFile.name, bytes: await readFileBytes(request.catalogFile) }
    : embeddedCatalogFile();
  const input = async (file: File | undefined): Promise<InputFile | undefined> =>
    file ? { name: file.name, bytes: await readFileBytes(file) } : undefined;
  const register = await input(request.register);
  const survey = await input(request.survey);
  const rules = loadRules(catalog.year);
  // The rules saved in 设置 are archived as the settings file they are (the archive's verify reads them back).
  const settings: InputFile | undefined = rules.saved
    ? { name: 'settings.json', bytes: new TextEncoder().encode(settingsToJson(rules.settings)) }
    : undefined;
  const prefix = zipped ? '' : archivePrefix(catalog.year);
  const outcome = await createArchive({
    source: folder,
    destination: zipped ?? folderUnder(folder, prefix),
    catalogFile,
    catalog,
    ...(settings ? { settings } : {}),
    ...(register ? { register } : {}),
    ...(survey ? { survey } : {}),
    createdAt: deps.now().toISOString(),
    tool: { name: packageJson.name, version: packageJson.version },
    t: createTranslator(normaliseLang(request.lang)),
    onProgress: request.onProgress,
  });
  if (!outcome.ok) {
    const failure = outcome.failure;
    if (failure.kind === 'exists') return { kind: 'exists', location: joinPath(prefix, failure.folder) };
    return {
      kind: 'refused',
      refusal: { source: failure.source, file: failure.file, reasons: (t) => formatRefusal(t, failure.refusal) },
    };
  }
  if (zipped) {
    // Already-compressed xlsx files inside: stored, not compressed again (as 生成's zip of templates).
    const { zipSync } = await import(/* webpackChunkName: "engine-generate" */ 'fflate');
    const entries: Record<string, Uint8Array> = {};
    for (const [path, bytes] of zipped.files) entries[path] = bytes;
    const fileName = `${outcome.folder}.zip`;
    deps.download?.(zipSync(entries, { level: 0 }), fileName);
    return {
      kind: 'downloaded',
      fileName,
      files: zipped.files.size,
      manifestSha256: outcome.manifestSha256,
    };
  }
  return {
    kind: 'archived',
    location: joinPath(prefix, outcome.folder),
    files: outcome.manifest.files.length + 1,
    manifestSha256: outcome.manifestSha256,
  };
}

/** The pane's wiring: the configured destination, the open workbook (Excel) or downloads (browser), now. */
export function paneResultsOperations(host: PaneHost): ResultsOperations {
  const deps: ResultsDeps = {
    openFolder: () => openDestination(loadDestination(), getSessionPassword(), host),
    output: host.kind === 'excel' ? 'workbook' : 'download',
    download: (bytes, name) => downloadBytes(bytes, name, XLSX_MIME),
    now: () => new Date(),
  };
  return {
    loadRules: async (year) => loadRules(year),
    saveRules: async (year, form) => saveRules(year, form),
    readRulesFile,
    ...(host.kind === 'excel' ? { readRulesFromWorkbook } : {}),
    downloadEmptyInput: (kind, catalog, lang) => downloadEmptyInput(kind, catalog, lang, deps),
    run: (request) => explained(() => runResults(request, deps)),
    archive: (request) =>
      explained(async () => {
        if (!request.picked && loadDestination().kind === 'none') throw new PaneError('noDestination');
        return archiveIntoFolder(request, deps);
      }),
  };
}
