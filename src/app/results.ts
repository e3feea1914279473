// The final result at the edges: the settings file (JSON, or the 考核设置 sheet of a workbook), the register and
// the survey (.xlsx) read into the core's values, and the core's computeResults run over a collect's summary.
// Guarantees:
//  - settings are all-or-nothing: a file that breaks any rule is refused with every field named, and nothing is
//    computed from it;
//  - the register and the survey lose nothing silently: a bad row is left out and reported by its cell, and a file
//    that cannot be read, or whose first sheet lacks the header row, is refused whole (computing without it would
//    publish a result that ignores it);
//  - the rules themselves are only the core's (src/core/results): nothing here rounds, ranks or grades.
import type { Catalog } from '../core/catalog/model';
import type { Summary } from '../core/collect/model';
import { computeResults } from '../core/results/compute';
import { resultInputsFromSummary } from '../core/results/inputs';
import type {
  Component,
  Decision,
  RegisterEntry,
  ResultIssue,
  ResultUnit,
  Results,
  Settings,
  SurveyRow,
} from '../core/results/model';
import { readRegister, REGISTER_COLUMNS, REGISTER_HEADERS } from '../core/results/register';
import { RESULTS_STYLES, resultsToSheets, type ResultsSheetTexts } from '../core/results/sheet';
import type { SummaryWorkbook } from '../core/collect/sheets';
import type { WritableWorkbook } from '../xlsx/summary';
import { parseSettingsJson } from '../core/results/settings-schema';
import { SETTINGS_SHEET_NAME, settingsFromSheet } from '../core/results/settings-sheet';
import { DEFAULT_SETTINGS } from '../core/results/settings';
import { readSurvey } from '../core/results/survey';
import { formatIssue } from '../core/validate/format';
import type { ValidationIssue } from '../core/validate/issues';
import { unreadableReport } from '../core/validate/validate';
import type { TFunction } from '../i18n';
import { readWorkbook } from '../xlsx/read';

/** Where a result's input came from. */
export type ResultSource = 'settings' | 'register' | 'survey';

/** Why a whole input file is not used: it is no workbook (or no JSON), or it breaks the rules. */
export type InputRefusal = { kind: 'unreadable'; issue: ValidationIssue } | { kind: 'refused'; issues: ResultIssue[] };

/** A file read: its value and the rows left out (each with its cell), or why the whole file is refused. */
export type InputRead<T> = { ok: true; value: T; issues: ResultIssue[] } | { ok: false; refusal: InputRefusal };

/** The catalog's units as the result knows them. */
export function resultUnits(catalog: Catalog): ResultUnit[] {
  return catalog.units.map((u) => ({ id: u.id, name: u.name, group: u.group }));
}

function workbookFirstSheet(bytes: Uint8Array, pick?: (names: string[]) => number) {
  const read = readWorkbook(bytes);
  if (!read.ok) return { ok: false as const, issue: unreadableReport(read.failure).issues[0]! };
  const sheets = read.contents.sheets;
  const index = pick ? pick(sheets.map((s) => s.name)) : 0;
  const sheet = sheets[index];
  if (!sheet)
    return {
      ok: false as const,
      issue: unreadableReport({ code: 'file-not-a-workbook', params: {} }).issues[0]!,
    };
  return { ok: true as const, sheet };
}

/** An .xlsx file name (the settings may be a workbook with a 考核设置 sheet). */
function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

/**
 * The settings file: JSON (`{"weights": …}`), or an .xlsx whose 考核设置 sheet holds the settings rows (the master
 * workbook; a workbook without such a sheet is read from its first sheet, which then needs the header).
 */
export function readSettingsFile(name: string, bytes: Uint8Array): InputRead<Settings> {
  if (isWorkbookName(name)) {
    const first = workbookFirstSheet(bytes, (names) => Math.max(0, names.indexOf(SETTINGS_SHEET_NAME)));
    if (!first.ok) return { ok: false, refusal: { kind: 'unreadable', issue: first.issue } };
    const parsed = settingsFromSheet(first.sheet);
    return parsed.ok
      ? { ok: true, value: parsed.settings, issues: [] }
      : { ok: false, refusal: { kind: 'refused', issues: parsed.issues } };
  }
  const parsed = parseSettingsJson(new TextDecoder('utf-8').decode(bytes));
  return parsed.ok
    ? { ok: true, value: parsed.settings, issues: [] }
    : { ok: false, refusal: { kind: 'refused', issues: parsed.issues } };
}

/** A file-level problem of a register or survey (no header row): it has no cell. */
function fileLevel(issues: readonly ResultIssue[]): ResultIssue[] {
  return issues.filter((i) => i.cell === null);
}

/** The register (加减分台账): the first sheet of any .xlsx with the header row. */
export function readRegisterFile(bytes: Uint8Array, units: readonly ResultUnit[]): InputRead<RegisterEntry[]> {
  const first = workbookFirstSheet(bytes);
  if (!first.ok) return { ok: false, refusal: { kind: 'unreadable', issue: first.issue } };
  const read = readRegister(first.sheet, units);
  const whole = fileLevel(read.issues);
  if (whole.length > 0) return { ok: false, refusal: { kind: 'refused', issues: whole } };
  return { ok: true, value: read.entries, issues: read.issues };
}

