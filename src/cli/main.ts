// The command line: `npx target-sheets <command>`. Each command lives in ./commands and only presents what
// the core and the edges return.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = new Command();
  program
    .name('target-sheets')
    .description('Target Sheets — 年度目标考核评分表：生成、校验、提交、汇总')
    .showHelpAfterError()
    .exitOverride();
  await registerCommands(program, argv);
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
