// `target-sheets collect FROM --out summary.xlsx [--catalog SOURCE] [--json] [--lang en]
//  [--settings F.json|F.xlsx] [--register F.xlsx] [--survey F.xlsx]`: reads every returned sheet in a folder or
// WebDAV share, and writes the summary (汇总 / 未提交 / 问题 / 指标统计 / 文件清单 / 扣分说明). With any of the last
// three options it also computes the final result (src/app/results.ts): the units gain survey, composite, bonus,
// deduction, final, grade and veto, and are ranked by final. Without them the output is what it always was.
// Progress and the register's and survey's left-out rows go to stderr; stdout gets the result (human text, or
// JSON with --json). Exit 0 when the summary was built (missing and invalid units are results, not failures); 2
// when the catalog, the folder, the output, the settings, the register or the survey could not be used (nothing
// is computed from a refused settings file).
import { runSetup } from '../run-setup';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Catalog } from '../../core/catalog/model';
import type { Summary } from '../../core/collect/model';
import { summaryToSheets } from '../../core/collect/sheets';
import {
  folderIssueLog,
  folderIssueMessage,
  isFolderError,
  toIssue,
  type FolderIssue,
  type SharedFolder,
} from '../../core/folders';
import { formatIssue, formatIssueLine } from '../../core/validate/format';
import type { IssueCode, ValidationIssue } from '../../core/validate/issues';
import type { Scorer } from '../../core/catalog/scorers';
import { scorerName } from '../../core/scoring-workbook/build';
import { collect, CONCURRENCY, type CollectResult } from '../../app/collect/collect';
import { summaryFile } from '../../app/collect/summary-file';
import { summaryTexts } from '../../app/collect/texts';
import {
  formatDecision,
  formatMissing,
  formatRefusal,
  formatResultIssue,
  readResultInputs,
  summaryResults,
  type InputFileBytes,
  type InputIssue,
  type ResultInputs,
  type ResultSource,
  withResultSheets,
} from '../../app/results';
import type { Results } from '../../core/results/model';
import { isUrlDestination, openFolder } from '../../folders/open';
import type { TFunction } from '../../i18n';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { passwordOrMessage } from '../password';

export interface CollectCommandOptions {
  out?: string;
  catalog?: string;
  json?: boolean;
  lang?: string;
  user?: string;
  passwordEnv?: string;
  concurrency?: number;
  /** The year's rules: a JSON file, or an .xlsx with a 考核设置 sheet. */
  settings?: string;
  /** The register (加减分台账), .xlsx. */
  register?: string;
  /** The survey (民主测评), .xlsx. */
  survey?: string;
  /** The summary file's date (ISO 8601); default SOURCE_DATE_EPOCH, else now. */
  createdAt?: string;
  /** Tests and the bench: no progress lines. */
  quiet?: boolean;
  /** Tests: use this folder instead of opening FROM. */
  folder?: SharedFolder;
}

export const EXIT_DONE = 0;
export const EXIT_FAILED = 2;

