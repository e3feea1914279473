import type { Command } from 'commander';
import type { TFunction } from '../../i18n';

type CommandModule = { register(program: Command, t: TFunction): void };

/**
 * Every command, one line each. A module is loaded only when its command runs (or for the help listing), so that
 * `generate` does not pay for loading the WebDAV client or the validator: start-up time is part of every command.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  catalog: () => import('./catalog'),
  generate: () => import('./generate'),
  validate: () => import('./validate'),
  push: () => import('./push'),
  collect: () => import('./collect'),
  register: () => import('./register'),
  survey: () => import('./survey'),
  review: () => import('./review'),
  archive: () => import('./archive'),
};

/** Registers the command named in argv (the first argument after the script), or all of them when none matches. */
export async function registerCommands(program: Command, argv: readonly string[], t: TFunction): Promise<void> {
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  const modules = await Promise.all(wanted.map((name) => COMMANDS[name]!()));
  for (const module of modules) module.register(program, t);
}