/** The survey (民主测评): the first sheet of any .xlsx with the header row. */
export function readSurveyFile(bytes: Uint8Array, units: readonly ResultUnit[]): InputRead<SurveyRow[]> {
  const first = workbookFirstSheet(bytes);
  if (!first.ok) return { ok: false, refusal: { kind: 'unreadable', issue: first.issue } };
  const read = readSurvey(first.sheet, units);
  const whole = fileLevel(read.issues);
  if (whole.length > 0) return { ok: false, refusal: { kind: 'refused', issues: whole } };
  return { ok: true, value: read.rows, issues: read.issues };
}

export interface ResultInputs {
  /** Default: DEFAULT_SETTINGS (today's behaviour). */
  settings?: Settings;
  register?: readonly RegisterEntry[];
  survey?: readonly SurveyRow[];
}

/** A result input as its bytes, with the name it is known by (file name or path). */
export interface InputFileBytes {
  name: string;
  bytes: Uint8Array;
}

/** A row left out of an input file, with where it came from. */
export interface InputIssue {
  source: ResultSource;
  file: string;
  issue: ResultIssue;
}

/** What readResultInputs found: the values and the rows left out, or the first file refused whole. */
export type ResultInputsRead =
  | { ok: true; values: ResultInputs; issues: InputIssue[] }
  | { ok: false; source: ResultSource; file: string; refusal: InputRefusal; issues: InputIssue[] };

/**
 * The settings, register and survey of a result, read in that order as `collect --settings --register --survey`
 * reads them (the CLI, the pane's 结果 and the archive): a file refused whole stops the reading (its rows left out
 * so far are kept for the report), a bad row is left out and listed.
 */
export function readResultInputs(
  catalog: Catalog,
  files: { settings?: InputFileBytes; register?: InputFileBytes; survey?: InputFileBytes },
): ResultInputsRead {
  const units = resultUnits(catalog);
  const values: ResultInputs = {};
  const issues: InputIssue[] = [];
  const readers: { [S in ResultSource]: (f: InputFileBytes) => InputRead<NonNullable<ResultInputs[S]>> } = {
    settings: (f) => readSettingsFile(f.name, f.bytes),
    register: (f) => readRegisterFile(f.bytes, units),
    survey: (f) => readSurveyFile(f.bytes, units),
  };
  for (const source of ['settings', 'register', 'survey'] as const) {
    const file = files[source];
    if (!file) continue;
    const read = readers[source](file);
    if (!read.ok) return { ok: false, source, file: file.name, refusal: read.refusal, issues };
    issues.push(...read.issues.map((issue) => ({ source, file: file.name, issue })));
    (values as Record<ResultSource, unknown>)[source] = read.value;
  }
  return { ok: true, values, issues };
}

/** The result of a collect: every catalog unit's, from its valid submission's totals, the register and the survey. */
export function summaryResults(summary: Summary, inputs: ResultInputs): Results {
  return computeResults(
    inputs.settings ?? DEFAULT_SETTINGS,
    resultInputsFromSummary(summary, inputs.register ?? [], inputs.survey ?? []),
  );
}

/** A settings, register or survey issue worded, led by its cell, else its field ("C7：分值不是数字…"). */
export function formatResultIssue(t: TFunction, issue: ResultIssue): string {
  const message = t(`results:codes.${issue.code}`, issue.params);
  const where = issue.cell ?? issue.field;
  return where ? t('results:cli.issueAt', { where, message }) : message;
}

/** A refused file's reasons, worded, one per line. */
export function formatRefusal(t: TFunction, refusal: InputRefusal): string[] {
  return refusal.kind === 'unreadable'
    ? [formatIssue(t, refusal.issue)]
    : refusal.issues.map((i) => formatResultIssue(t, i));
}

/** A decision for the committee, worded ("甲局、乙局的最终得分同为 95…"). */
export function formatDecision(t: TFunction, decision: Decision): string {
  const units = decision.units.map((u) => u.name).join(t('results:cli.unitSeparator'));
  return t(`results:decisions.${decision.reason.code}`, { ...decision.reason.params, units });
}

/** The components a unit lacks, worded ("考核、测评"). */
export function formatMissing(t: TFunction, missing: readonly Component[]): string {
  return missing.map((c) => t(`results:components.${c}`)).join(t('results:cli.unitSeparator'));
}

/** The 考核结果 sheet's words, with the decisions worded. */
export function resultsSheetTexts(t: TFunction, results: Results): ResultsSheetTexts {
  const words = t('results:sheet', { returnObjects: true }) as unknown as Omit<
    ResultsSheetTexts,
    'groups' | 'pending' | 'detailsHeaders' | 'decisions'
  >;
  return {
    ...words,
    groups: t('glossary:groups', { returnObjects: true }) as unknown as ResultsSheetTexts['groups'],
    pending: t('results:grade.pending'),
    detailsHeaders: REGISTER_COLUMNS.map((c) => REGISTER_HEADERS[c]),
    decisions: results.decisions.map((d) => formatDecision(t, d)),
  };
}

/**
 * The summary workbook with the result: 考核结果 right after 汇总, 加减分明细 (the entries its formulas sum) last.
 * `date` is the day the table is dated (yyyy-mm-dd).
 */
export function withResultSheets(
  book: SummaryWorkbook,
  results: Results,
  inputs: ResultInputs,
  year: number,
  date: string,
  t: TFunction,
): WritableWorkbook {
  const sheets = resultsToSheets(
    results,
    inputs.settings ?? DEFAULT_SETTINGS,
    inputs.register ?? [],
    year,
    date,
    resultsSheetTexts(t, results),
  );
  const [first, ...rest] = book.sheets;
  return {
    ...book,
    sheets: [...(first ? [first] : []), sheets.results, ...rest, sheets.details],
    styles: { ...book.styles, ...RESULTS_STYLES },
  };
}
