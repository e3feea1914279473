// `target-sheets generate [SOURCE] --out DIR [--unit NAME]... [--password-env VAR] [--created-at ISO]
// [--deadline YYYY-MM-DD] [--force]`:
// one .xlsx target sheet per unit. One progress line per file, a summary at the end. Exit 0: all written; 1: any
// error (nothing is written when the request itself is wrong: unknown unit, existing files, missing password).
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { createHash } from 'node:crypto';
import { writeFile as writeFileCallback } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog, Unit } from '../../core/catalog/model';
import { unitsWithWarnings } from '../../core/catalog/messages';
import { parseDeadline } from '../../core/plan/notes';
import { CreatedAtError, resolveCreatedAt } from '../created-at';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { passwordOrMessage } from '../password';
import { catalogSourceMessage, CatalogSourceError } from '../../app/catalog-source';
import { loadCatalog } from '../load-catalog';

export const DEFAULT_PASSWORD_ENV = 'TARGET_SHEETS_PASSWORD';

export interface GenerateOptions {
  out?: string;
  unit?: string[];
  passwordEnv?: string;
  createdAt?: string;
  deadline?: string;
  force?: boolean;
  lang?: string;
  /** Publish the written templates to this WebDAV URL or directory (src/cli/commands/push.ts). */
  push?: string;
  pushUser?: string;
  pushPasswordEnv?: string;
}

const EXIT_OK = 0;
const EXIT_ERROR = 1;

