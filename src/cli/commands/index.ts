import type { Command } from 'commander';
import { register as registerCatalog } from './catalog';
import { register as registerCollect } from './collect';
import { register as registerGenerate } from './generate';
import { register as registerPush } from './push';
import { register as registerValidate } from './validate';

/** Every command registers itself here; one line per command module. */
export function registerCommands(program: Command): void {
  void program;
  registerCatalog(program);
  registerCollect(program);
  registerGenerate(program);
  registerPush(program);
  registerValidate(program);
}
