// The command line: `npx target-sheets <command>`. Each command lives in ./commands and only presents what
// the core and the edges return.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { localiseCommander } from './commander-texts';
import { cliTranslator } from './lang';

/** `--lang en` / `--lang=en` anywhere on the line also sets the language of help and usage errors. */
function langInArgv(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const t = cliTranslator(langInArgv(argv.slice(2)));
  const program = new Command();
  program.name('target-sheets').description(t('cli:program')).showHelpAfterError().exitOverride();
  localiseCommander(program, t);
  await registerCommands(program, argv, t);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    process.stderr.write(`target-sheets: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
