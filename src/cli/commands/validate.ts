// `target-sheets validate FILE... [--catalog SOURCE] [--json] [--lang zh|en]`: checks returned sheets.
// Exit 0: every file valid (warnings allowed); 1: some file has an error; 2: some file could not be read as a
// template. The rules are the core's (src/core/validate); this command reads files and presents the reports.
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Catalog } from '../../core/catalog/model';
import { formatIssue, formatSeverity } from '../../core/validate/format';
import type { ValidationIssue } from '../../core/validate/issues';
import { unreadableReport, type ValidationReport } from '../../core/validate/validate';
import { checkWorkbookBytes, validateWorkbookBytes, type CheckedWorkbook } from '../../app/check';
import type { ResultCopyReport } from '../../core/result-copy/validate';
import type { ScoringReport } from '../../core/scoring-workbook/validate';
import { DEFAULT_READ_LIMITS } from '../../xlsx/read';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { catalogSourceMessage, CatalogSourceError } from '../../app/catalog-source';
import { loadCatalog } from '../load-catalog';
import type { TFunction } from '../../i18n';

interface ValidateOptions {
  /** A path, or true for `--catalog` without one (the embedded 2019 catalog). */
  catalog?: string | true;
  json?: boolean;
  lang?: string;
}

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNREADABLE = 2;

/** `t`: the language of the help texts (the CLI's language, from --lang on the command line). */
export function register(program: Command, t: TFunction): void {
  program
    .command('validate')
    .description(t('validate:cli.description'))
    .argument('[files...]', t('validate:cli.filesArg'))
    .option('--catalog [source]', t('validate:cli.catalogOption'))
    .option('--json', t('validate:cli.jsonOption'))
    .option(LANG_OPTION_FLAGS, t('validate:cli.langOption'))
    .action(async (files: string[], options: ValidateOptions) => {
      process.exitCode = await runValidate(files, options);
    });
}

/** Reads at most limit + 1 bytes, so a huge file is refused without being loaded. */
async function readBounded(file: string, limit: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const size = Math.min(info.size, limit + 1);
    const buffer = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === size ? buffer : buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

async function readFileBytes(file: string): Promise<Uint8Array | ValidationReport> {
  try {
    return await readBounded(file, DEFAULT_READ_LIMITS.maxFileBytes);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // The reason in the user's words; what the system said (its code and message) is the detail, for the log.
    const reason =
      e.code === 'ENOENT'
        ? 'file-not-found'
        : e.code === 'EISDIR'
          ? 'file-is-folder'
          : e.code === 'EACCES' || e.code === 'EPERM'
            ? 'file-no-permission'
            : 'file-system-error';
    return unreadableReport({ code: 'file-cannot-open', params: { reason }, detail: e.message });
  }
}

/** A unit's sheet, checked: the benchmark's code path. */
export async function validateFile(file: string, catalog?: Catalog): Promise<ValidationReport> {
  const bytes = await readFileBytes(file);
  return bytes instanceof Uint8Array ? validateWorkbookBytes(bytes, { catalog }) : bytes;
}

/** The command's code path for a file: a unit's sheet or a scoring workbook, each checked as what it is. */
export async function checkFile(file: string, catalog?: Catalog): Promise<CheckedWorkbook> {
  const bytes = await readFileBytes(file);
  return bytes instanceof Uint8Array ? checkWorkbookBytes(bytes, { catalog }) : { kind: 'template', report: bytes };
}

export interface ValidateJsonFile {
  file: string;
  /** What the file is: a unit's sheet ("template"), a scoring workbook ("scoring") or a result copy ("result"). */
  kind: CheckedWorkbook['kind'];
  unit: string | null;
  /** A scoring workbook's scorer; null for a unit's sheet. */
  scorer: string | null;
  status: ValidationReport['status'];
  totals: { weight: number | null; self: number | null; assessed: number | null };
  issues: Array<{
    severity: ValidationIssue['severity'];
    code: string;
    /** The sheet of the cell, in a workbook of several sheets (a scoring workbook). */
    sheet?: string;
    cell: string | null;
    message: string;
    /** The reader's technical account (English), when it gave one: for a log or a bug report. */
    detail?: string;
  }>;
}

function issuesJson(issues: readonly ValidationIssue[], t: TFunction): ValidateJsonFile['issues'] {
  return issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    ...(i.sheet !== undefined ? { sheet: i.sheet } : {}),
    cell: i.cell,
    message: formatIssue(t, i),
    ...(i.detail === undefined ? {} : { detail: i.detail }),
  }));
}

