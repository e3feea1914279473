// `target-sheets review FROM --out DIR [--catalog SOURCE] [--json] [--lang en]`: the scoring workbooks (评分表) of
// the assessment round, one per scorer, from the returned sheets in a folder or WebDAV share (the latest valid one
// per unit, as collect decides) and the catalog. Progress goes to stderr; stdout gets one line per workbook, or
// with --json {"workbooks": [{"file", "scorer", "units", "items"}]}. Exit 0 when every workbook was written; 2 when
// the catalog, the folder or the output could not be used. An existing file is never overwritten without --force.
// With --results: each unit's result copy (评分结果) instead, from the same folder (src/app/result-copies.ts); stdout
// gets one line per copy and per unit left out, or with --json {"copies": [{"file", "unit", "assessed",
// "assessedItems", "items"}], "skipped": [{"unit", "reason"}]}; the same exit codes.
import { runSetup } from '../run-setup';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CONCURRENCY } from '../../app/collect/collect';
import { folderIssueMessage, isFolderError, toIssue, type SharedFolder } from '../../core/folders';
import { isUrlDestination, openFolder } from '../../folders/open';
import type { TFunction } from '../../i18n';
import { scoringTexts } from '../../i18n/scoring-texts';
import { sheetTexts } from '../../i18n/sheet-texts';
import type { Catalog } from '../../core/catalog/model';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { passwordOrMessage } from '../password';

export interface ReviewCommandOptions {
  out?: string;
  catalog?: string;
  json?: boolean;
  lang?: string;
  user?: string;
  /** The WebDAV password's variable (as collect's). */
  passwordEnv?: string;
  /** The sheet protection password's variable (default TARGET_SHEETS_PASSWORD when set, as generate's). */
  sheetPasswordEnv?: string;
  createdAt?: string;
  force?: boolean;
  /** 回传评分结果: each unit's result copy instead of the scoring workbooks. */
  results?: boolean;
  /** Tests and the bench: no progress lines. */
  quiet?: boolean;
  /** Tests: use this folder instead of opening FROM. */
  folder?: SharedFolder;
}

export const EXIT_DONE = 0;
export const EXIT_FAILED = 2;
const DEFAULT_SHEET_PASSWORD_ENV = 'TARGET_SHEETS_PASSWORD';

/** The `--json` shape (a contract: scripts read it). */
export interface ReviewJson {
  workbooks: Array<{ file: string; scorer: string; units: number; items: number }>;
}

/** The `--results --json` shape: the copies written, and the units that got none (with the reason). */
export interface ResultsJson {
  copies: Array<{ file: string; unit: string; assessed: number | null; assessedItems: number; items: number }>;
  skipped: Array<{ unit: string; reason: 'not-returned' | 'not-scored' }>;
}

export function register(program: Command, t: TFunction): void {
  program
    .command('review')
    .description(t('scoring:cli.description'))
    .argument('<from>', t('scoring:cli.fromArg'))
    .option('--out <dir>', t('scoring:cli.outOption'))
    .option('--catalog <source>', t('collect:cli.catalogOption'))
    .option('--json', t('collect:cli.jsonOption'))
    .option('--user <name>', t('folders:cli.userOption'))
    .option('--password-env <var>', t('folders:cli.passwordEnvOption'))
    .option('--sheet-password-env <var>', t('scoring:cli.sheetPasswordEnvOption'))
    .option('--created-at <iso>', t('scoring:cli.createdAtOption'))
    .option('--force', t('scoring:cli.forceOption'))
    .option('--results', t('scoring:cli.resultsOption'))
    .option(LANG_OPTION_FLAGS, t('collect:cli.langOption'))
    .action(async (from: string, options: ReviewCommandOptions) => {
      process.exitCode = await runReview(from, options);
    });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A failure to list or read FROM, in the words collect uses. */
function listFailed(t: TFunction, folder: SharedFolder, error: unknown): string {
  if (!isFolderError(error)) throw error;
  const issue = toIssue(error);
  return t('collect:cli.listFailed', {
    from: folder.label,
    reason: folderIssueMessage(t, { ...issue, path: issue.path || folder.label }),
  });
}

/**
 * Writes every file into dir, none over an existing one unless force (checked first, so nothing is written when one
 * is taken; 'wx' still refuses a file that appears meanwhile). Resolves with the full paths, or the message to fail with.
 */
async function writeNewFiles(
  t: TFunction,
  dir: string,
  files: readonly { name: string; bytes: Uint8Array }[],
  force: boolean,
): Promise<{ written: string[] } | { message: string }> {
  const taken: string[] = [];
  if (!force) for (const f of files) if (await exists(path.join(dir, f.name))) taken.push(f.name);
  if (taken.length > 0) return { message: t('scoring:cli.exists', { files: taken.join(', ') }) };
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const file = path.join(dir, f.name);
    try {
      await writeFile(file, f.bytes, { flag: force ? 'w' : 'wx' });
    } catch (error) {
      return {
        message: t('scoring:cli.writeFailed', { file, reason: error instanceof Error ? error.message : String(error) }),
      };
    }
    written.push(file);
  }
  return { written };
}

