// `target-sheets archive FROM --out DIR [--catalog SOURCE] [--settings F] [--register F.xlsx] [--survey F.xlsx]`
// copies everything the result was computed from, and the summary, into DIR/<year>-archive-<time>/ with
// manifest.json (src/app/archive.ts); `target-sheets archive --verify DIR` checks such a folder.
// Exit codes: 0 archived / verified; 1 verification found a difference (the first one named); 2 the archive could
// not be made (catalog, folder, a refused input, an existing destination) or the archive could not be read.
import { runSetup } from '../run-setup';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import packageJson from '../../../package.json';
import { createArchive, MANIFEST_NAME, verifyArchive, type InputFile, type VerifyFinding } from '../../app/archive';
import { formatRefusal, formatResultIssue } from '../../app/results';
import { folderIssueMessage, isFolderError, toIssue, type SharedFolder } from '../../core/folders';
import { createDiskFolder } from '../../folders/disk';
import { openFolder } from '../../folders/open';
import type { TFunction } from '../../i18n';
import { embeddedCatalogFile } from '../../app/catalog-source';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { passwordOrMessage } from '../password';

export interface ArchiveCommandOptions {
  out?: string;
  verify?: string;
  catalog?: string;
  settings?: string;
  register?: string;
  survey?: string;
  user?: string;
  passwordEnv?: string;
  createdAt?: string;
  lang?: string;
  quiet?: boolean;
}

export const EXIT_DONE = 0;
export const EXIT_DIFFERS = 1;
export const EXIT_FAILED = 2;

export function register(program: Command, t: TFunction): void {
  program
    .command('archive')
    .description(t('results:archive.cli.description'))
    .argument('[from]', t('results:archive.cli.fromArg'))
    .option('--out <dir>', t('results:archive.cli.outOption'))
    .option('--verify <dir>', t('results:archive.cli.verifyOption'))
    .option('--catalog <source>', t('collect:cli.catalogOption'))
    .option('--settings <file>', t('results:cli.settingsOption'))
    .option('--register <file>', t('results:cli.registerOption'))
    .option('--survey <file>', t('results:cli.surveyOption'))
    .option('--user <name>', t('folders:cli.userOption'))
    .option('--password-env <var>', t('folders:cli.passwordEnvOption'))
    .option('--created-at <iso>', t('collect:cli.createdAtOption'))
    .option(LANG_OPTION_FLAGS, t('collect:cli.langOption'))
    .action(async (from: string | undefined, options: ArchiveCommandOptions) => {
      process.exitCode = options.verify ? await runVerify(options.verify, options) : await runArchive(from, options);
    });
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function verifyMessage(t: TFunction, finding: VerifyFinding): string {
  if (finding.code === 'unit-differs')
    return t('results:archive.verify.unit-differs', {
      ...finding,
      field: t(`results:archive.verify.fields.${finding.field}`),
    });
  return t(`results:archive.verify.${finding.code}`, { ...finding });
}

export async function runVerify(dir: string, options: ArchiveCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  try {
    const outcome = await verifyArchive(createDiskFolder(dir));
    if (!outcome.ok) {
      process.stderr.write(`target-sheets archive: ${verifyMessage(t, outcome.finding)}\n`);
      if (outcome.manifestSha256)
        process.stderr.write(`${t('results:archive.cli.manifestHash', { sha256: outcome.manifestSha256 })}\n`);
      return outcome.finding.code === 'manifest-missing' ? EXIT_FAILED : EXIT_DIFFERS;
    }
    const line =
      outcome.units === null
        ? t('results:archive.verify.okNoResult', { files: outcome.files })
        : t('results:archive.verify.ok', { files: outcome.files, units: outcome.units });
    process.stdout.write(`${line}\n`);
    process.stdout.write(`${t('results:archive.cli.manifestHash', { sha256: outcome.manifestSha256 })}\n`);
    return EXIT_DONE;
  } catch (error) {
    if (!isFolderError(error)) throw error;
    const issue = toIssue(error);
    process.stderr.write(
      `target-sheets archive: ${t('results:archive.cli.failed', { reason: folderIssueMessage(t, { ...issue, path: issue.path || dir }) })}\n`,
    );
    return EXIT_FAILED;
  }
}

async function inputFile(file: string | undefined): Promise<InputFile | undefined> {
  if (!file) return undefined;
  return { name: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
}

export async function runArchive(from: string | undefined, options: ArchiveCommandOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const fail = (message: string): number => {
    process.stderr.write(`target-sheets archive: ${message}\n`);
    return EXIT_FAILED;
  };
  if (!from || !options.out) return fail(t('results:archive.cli.fromRequired'));
  const setup = await runSetup(t, options);
  if ('message' in setup) return fail(setup.message);
  const { createdAt, catalog } = setup;
  // The catalog read above came from these bytes (read again to be archived as they are).
  const catalogFile: InputFile = options.catalog
    ? ((await inputFile(options.catalog)) as InputFile)
    : embeddedCatalogFile();
  const files: Partial<Record<'settings' | 'register' | 'survey', InputFile>> = {};
  for (const source of ['settings', 'register', 'survey'] as const) {
    const file = options[source];
    try {
      files[source] = await inputFile(file);
    } catch (error) {
      const label = t(`results:cli.sources.${source}`);
      return fail(t('results:cli.cannotRead', { source: label, file, reason: reason(error) }));
    }
  }
  const read = passwordOrMessage(options.passwordEnv, t);
  if ('message' in read) return fail(read.message);
  let source: SharedFolder;
  try {
    source = openFolder(from, { username: options.user, password: read.password });
  } catch (error) {
    return fail(t('collect:cli.listFailed', { from, reason: folderIssueMessage(t, toIssue(error)) }));
  }
  try {
    const outcome = await createArchive({
      source,
      destination: createDiskFolder(options.out),
      catalogFile,
      catalog,
      ...files,
      createdAt,
      tool: { name: packageJson.name, version: packageJson.version },
      t,
      onProgress: (done, total) => {
        if (!options.quiet) process.stderr.write(`${t('results:archive.cli.writing', { done, total })}\n`);
      },
    });
    if (!outcome.ok) {
      const failure = outcome.failure;
      if (failure.kind === 'exists')
        return fail(t('results:archive.cli.exists', { folder: path.join(options.out, failure.folder) }));
      const label = t(`results:cli.sources.${failure.source}`);
      const lines = formatRefusal(t, failure.refusal).map((line) => t('results:cli.issueLine', { line }));
      return fail([t('results:cli.refused', { source: label, file: options[failure.source] }), ...lines].join('\n'));
    }
    for (const { source: s, issue } of outcome.inputIssues)
      process.stderr.write(
        `${t('results:cli.issueLine', { line: `${t(`results:cli.sources.${s}`)} ${formatResultIssue(t, issue)}` })}\n`,
      );
    const folder = path.join(options.out, outcome.folder);
    process.stdout.write(
      `${t('results:archive.cli.written', { folder, files: outcome.manifest.files.length, manifest: path.join(folder, MANIFEST_NAME) })}\n`,
    );
    process.stdout.write(`${t('results:archive.cli.manifestHash', { sha256: outcome.manifestSha256 })}\n`);
    return EXIT_DONE;
  } catch (error) {
    if (!isFolderError(error)) throw error;
    const issue = toIssue(error);
    return fail(t('results:archive.cli.failed', { reason: folderIssueMessage(t, issue) }));
  }
}
