// What `register --out F.xlsx` and `survey --out F.xlsx` share: load the catalog, write the empty input workbook
// (src/app/results-files.ts) to a new file — never over an existing one — and say so on stderr. Exit 0 written,
// 2 when the catalog, the date or the output could not be used.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { catalogSourceMessage, CatalogSourceError } from '../../app/catalog-source';
import { emptyInputFile, type InputFileKind } from '../../app/results-files';
import type { TFunction } from '../../i18n';
import { createdAtMessage, CreatedAtError, resolveCreatedAt } from '../created-at';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { loadCatalog } from '../load-catalog';

export interface InputFileOptions {
  out?: string;
  catalog?: string;
  createdAt?: string;
  lang?: string;
}

export const EXIT_WRITTEN = 0;
export const EXIT_FAILED = 2;

export function registerInputFileCommand(program: Command, t: TFunction, kind: InputFileKind): void {
  program
    .command(kind)
    .description(t(`results:cli.${kind}Command.description`))
    .requiredOption('--out <file>', t(`results:cli.${kind}Command.outOption`))
    .option('--catalog <source>', t('collect:cli.catalogOption'))
    .option('--created-at <iso>', t('results:cli.createdAtOption'))
    .option(LANG_OPTION_FLAGS, t('collect:cli.langOption'))
    .action(async (options: InputFileOptions) => {
      process.exitCode = await runInputFile(kind, options);
    });
}

export async function runInputFile(kind: InputFileKind, options: InputFileOptions): Promise<number> {
  const t = cliTranslator(options.lang);
  const say = (message: string): void => {
    process.stderr.write(`target-sheets ${kind}: ${message}\n`);
  };
  const out = options.out ?? '';
  let date: Date;
  try {
    date = new Date(resolveCreatedAt(options.createdAt));
  } catch (error) {
    if (!(error instanceof CreatedAtError)) throw error;
    say(createdAtMessage(t, error));
    return EXIT_FAILED;
  }
  let catalog;
  try {
    catalog = await loadCatalog(options.catalog);
  } catch (error) {
    if (!(error instanceof CatalogSourceError)) throw error;
    say(t('collect:cli.catalogFailed', { reason: catalogSourceMessage(t, error) }));
    return EXIT_FAILED;
  }
  const bytes = await emptyInputFile(kind, catalog, t, date);
  try {
    await writeFile(out, bytes, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    say(
      code === 'EEXIST'
        ? t('results:cli.fileExists', { out })
        : t('results:cli.writeFailed', { out, reason: error instanceof Error ? error.message : String(error) }),
    );
    return EXIT_FAILED;
  }
  say(t(`results:cli.${kind}Command.written`, { out, units: catalog.units.length, year: catalog.year }));
  return EXIT_WRITTEN;
}