/** `t`: the language of the help texts (the CLI's language, from --lang on the command line). */
export function register(program: Command, t: TFunction): void {
  program
    .command('generate')
    .description(t('sheet:generate.description'))
    .argument('[source]', t('sheet:generate.sourceArg'))
    .option('--out <dir>', t('sheet:generate.outOption'))
    .option('--unit <name>', t('sheet:generate.unitOption'), (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('--password-env <variable>', t('sheet:generate.passwordEnvOption'))
    .option('--created-at <iso>', t('sheet:generate.createdAtOption'))
    .option('--deadline <yyyy-mm-dd>', t('sheet:generate.deadlineOption'))
    .option('--force', t('sheet:generate.forceOption'))
    .option(LANG_OPTION_FLAGS, t('sheet:generate.langOption'))
    .option('--push <url|dir>', t('folders:cli.generatePushOption'))
    .option('--push-user <name>', t('folders:cli.generatePushUserOption'))
    .option('--push-password-env <var>', t('folders:cli.generatePushPasswordEnvOption'))
    .action(async (source: string | undefined, options: GenerateOptions) => {
      process.exitCode = await runGenerate(source, options);
    });
}

class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

const compact = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Units named by --unit (exact, or equal with all spaces removed), in catalog order; all units without --unit. */
export function selectUnits(catalog: Catalog, names: readonly string[] | undefined): Unit[] {
  if (!names || names.length === 0) return catalog.units;
  const chosen = new Set<Unit>();
  for (const name of names) {
    const match =
      catalog.units.find((u) => u.name === name) ?? catalog.units.find((u) => compact(u.name) === compact(name));
    if (!match) throw new UsageError('unknownUnit', { name, names: catalog.units.map((u) => u.name).join('、') });
    chosen.add(match);
  }
  return catalog.units.filter((u) => chosen.has(u));
}

/** --password-env's variable (which must hold a password), else TARGET_SHEETS_PASSWORD when it is set. */
function resolvePassword(
  option: string | undefined,
  t: TFunction,
  env: NodeJS.ProcessEnv,
): { password?: string; variable?: string } | { message: string } {
  if (option !== undefined) {
    const read = passwordOrMessage(option, t, env);
    return 'message' in read ? read : { password: read.password, variable: option };
  }
  const value = env[DEFAULT_PASSWORD_ENV];
  return value ? { password: value, variable: DEFAULT_PASSWORD_ENV } : {};
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function runGenerate(source: string | undefined, options: GenerateOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (line: string) => {
    process.stderr.write(`target-sheets generate: ${line}\n`);
    return EXIT_ERROR;
  };
  const started = performance.now();
  try {
    if (!options.out) throw new UsageError('missingOut');
    let createdAt: string;
    try {
      createdAt = resolveCreatedAt(options.createdAt);
    } catch (error) {
      if (error instanceof CreatedAtError) throw new UsageError(error.key, { value: error.value });
      throw error;
    }
    // A deadline that is no date stops the run before anything is read or written.
    if (options.deadline !== undefined && !parseDeadline(options.deadline)) {
      throw new UsageError('badDeadline', { value: options.deadline });
    }
    const sheetPassword = resolvePassword(options.passwordEnv, t, process.env);
    if ('message' in sheetPassword) return fail(sheetPassword.message);
    const { password, variable } = sheetPassword;
    // The push password too is read now: a missing one must stop the run before any file is written.
    const pushRead = passwordOrMessage(options.pushPasswordEnv, t);
    if ('message' in pushRead) return fail(pushRead.message);
    const pushPassword = pushRead.password;
    let catalog: Catalog;
    try {
      catalog = await loadCatalog(source);
    } catch (error) {
      if (error instanceof CatalogSourceError) return fail(catalogSourceMessage(t, error));
      throw error;
    }
    const units = selectUnits(catalog, options.unit);
    if (units.length === 0) throw new UsageError('noUnits');

    const dir = path.resolve(options.out);
    const existed = await exists(dir);
    if (existed && !(await stat(dir)).isDirectory()) throw new UsageError('outNotDirectory', { dir });
    await mkdir(dir, { recursive: true });
    // The template writer (src/app/templates.ts: the plans and the direct writer, the same bytes as the ExcelJS
    // renderer in a fraction of the time; ExcelJS is not loaded at all).
    const { renderTemplates, templateFileNames } = await import('../../app/templates');
    const names = templateFileNames(units);
    // A folder made just now holds nothing to overwrite ('wx' below still refuses a file that appears meanwhile).
    if (!options.force && existed) {
      const taken: string[] = [];
      for (const name of names) if (await exists(path.join(dir, name))) taken.push(name);
      if (taken.length > 0) throw new UsageError('exists', { files: taken.join(', ') });
    }

    const errors = catalog.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const affected = [...new Set(errors.map((d) => d.unit ?? catalog.source))].join('、');
      process.stderr.write(
        `target-sheets generate: ${t('sheet:generate.catalogErrors', { count: errors.length, units: affected })}\n`,
      );
    }

    // Node's SHA-256 gives the same fingerprints as the core's pure one, without its warm-up cost.
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    let written = 0;
    let failed = 0;
    const writtenFiles: string[] = [];
    const lines: string[] = [];
    // Each file is written while the next one renders; results are reported in unit order.
    let reported: Promise<void> = Promise.resolve();
    await renderTemplates(catalog, units, {
      createdAt,
      sha256,
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      password,
      onFile: async ({ unit, name, bytes, index }) => {
        const file = path.join(dir, name);
        // 'wx' refuses a file that appeared since the check above.
        // fs's callback form: lighter than fs/promises' FileHandle, which showed in profiles of a 52-file run.
        const write = new Promise<Error | null>((resolve) =>
          writeFileCallback(file, bytes, { flag: options.force ? 'w' : 'wx' }, resolve),
        );
        reported = reported.then(async () => {
          const error = await write;
          if (error === null) {
            written++;
            writtenFiles.push(file);
            lines.push(
              t('sheet:generate.progress', {
                index: index + 1,
                total: units.length,
                unit: unit.name,
                file: name,
                items: unit.items.length,
              }),
            );
          } else {
            failed++;
            flush(lines);
            process.stderr.write(
              `target-sheets generate: ${t('sheet:generate.writeFailed', { file, reason: error.message })}\n`,
            );
          }
          if (lines.length >= 16) flush(lines);
        });
        // Let the event loop run: a file write is several steps (open, write, close), each started from this
        // thread, so without this turn every write would wait for the last unit to render (~40 ms idle at the end).
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
    });
    await reported;
    flush(lines);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(
      `${t('sheet:generate.summary', { count: written, seconds, dir })}\n` +
        `${variable ? t('sheet:generate.protectedWithPassword', { variable }) : t('sheet:generate.protectedWithoutPassword')}\n`,
    );
    const warned = unitsWithWarnings(catalog, units);
    if (warned.length > 0) {
      const names = warned.map((u) => u.name).join(t('catalog:cli.listSeparator'));
      process.stdout.write(`${t('sheet:generate.warnedUnits', { count: warned.length, units: names })}\n`);
    }
    if (options.push !== undefined && failed === 0) {
      const { pushGeneratedFiles } = await import('./push');
      const pushed = await pushGeneratedFiles(writtenFiles, options.push, {
        year: catalog.year,
        user: options.pushUser,
        password: pushPassword,
        lang: options.lang,
      });
      if (pushed.failures.length > 0) return EXIT_ERROR;
    }
    return failed > 0 ? EXIT_ERROR : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) return fail(t(`sheet:generate.${error.key}`, error.params));
    throw error;
  }
}

/** Progress lines are written in small batches: one write per line costs more than a sheet on a slow terminal. */
function flush(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  lines.length = 0;
}
