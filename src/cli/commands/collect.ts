// `target-sheets collect FROM --out summary.xlsx [--catalog SOURCE] [--json] [--lang en]`: reads every returned
// sheet in a folder or WebDAV share, and writes the summary (汇总 / 未提交 / 问题 / 指标统计 / 文件清单 / 扣分说明).
// Progress goes to stderr; stdout gets the result (human text, or JSON with --json). Exit 0 when the summary was
// built (missing and invalid units are results, not failures); 2 when the catalog, the folder or the output
// could not be used.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Catalog } from '../../core/catalog/model';
import type { Summary } from '../../core/collect/model';
import { summaryToSheets } from '../../core/collect/sheets';
import { folderIssueMessage, isFolderError, toIssue, type SharedFolder } from '../../core/folders';
import { formatIssue, formatIssueLine } from '../../core/validate/format';
import type { ValidationIssue } from '../../core/validate/issues';
import { collect, CONCURRENCY, type CollectResult } from '../../app/collect/collect';
import { summaryFile } from '../../app/collect/summary-file';
import { summaryTexts } from '../../app/collect/texts';
import { isUrlDestination, openFolder } from '../../folders/open';
import type { TFunction } from '../../i18n';
import { createdAtMessage, CreatedAtError, resolveCreatedAt } from '../created-at';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { catalogSourceMessage, CatalogSourceError } from '../../app/catalog-source';
import { loadCatalog } from '../load-catalog';
import { passwordOrMessage } from '../password';

export interface CollectCommandOptions {
  out?: string;
  catalog?: string;
  json?: boolean;
  lang?: string;
  user?: string;
  passwordEnv?: string;
  concurrency?: number;
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
    assessed: number | null;
    rank: number | null;
  }>;
  missing: string[];
  invalid: Array<{
    file: string;
    issues: Array<{ severity: string; code: string; cell: string | null; message: string }>;
  }>;
}

/** A file that could not be counted: invalid, unreadable, or for a unit the catalog does not have. */
function isFailed(s: Summary['submissions'][number]): boolean {
  return s.fate === 'invalid' || s.fate === 'unreadable' || s.fate === 'unknown-unit';
}

export function collectJson(
  summary: Summary,
  issuesByFile: ReadonlyMap<string, ValidationIssue[]>,
  t: TFunction,
): CollectJson {
  return {
    units: summary.units.map((u) => ({
      name: u.name,
      group: u.group,
      status: u.status,
      file: u.file,
      self: u.self,
      assessed: u.assessed,
      rank: u.rankInGroup,
    })),
    missing: summary.missing.map((u) => u.name),
    invalid: summary.submissions.filter(isFailed).map((s) => ({
      file: s.file,
      issues: (issuesByFile.get(s.file) ?? []).map((i) => ({
        severity: i.severity,
        code: i.code,
        cell: i.cell,
        message: formatIssue(t, i),
      })),
    })),
  };
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
    .option(LANG_OPTION_FLAGS, t('collect:cli.langOption'))
    .action(async (from: string, options: CollectCommandOptions) => {
      process.exitCode = await runCollect(from, options);
    });
}

function show(n: number | null): string {
  return n === null ? '—' : String(n);
}

function humanLines(summary: Summary, t: TFunction, issuesByFile: ReadonlyMap<string, ValidationIssue[]>): string[] {
  const texts = summaryTexts(t);
  const lines: string[] = [];
  for (const u of summary.units) {
    lines.push(
      t('collect:cli.unitLine', {
        seq: u.seq,
        unit: u.name,
        group: texts.groups[u.group],
        status: texts.status[u.status],
      }),
    );
    if (u.status === 'missing') continue;
    const scores = {
      self: show(u.self),
      assessed: show(u.assessed),
      rankInGroup: show(u.rankInGroup),
      rankOverall: show(u.rankOverall),
      problems: u.problems,
    };
    lines.push(t(u.status === 'valid' ? 'collect:cli.unitScores' : 'collect:cli.unitScoresUnranked', scores));
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
  const failed = summary.submissions.filter(isFailed);
  if (failed.length > 0) {
    lines.push('', t('collect:cli.invalidTitle', { count: failed.length }));
    for (const s of failed) {
      const issues = issuesByFile.get(s.file) ?? [];
      const first = issues.find((i) => i.severity === 'error') ?? issues[0];
      lines.push(
        t('collect:cli.invalidLine', { file: s.file, reason: first ? formatIssueLine(t, first) : texts.fates[s.fate] }),
      );
    }
  }
  return lines;
}

/** The command's work, callable from tests and the bench (same code path as the CLI). */
export async function runCollect(from: string, options: CollectCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (message: string): number => {
    process.stderr.write(`target-sheets collect: ${message}\n`);
    return EXIT_FAILED;
  };
  if (!options.out && !options.json) return fail(t('collect:cli.outRequired'));
  let createdAt: string;
  try {
    createdAt = resolveCreatedAt(options.createdAt);
  } catch (error) {
    if (error instanceof CreatedAtError) return fail(createdAtMessage(t, error));
    throw error;
  }

  let catalog: Catalog;
  try {
    catalog = await loadCatalog(options.catalog);
  } catch (error) {
    if (error instanceof CatalogSourceError)
      return fail(t('collect:cli.catalogFailed', { reason: catalogSourceMessage(t, error) }));
    throw error;
  }

  const read = passwordOrMessage(options.passwordEnv, t);
  if ('message' in read) return fail(read.message);
  const { password } = read;
  let folder: SharedFolder;
  try {
    folder = options.folder ?? openFolder(from, { username: options.user, password });
  } catch (error) {
    return fail(t('collect:cli.listFailed', { from, reason: folderIssueMessage(t, toIssue(error)) }));
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
    );
  }
  const { summary } = result;

  // Each file's issues, grouped once (the JSON words them; the human lines show each failed file's first error).
  const issuesByFile = new Map<string, ValidationIssue[]>();
  for (const p of summary.problems) issuesByFile.set(p.file, [...(issuesByFile.get(p.file) ?? []), p.issue]);

  if (options.out) {
    try {
      const bytes = await summaryFile(summaryToSheets(summary, summaryTexts(t)), { date: new Date(createdAt) });
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
    process.stdout.write(`${JSON.stringify(collectJson(summary, issuesByFile, t), null, 2)}\n`);
    progress(summaryLine);
  } else {
    const lines = humanLines(summary, t, issuesByFile);
    lines.push('', summaryLine);
    if (options.out) lines.push(t('collect:cli.written', { out: options.out }));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (options.json && options.out) progress(t('collect:cli.written', { out: options.out }));
  return EXIT_DONE;
}