/** The `--json` shape (a contract: scripts read it). */
export interface CollectJson {
  units: Array<{
    name: string;
    group: string;
    status: string;
    file: string | null;
    self: number | null;
    /** The merged 考核得分 total where any scoring workbook came back, else the sheet's; null while none. */
    assessed: number | null;
    /** How many of the unit's items have a 考核得分, of how many. */
    assessedItems: number;
    items: number;
    /** What the summary's rank uses: the assessed total only where every item is scored, else the self total. */
    rankedBy: 'assessed' | 'self' | null;
    /** The following seven (and pending, missing) only with --settings, --register or --survey. */
    survey?: number | null;
    composite?: number | null;
    bonus?: number;
    deduction?: number;
    final?: number | null;
    /** The grade after the quota; null without grades, or while pending. */
    grade?: string | null;
    veto?: boolean;
    /** Grades are set but the final is missing (待定). */
    pending?: boolean;
    /** Needed components without a value: "self", "assessed", "survey". */
    missing?: string[];
    /** Within the group: by total (the summary's rank) without results, by final with them. */
    rank: number | null;
  }>;
  missing: string[];
  invalid: Array<{
    file: string;
    issues: Array<{ severity: string; code: string; cell: string | null; message: string }>;
  }>;
  /** Per scorer (owners, then the 考核组): its workbook counted (or null), and which pairs are not scored. */
  scoring: Array<{
    scorer: string;
    file: string | null;
    /** valid: a workbook counts; invalid: only invalid ones (or ones for another catalog) came back; missing. */
    status: string;
    pairs: number;
    scored: number;
    unscored: Array<{ unit: string; item: string }>;
    /** The merge's conflicts in the counted workbook (a score for an item the scorer does not own, two scores). */
    issues: Array<{ severity: string; code: string; sheet: string | null; cell: string | null; message: string }>;
  }>;
  /** With results: what the committee decides (units tied across a quota's limit). */
  decisions?: Array<{ group: string; units: string[]; code: string; reason: string }>;
  /** With results: the settings', register's and survey's rows left out, each by cell. */
  inputIssues?: Array<{ source: ResultSource; file: string; code: string; cell: string | null; message: string }>;
}

/** What the result adds to the JSON. */
export interface ResultsForJson {
  results: Results;
  inputIssues: InputIssue[];
}

/** The merge's own codes: shown with their scorer; the workbooks' validation issues are in `invalid`. */
const MERGE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'scoring-catalog-differs',
  'scoring-scorer-unknown',
  'scoring-not-owner',
  'scoring-pair-twice',
]);

/** A file that could not be counted: invalid, unreadable, or for a unit the catalog does not have. */
function isFailed(s: Summary['submissions'][number]): boolean {
  return s.fate === 'invalid' || s.fate === 'unreadable' || s.fate === 'unknown-unit';
}

/** A scoring workbook that contributes nothing: invalid, unreadable, for another catalog or an unknown scorer. */
function isFailedScoring(s: NonNullable<Summary['scoring']>['submissions'][number]): boolean {
  return s.fate !== 'used' && s.fate !== 'older';
}

/** Every file that could not be counted, unit sheets first, then scoring workbooks. */
function failedFiles(summary: Summary): string[] {
  return [
    ...summary.submissions.filter(isFailed).map((s) => s.file),
    ...(summary.scoring?.submissions.filter(isFailedScoring).map((s) => s.file) ?? []),
  ];
}

function scorerLabel(scorer: Scorer, t: TFunction): string {
  return scorerName(scorer, { team: t('scoring:texts.team') });
}

export function collectJson(
  summary: Summary,
  issuesByFile: ReadonlyMap<string, ValidationIssue[]>,
  t: TFunction,
  withResults?: ResultsForJson,
): CollectJson {
  const byUnit = new Map(withResults?.results.units.map((r) => [r.unit.id, r]));
  const json: CollectJson = {
    units: summary.units.map((u) => {
      const r = byUnit.get(u.unitId);
      const base = {
        name: u.name,
        group: u.group,
        status: u.status,
        file: u.file,
        self: u.self,
        assessed: u.assessed,
        assessedItems: u.assessedItems,
        items: u.items,
        rankedBy: u.scoreBasis,
      };
      if (!r) return { ...base, rank: u.rankInGroup };
      return {
        ...base,
        survey: r.survey,
        composite: r.composite,
        bonus: r.bonus,
        deduction: r.deduction,
        final: r.final,
        grade: r.grade,
        veto: r.veto,
        pending: r.pending,
        missing: [...r.missing],
        rank: r.rank,
      };
    }),
    missing: summary.missing.map((u) => u.name),
    invalid: failedFiles(summary).map((file) => ({
      file,
      issues: (issuesByFile.get(file) ?? []).map((i) => ({
        severity: i.severity,
        code: i.code,
        cell: i.cell,
        message: formatIssue(t, i),
      })),
    })),
    scoring: (summary.scoring?.scorers ?? []).map((s) => ({
      scorer: scorerLabel(s.scorer, t),
      file: s.file,
      status: s.status,
      pairs: s.pairs,
      scored: s.scored,
      unscored: s.unscored.map((p) => ({ unit: p.unitName, item: p.item })),
      issues: summary
        .scoring!.problems.filter((p) => p.fate === 'used' && p.file === s.file && MERGE_CODES.has(p.issue.code))
        .map(({ issue: i }) => ({
          severity: i.severity,
          code: i.code,
          sheet: i.sheet ?? null,
          cell: i.cell,
          message: formatIssue(t, i),
        })),
    })),
  };
  if (withResults) {
    json.decisions = withResults.results.decisions.map((d) => ({
      group: d.group,
      units: d.units.map((u) => u.name),
      code: d.reason.code,
      reason: formatDecision(t, d),
    }));
    json.inputIssues = withResults.inputIssues.map(({ source, file, issue }) => ({
      source,
      file,
      code: issue.code,
      cell: issue.cell,
      message: formatResultIssue(t, issue),
    }));
  }
  return json;
}

