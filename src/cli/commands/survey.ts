// `target-sheets survey --out F.xlsx [--catalog SOURCE]`: the empty survey (民主测评) of the catalog's year, one row
// per catalog unit (./input-file.ts).
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { registerInputFileCommand } from './input-file';

export function register(program: Command, t: TFunction): void {
  registerInputFileCommand(program, t, 'survey');
}
