// What `register --out F.xlsx` and `survey --out F.xlsx` share: load the catalog, write the empty input workbook
// (src/app/results-files.ts) to a new file — never over an existing one — and say so on stderr. Exit 0 written,
// 2 when the catalog, the date or the output could not be used.
import { runSetup } from '../run-setup';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { emptyInputFile, type InputFileKind } from '../../app/results-files';
import type { TFunction } from '../../i18n';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';

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
  const setup = await runSetup(t, options);
  if ('message' in setup) {
    say(setup.message);
    return EXIT_FAILED;
  }
  const { catalog } = setup;
  const date = new Date(setup.createdAt);
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