/** `t`: the language of the help texts (the CLI's language, from --lang on the command line). */
export function register(program: Command, t: TFunction): void {
  program
    .command('collect')
    .description(t('collect:cli.description'))
    .argument('<from>', t('collect:cli.fromArg'))
    .option('--out <file>', t('collect:cli.outOption'))
    .option('--catalog <source>', t('collect:cli.catalogOption'))
    .option('--json', t('collect:cli.jsonOption'))
    .option('--user <name>', t('folders:cli.userOption'))
    .option('--password-env <var>', t('folders:cli.passwordEnvOption'))
    .option('--concurrency <n>', t('collect:cli.concurrencyOption', { ...CONCURRENCY }), (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < CONCURRENCY.min || n > CONCURRENCY.max) throw new InvalidArgumentError(v);
      return n;
    })
    .option('--created-at <iso>', t('collect:cli.createdAtOption'))
    .option('--settings <file>', t('results:cli.settingsOption'))
    .option('--register <file>', t('results:cli.registerOption'))
    .option('--survey <file>', t('results:cli.surveyOption'))
    .option(LANG_OPTION_FLAGS, t('collect:cli.langOption'))
    .action(async (from: string, options: CollectCommandOptions) => {
      process.exitCode = await runCollect(from, options);
    });
}

function show(n: number | null): string {
  return n === null ? '—' : String(n);
}

function resultLine(t: TFunction, r: Results['units'][number]): string {
  return t('results:cli.unitResult', {
    survey: show(r.survey),
    composite: show(r.composite),
    bonus: r.bonus,
    deduction: r.deduction,
    final: show(r.final),
    grade: r.grade ?? (r.pending ? t('results:grade.pending') : '—'),
    rank: show(r.rank),
    veto: r.veto
      ? t('results:cli.veto')
      : r.missing.length > 0
        ? t('results:cli.missingComponents', { components: formatMissing(t, r.missing) })
        : '',
  });
}