export function reportJson(file: string, checked: CheckedWorkbook, t: TFunction): ValidateJsonFile {
  if (checked.kind === 'scoring') {
    const report = checked.report;
    return {
      file,
      kind: 'scoring',
      unit: null,
      scorer: report.identity?.scorerName ?? null,
      status: report.status,
      totals: report.totals
        ? { weight: report.totals.weight, self: report.totals.self, assessed: report.totals.assessed }
        : { weight: null, self: null, assessed: null },
      issues: issuesJson(report.issues, t),
    };
  }
  if (checked.kind === 'result') {
    const report = checked.report;
    return {
      file,
      kind: 'result',
      unit: report.unit,
      scorer: null,
      status: report.status,
      totals: report.totals ?? { weight: null, self: null, assessed: null },
      issues: issuesJson(report.issues, t),
    };
  }
  const report = checked.report;
  return {
    file,
    kind: 'template',
    unit: report.unit,
    scorer: null,
    status: report.status,
    totals: report.totals ?? { weight: null, self: null, assessed: null },
    issues: issuesJson(report.issues, t),
  };
}

function humanReport(file: string, checked: CheckedWorkbook, t: TFunction): string[] {
  const report: ValidationReport | ScoringReport | ResultCopyReport = checked.report;
  const lines = [t('validate:cli.fileLine', { file, status: t(`validate:status.${report.status}`) })];
  if (checked.kind === 'scoring' && checked.report.identity) {
    const { scorerName, year } = checked.report.identity;
    lines.push(`  ${t('validate:cli.scorerLine', { scorer: scorerName, year })}`);
  } else if (checked.kind === 'result' && checked.report.identity) {
    const identity = checked.report.identity;
    lines.push(`  ${t('validate:cli.resultLine', { unit: identity.unitName, year: identity.year })}`);
  } else if (checked.kind === 'template' && checked.report.identity) {
    const identity = checked.report.identity;
    lines.push(`  ${t('validate:cli.unitLine', { unit: identity.unitName, year: identity.year })}`);
  }
  if (report.totals) {
    const show = (n: number | null): string => (n === null ? '—' : String(n));
    lines.push(
      `  ${t('validate:cli.totalsLine', { weight: show(report.totals.weight), self: show(report.totals.self), assessed: show(report.totals.assessed) })}`,
    );
  }
  for (const issue of report.issues) {
    // The cell once, in its place before the code; the message names the target (序号 and 考核项目), not the cell.
    lines.push(
      `  ${formatSeverity(t, issue)}${issue.cell ? ` ${issue.sheet ? `${issue.sheet}!` : ''}${issue.cell}` : ''} [${issue.code}] ${formatIssue(t, issue)}`,
    );
  }
  return lines;
}

export async function runValidate(files: string[], options: ValidateOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  if (files.length === 0) {
    // Nothing to read is "could not be read as a template", not "has errors".
    process.stderr.write(`target-sheets validate: ${t('validate:cli.noFiles')}\n`);
    return EXIT_UNREADABLE;
  }
  let catalog: Catalog | undefined;
  if (options.catalog !== undefined) {
    try {
      catalog = await loadCatalog(options.catalog === true ? undefined : options.catalog);
    } catch (error) {
      if (error instanceof CatalogSourceError) {
        process.stderr.write(
          `target-sheets validate: ${t('validate:cli.catalogFailed', { reason: catalogSourceMessage(t, error) })}\n`,
        );
        return EXIT_UNREADABLE;
      }
      throw error;
    }
  }
  const counts = { valid: 0, invalid: 0, unreadable: 0 };
  // One file at a time, each printed as soon as it is checked: memory stays flat however many files are named.
  if (options.json) process.stdout.write('{"files": [');
  let first = true;
  for (const file of files) {
    const checked = await checkFile(file, catalog);
    counts[checked.report.status]++;
    if (options.json) {
      process.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(reportJson(file, checked, t))}`);
    } else {
      process.stdout.write(`${humanReport(file, checked, t).join('\n')}\n\n`);
      // The message is in the user's language; the reader's technical account is a log line.
      for (const issue of checked.report.issues) {
        if (issue.detail !== undefined)
          process.stderr.write(`target-sheets validate: ${file}: [${issue.code}] ${issue.detail}\n`);
      }
    }
    first = false;
  }
  if (options.json) process.stdout.write(']}\n');
  else process.stdout.write(`${t('validate:cli.summary', { count: files.length, ...counts })}\n`);
  if (counts.unreadable > 0) return EXIT_UNREADABLE;
  if (counts.invalid > 0) return EXIT_INVALID;
  return EXIT_VALID;
}
