// `target-sheets catalog [SOURCE] [--json] [--lang en]`: reads the targets document and shows each unit and
// every diagnostic. Exit 0: no error diagnostic; 1: the catalog has errors; 2: the source cannot be read.
// `--xlsx F [--settings S]` also writes the master workbook, with the year's rules as its 考核设置 sheet (the
// settings file's, else the defaults: blank weights, no grades); a refused settings file writes nothing (exit 2).
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { readFile, writeFile } from 'node:fs/promises';
import type { Catalog } from '../../core/catalog/model';
import { createTranslator } from '../../i18n';
import { catalogJson, catalogSummary, countBySeverity, diagnosticLine, scorerLines } from '../catalog-output';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { catalogSourceMessage, CatalogSourceError } from '../../app/catalog-source';
import { loadCatalog } from '../load-catalog';
import type { Settings } from '../../core/results/model';

interface CatalogOptions {
  json?: boolean;
  /** Also write the catalog as a master sheet to this .xlsx file (never over an existing file). */
  xlsx?: string;
  /** The 考核设置 written into the master workbook (JSON, or an .xlsx with a 考核设置 sheet). */
  settings?: string;
  lang?: string;
}

export const EXIT_OK = 0;
export const EXIT_CATALOG_ERRORS = 1;
export const EXIT_SOURCE_UNREADABLE = 2;

/** `t`: the language of the help texts (the CLI's language, from --lang on the command line). */
export function register(program: Command, t: TFunction): void {
  program
    .command('catalog')
    .description(t('catalog:cli.description'))
    .argument('[source]', t('catalog:cli.sourceArg'))
    .option('--json', t('catalog:cli.jsonOption'))
    .option('--xlsx <file>', t('catalog:cli.xlsxOption'))
    .option('--settings <file>', t('results:cli.masterSettingsOption'))
    .option(LANG_OPTION_FLAGS, t('catalog:cli.langOption'))
    .action(async (source: string | undefined, options: CatalogOptions) => {
      process.exitCode = await runCatalog(source, options);
    });
}

export async function runCatalog(source: string | undefined, options: CatalogOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  let catalog;
  try {
    catalog = await loadCatalog(source);
  } catch (error) {
    if (error instanceof CatalogSourceError) {
      process.stderr.write(`target-sheets catalog: ${catalogSourceMessage(t, error)}\n`);
      return EXIT_SOURCE_UNREADABLE;
    }
    throw error;
  }
  if (options.xlsx !== undefined) {
    // Loaded here: only --xlsx needs the settings' readers.
    const { DEFAULT_SETTINGS } = await import('../../core/results/settings');
    let settings: Settings = DEFAULT_SETTINGS;
    if (options.settings !== undefined) {
      const { formatRefusal, readSettingsFile } = await import('../../app/results');
      const label = t('results:cli.sources.settings');
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(options.settings));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `target-sheets catalog: ${t('results:cli.cannotRead', { source: label, file: options.settings, reason })}\n`,
        );
        return EXIT_SOURCE_UNREADABLE;
      }
      const read = readSettingsFile(options.settings, bytes);
      if (!read.ok) {
        const lines = formatRefusal(t, read.refusal).map((line) => t('results:cli.issueLine', { line }));
        const head = t('results:cli.settingsRefused', { file: options.settings });
        process.stderr.write(`target-sheets catalog: ${[head, ...lines].join('\n')}\n`);
        return EXIT_SOURCE_UNREADABLE;
      }
      settings = read.value;
    }
    const written = await writeMasterSheet(catalog, options.xlsx, settings);
    // On stderr, so that `--json` output stays parseable.
    process.stderr.write(`target-sheets catalog: ${t(`catalog:cli.${written.code}`, written.params)}\n`);
    if (written.code !== 'xlsxWritten') return EXIT_SOURCE_UNREADABLE;
  }
  const errors = countBySeverity(catalog.diagnostics).error;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(catalogJson(catalog, t), null, 2)}\n`);
  } else {
    const lines: string[] = [
      t('catalog:cli.heading', { year: catalog.year, source: catalog.source }),
      t('catalog:cli.columns'),
    ];
    for (const unit of catalog.units) {
      lines.push(
        t('catalog:cli.unitLine', {
          id: unit.id,
          name: unit.name,
          group: t(`glossary:groups.${unit.group}`),
          items: unit.items.length,
          total: unit.totalWeight,
        }),
      );
    }
    if (catalog.units.length > 0) lines.push('', ...scorerLines(catalog, t));
    if (catalog.diagnostics.length > 0) {
      lines.push('', t('catalog:cli.diagnosticsHeading', { count: catalog.diagnostics.length }));
      for (const d of catalog.diagnostics) lines.push(diagnosticLine(d, t));
    }
    lines.push('', catalogSummary(catalog, t));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return errors > 0 ? EXIT_CATALOG_ERRORS : EXIT_OK;
}

/** Writes the master sheet file; an existing file is left untouched and reported. */
async function writeMasterSheet(
  catalog: Catalog,
  file: string,
  settings: Settings,
): Promise<{ code: 'xlsxWritten' | 'xlsxExists' | 'xlsxFailed'; params: Record<string, string | number> }> {
  const { catalogToMasterRows } = await import('../../core/catalog/master');
  const { writeMasterWorkbook } = await import('../../xlsx/master');
  // The master sheet is written in the templates' language whatever the CLI's.
  const { TEMPLATE_LANG } = await import('../../app/plan');
  const zh = createTranslator(TEMPLATE_LANG);
  const notes = {
    sheetName: zh('catalog:masterSheet.notesSheet'),
    lines: zh('catalog:masterSheet.notes', { returnObjects: true }) as string[],
  };
  const bytes = await writeMasterWorkbook(catalog, { notes, settings });
  try {
    await writeFile(file, bytes, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { code: 'xlsxExists', params: { path: file } };
    return { code: 'xlsxFailed', params: { path: file, reason: String((error as Error).message) } };
  }
  return { code: 'xlsxWritten', params: { path: file, rows: catalogToMasterRows(catalog).length - 2 } };
}