function humanLines(
  summary: Summary,
  t: TFunction,
  issuesByFile: ReadonlyMap<string, ValidationIssue[]>,
  results: Results | null,
): string[] {
  const texts = summaryTexts(t);
  const lines: string[] = [];
  const byUnit = new Map(results?.units.map((r) => [r.unit.id, r]));
  for (const u of summary.units) {
    lines.push(
      t('collect:cli.unitLine', {
        seq: u.seq,
        unit: u.name,
        group: texts.groups[u.group],
        status: texts.status[u.status],
      }),
    );
    const result = byUnit.get(u.unitId);
    if (u.status === 'missing') {
      if (result) lines.push(resultLine(t, result));
      continue;
    }
    const scores = {
      self: show(u.self),
      assessed: show(u.assessed),
      rankInGroup: show(u.rankInGroup),
      rankOverall: show(u.rankOverall),
      problems: u.problems,
    };
    lines.push(t(u.status === 'valid' ? 'collect:cli.unitScores' : 'collect:cli.unitScoresUnranked', scores));
    if (result) lines.push(resultLine(t, result));
    lines.push(t('collect:cli.unitFile', { file: u.file ?? '' }));
  }
  if (summary.missing.length > 0) {
    lines.push(
      '',
      t('collect:cli.missingTitle', {
        count: summary.missing.length,
        names: summary.missing.map((u) => u.name).join('、'),
      }),
    );
  }
  // Per scorer, once any scoring workbook came back: its status and how many of its pairs are scored.
  if (summary.scoring) {
    lines.push('', t('collect:cli.scoringTitle', { count: summary.scoring.scorers.length }));
    for (const s of summary.scoring.scorers) {
      lines.push(
        t('collect:cli.scoringLine', {
          scorer: scorerLabel(s.scorer, t),
          status: texts.status[s.status],
          scored: s.scored,
          pairs: s.pairs,
          file: s.file === null ? '' : t('collect:cli.scoringFile', { file: s.file }),
        }),
      );
    }
  }
  if (results && results.decisions.length > 0) {
    lines.push('', t('results:cli.decisionsTitle', { count: results.decisions.length }));
    for (const d of results.decisions)
      lines.push(t('results:cli.decisionLine', { group: texts.groups[d.group], reason: formatDecision(t, d) }));
  }
  const failed = failedFiles(summary);
  if (failed.length > 0) {
    lines.push('', t('collect:cli.invalidTitle', { count: failed.length }));
    for (const file of failed) {
      const issues = issuesByFile.get(file) ?? [];
      const first = issues.find((i) => i.severity === 'error') ?? issues[0];
      const fate = summary.submissions.find((s) => s.file === file)?.fate ?? 'invalid';
      lines.push(t('collect:cli.invalidLine', { file, reason: first ? formatIssueLine(t, first) : texts.fates[fate] }));
    }
  }
  return lines;
}