/** The command's work, callable from tests and the bench (same code path as the CLI). */
export async function runReview(from: string, options: ReviewCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (message: string): number => {
    process.stderr.write(`target-sheets review: ${message}\n`);
    return EXIT_FAILED;
  };
  if (!options.out) return fail(t(options.results ? 'scoring:results.outRequired' : 'scoring:cli.outRequired'));
  const setup = await runSetup(t, options);
  if ('message' in setup) return fail(setup.message);
  const { createdAt, catalog } = setup;
  const read = passwordOrMessage(options.passwordEnv, t);
  if ('message' in read) return fail(read.message);
  let sheetPassword: string | undefined;
  if (options.sheetPasswordEnv !== undefined) {
    const sheet = passwordOrMessage(options.sheetPasswordEnv, t);
    if ('message' in sheet) return fail(sheet.message);
    sheetPassword = sheet.password;
  } else {
    sheetPassword = process.env[DEFAULT_SHEET_PASSWORD_ENV] || undefined;
  }

  const dir = path.resolve(options.out);
  if ((await exists(dir)) && !(await stat(dir)).isDirectory()) return fail(t('scoring:cli.outNotDirectory', { dir }));

  let folder: SharedFolder;
  try {
    folder = options.folder ?? openFolder(from, { username: options.user, password: read.password });
  } catch (error) {
    return fail(t('collect:cli.listFailed', { from, reason: folderIssueMessage(t, toIssue(error)) }));
  }
  const base = isUrlDestination(from) ? folder.label.replace(/\/?$/, '/') : from;
  const locate = (p: string): string => (isUrlDestination(from) ? `${base}${p}` : path.join(base, ...p.split('/')));
  const progress = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };

  if (options.results) {
    return runResults({ t, options, folder, catalog, createdAt, locate, progress, dir, sheetPassword, fail });
  }

  // ExcelJS (the several-sheet writer) is loaded only when the command runs.
  const { review } = await import('../../app/review');
  let result: Awaited<ReturnType<typeof review>>;
  try {
    progress(t('collect:cli.listing', { from: folder.label }));
    result = await review(folder, {
      catalog,
      createdAt,
      locate,
      concurrency: CONCURRENCY.default,
      texts: scoringTexts(options.lang === 'en' ? 'en' : 'zh-CN'),
      password: sheetPassword,
      onListed: (count) => progress(t('collect:cli.found', { count })),
    });
  } catch (error) {
    return fail(listFailed(t, folder, error));
  }

  const files = await writeNewFiles(t, dir, result.workbooks, options.force === true);
  if ('message' in files) return fail(files.message);
  const written: ReviewJson['workbooks'] = result.workbooks.map((w, i) => ({
    file: files.written[i]!,
    scorer: w.scorer,
    units: w.units,
    items: w.items,
  }));

  const counts = { valid: 0, invalid: 0, missing: 0 };
  for (const u of result.summary.units) counts[u.status]++;
  const summaryLine = t('scoring:cli.summary', {
    count: written.length,
    dir,
    returned: counts.valid,
    units: result.summary.units.length,
    seconds: (result.elapsedMs / 1000).toFixed(1),
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ workbooks: written } satisfies ReviewJson, null, 2)}\n`);
    progress(summaryLine);
  } else {
    const lines = written.map((w) => t('scoring:cli.workbookLine', { ...w, file: path.basename(w.file) }));
    lines.push('', summaryLine);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT_DONE;
}

interface ResultsRun {
  t: TFunction;
  options: ReviewCommandOptions;
  folder: SharedFolder;
  catalog: Catalog;
  createdAt: string;
  locate: (p: string) => string;
  progress: (line: string) => void;
  dir: string;
  sheetPassword: string | undefined;
  fail: (message: string) => number;
}

/** `review --results`: every unit's result copy (评分结果), never over an existing file without --force. */
async function runResults(run: ResultsRun): Promise<number> {
  const { t, options, folder, catalog, createdAt, locate, progress, dir, sheetPassword, fail } = run;
  const lang = options.lang === 'en' ? 'en' : 'zh-CN';
  const { resultCopies } = await import('../../app/result-copies');
  let result: Awaited<ReturnType<typeof resultCopies>>;
  try {
    progress(t('collect:cli.listing', { from: folder.label }));
    result = await resultCopies(folder, {
      catalog,
      createdAt,
      locate,
      concurrency: CONCURRENCY.default,
      texts: sheetTexts(lang),
      teamName: scoringTexts(lang).team,
      fileStem: (unit) => t('scoring:results.fileStem', { unit }),
      password: sheetPassword,
      onListed: (count) => progress(t('collect:cli.found', { count })),
    });
  } catch (error) {
    return fail(listFailed(t, folder, error));
  }

  const files = await writeNewFiles(t, dir, result.copies, options.force === true);
  if ('message' in files) return fail(files.message);
  const written: ResultsJson['copies'] = result.copies.map((c, i) => ({
    file: files.written[i]!,
    unit: c.unit,
    assessed: c.assessed,
    assessedItems: c.assessedItems,
    items: c.items,
  }));
  const skipped: ResultsJson['skipped'] = result.skipped.map((s) => ({ unit: s.unit, reason: s.reason }));
  const summaryLine = t('scoring:results.summary', {
    count: written.length,
    dir,
    skipped: skipped.length,
    scoring: result.scoringUsed,
    seconds: (result.elapsedMs / 1000).toFixed(1),
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ copies: written, skipped } satisfies ResultsJson, null, 2)}\n`);
    progress(summaryLine);
  } else {
    const show = (n: number | null): string => (n === null ? '—' : String(n));
    const lines = written.map((c) =>
      t('scoring:results.copyLine', { ...c, assessed: show(c.assessed), file: path.basename(c.file) }),
    );
    for (const s of skipped) lines.push(t(`scoring:results.skipped.${s.reason}`, { unit: s.unit }));
    lines.push('', summaryLine);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT_DONE;
}
