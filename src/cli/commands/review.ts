// `target-sheets review FROM --out DIR [--catalog SOURCE] [--json] [--lang en]`: the scoring workbooks (评分表) of
// the assessment round, one per scorer, from the returned sheets in a folder or WebDAV share (the latest valid one
// per unit, as collect decides) and the catalog. Progress goes to stderr; stdout gets one line per workbook, or
// with --json {"workbooks": [{"file", "scorer", "units", "items"}]}. Exit 0 when every workbook was written; 2 when
// the catalog, the folder or the output could not be used. An existing file is never overwritten without --force.
import { runSetup } from '../run-setup';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CONCURRENCY } from '../../app/collect/collect';
import { folderIssueMessage, isFolderError, toIssue, type SharedFolder } from '../../core/folders';
import { isUrlDestination, openFolder } from '../../folders/open';
import type { TFunction } from '../../i18n';
import { scoringTexts } from '../../i18n/scoring-texts';
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

/** The command's work, callable from tests and the bench (same code path as the CLI). */
export async function runReview(from: string, options: ReviewCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (message: string): number => {
    process.stderr.write(`target-sheets review: ${message}\n`);
    return EXIT_FAILED;
  };
  if (!options.out) return fail(t('scoring:cli.outRequired'));
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
    if (!isFolderError(error)) throw error;
    const issue = toIssue(error);
    return fail(
      t('collect:cli.listFailed', {
        from: folder.label,
        reason: folderIssueMessage(t, { ...issue, path: issue.path || folder.label }),
      }),
    );
  }

  const taken: string[] = [];
  if (!options.force) for (const w of result.workbooks) if (await exists(path.join(dir, w.name))) taken.push(w.name);
  if (taken.length > 0) return fail(t('scoring:cli.exists', { files: taken.join(', ') }));
  await mkdir(dir, { recursive: true });
  const written: ReviewJson['workbooks'] = [];
  for (const w of result.workbooks) {
    const file = path.join(dir, w.name);
    try {
      await writeFile(file, w.bytes, { flag: options.force ? 'w' : 'wx' });
    } catch (error) {
      return fail(
        t('scoring:cli.writeFailed', { file, reason: error instanceof Error ? error.message : String(error) }),
      );
    }
    written.push({ file, scorer: w.scorer, units: w.units, items: w.items });
  }

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