/** The command's work, callable from tests and the bench (same code path as the CLI). */
export async function runCollect(from: string, options: CollectCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (message: string, issue?: FolderIssue): number => {
    process.stderr.write(`target-sheets collect: ${message}\n`);
    // What the server or the network said, on its own log line: never inside the sentence in the user's language.
    if (issue?.detail) process.stderr.write(`  ${folderIssueLog(issue)}\n`);
    return EXIT_FAILED;
  };
  if (!options.out && !options.json) return fail(t('collect:cli.outRequired'));
  const setup = await runSetup(t, options);
  if ('message' in setup) return fail(setup.message);
  const { createdAt, catalog } = setup;

  // The result's inputs are read before any returned sheet: a refused one stops the run at once.
  const inputs = await readInputFiles(options, catalog, t);
  if ('failed' in inputs) return fail(inputs.failed);

  const read = passwordOrMessage(options.passwordEnv, t);
  if ('message' in read) return fail(read.message);
  const { password } = read;
  let folder: SharedFolder;
  try {
    folder = options.folder ?? openFolder(from, { username: options.user, password });
  } catch (error) {
    const issue = toIssue(error);
    return fail(t('collect:cli.listFailed', { from, reason: folderIssueMessage(t, issue) }), issue);
  }
  const base = isUrlDestination(from) ? folder.label.replace(/\/?$/, '/') : from;
  const locate = (p: string): string => (isUrlDestination(from) ? `${base}${p}` : path.join(base, ...p.split('/')));
  const progress = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };

  let result: CollectResult;
  try {
    progress(t('collect:cli.listing', { from: folder.label }));
    result = await collect(folder, {
      catalog,
      concurrency: options.concurrency,
      locate,
      teamName: t('scoring:texts.team'),
      onListed: (count) => progress(t('collect:cli.found', { count })),
      onProgress: (p) =>
        progress(
          t('collect:cli.progress', {
            done: p.done,
            total: p.total,
            file: p.file,
            status: t(`validate:status.${p.status}`),
          }),
        ),
    });
  } catch (error) {
    // Only a failure of the folder itself is "cannot list"; anything else is a fault to show as it is.
    if (!isFolderError(error)) throw error;
    const issue = toIssue(error);
    // Paths in folder errors are relative to the folder: the folder itself is "", which says nothing to a user.
    return fail(
      t('collect:cli.listFailed', {
        from: folder.label,
        reason: folderIssueMessage(t, { ...issue, path: issue.path || folder.label }),
      }),
      issue,
    );
  }
  const { summary } = result;
  const results = inputs.wanted ? summaryResults(summary, inputs.values) : null;

  // Each file's issues, grouped once (the JSON words them; the human lines show each failed file's first error).
  const issuesByFile = new Map<string, ValidationIssue[]>();
  for (const p of [...summary.problems, ...(summary.scoring?.problems ?? [])])
    issuesByFile.set(p.file, [...(issuesByFile.get(p.file) ?? []), p.issue]);

  if (options.out) {
    try {
      const book = summaryToSheets(summary, summaryTexts(t));
      const withResults = results
        ? withResultSheets(book, results, inputs.values, summary.year, createdAt.slice(0, 10), t)
        : book;
      const bytes = await summaryFile(withResults, { date: new Date(createdAt) });
      await writeFile(options.out, bytes);
    } catch (error) {
      return fail(
        t('collect:cli.writeFailed', {
          out: options.out,
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }

  const counts = { valid: 0, invalid: 0, missing: 0 };
  for (const u of summary.units) counts[u.status]++;
  const summaryLine = t('collect:cli.summary', {
    units: summary.units.length,
    ...counts,
    files: result.files,
    seconds: (result.elapsedMs / 1000).toFixed(1),
  });
  if (options.json) {
    const extra = results ? { results, inputIssues: inputs.issues } : undefined;
    process.stdout.write(`${JSON.stringify(collectJson(summary, issuesByFile, t, extra), null, 2)}\n`);
    progress(summaryLine);
  } else {
    const lines = humanLines(summary, t, issuesByFile, results);
    lines.push('', summaryLine);
    if (options.out) lines.push(t('collect:cli.written', { out: options.out }));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (options.json && options.out) progress(t('collect:cli.written', { out: options.out }));
  return EXIT_DONE;
}

type ReadInputs = { wanted: boolean; values: ResultInputs; issues: InputIssue[] } | { failed: string };

/**
 * The settings, register and survey named by the options, read from disk and then as the application layer reads
 * them (readResultInputs). A file that cannot be read or is refused whole is a failure (its reasons, one per line);
 * rows left out are returned as issues and also written to stderr, per file.
 */
async function readInputFiles(options: CollectCommandOptions, catalog: Catalog, t: TFunction): Promise<ReadInputs> {
  const label = (source: ResultSource) => t(`results:cli.sources.${source}`);
  const files: { [S in ResultSource]?: InputFileBytes } = {};
  for (const source of ['settings', 'register', 'survey'] as const) {
    const file = options[source];
    if (!file) continue;
    try {
      files[source] = { name: file, bytes: new Uint8Array(await readFile(file)) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { failed: t('results:cli.cannotRead', { source: label(source), file, reason }) };
    }
  }
  const read = readResultInputs(catalog, files);
  for (const source of ['settings', 'register', 'survey'] as const) {
    const left = read.issues.filter((i) => i.source === source);
    if (left.length === 0) continue;
    const lines = left.map((i) => t('results:cli.issueLine', { line: formatResultIssue(t, i.issue) }));
    process.stderr.write(
      `${[t('results:cli.rowsLeftOut', { source: label(source), file: left[0]!.file, count: left.length }), ...lines].join('\n')}\n`,
    );
  }
  if (!read.ok) {
    const lines = formatRefusal(t, read.refusal).map((line) => t('results:cli.issueLine', { line }));
    return { failed: [t('results:cli.refused', { source: label(read.source), file: read.file }), ...lines].join('\n') };
  }
  const wanted = Boolean(options.settings || options.register || options.survey);
  return { wanted, values: read.values, issues: read.issues };
}
