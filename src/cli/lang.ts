// The CLI's language: Chinese unless `--lang en` (or en-US, …) is given. Shared by every command.
import { createTranslator, normaliseLang, type Lang, type TFunction } from '../i18n';

export const LANG_OPTION_FLAGS = '--lang <lang>';

export function cliLang(option: string | undefined): Lang {
  return normaliseLang(option);
}

/** A translator whose keys name their namespace ("catalog:load.missing"). */
export function cliTranslator(option: string | undefined): TFunction {
  return createTranslator(cliLang(option));
}
