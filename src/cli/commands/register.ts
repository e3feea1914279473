// `target-sheets register --out F.xlsx [--catalog SOURCE]`: the empty register (加减分台账) of the catalog's year
// (./input-file.ts).
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { registerInputFileCommand } from './input-file';

export function register(program: Command, t: TFunction): void {
  registerInputFileCommand(program, t, 'register');
}
