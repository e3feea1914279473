// Commander's own words — help headings, the help option, its error messages — in the CLI's language. Commander
// writes them in English; the headings and the help option are configurable, and its error messages are matched
// here by their (documented, stable) wording and told again from the locale. Anything not matched is kept as is.
import { Help, type Command } from 'commander';
import type { TFunction } from '../i18n';

const TITLES: Record<string, string> = {
  'Usage:': 'cli:help.usage',
  'Arguments:': 'cli:help.arguments',
  'Options:': 'cli:help.options',
  'Commands:': 'cli:help.commands',
  'Global Options:': 'cli:help.globalOptions',
};

/** Commander's error line (`error: …`, maybe followed by "(Did you mean …?)") in the CLI's language. */
export function translateCommanderError(text: string, t: TFunction): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(' ').trim());
  const suggest = suggestion ? t('cli:errors.suggestion', { names: suggestion[1] }) : '';
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^error: unknown option '(.+)'$/, (m) => t('cli:errors.unknownOption', { option: m[1] }) + suggest],
    [/^error: unknown command '(.+)'$/, (m) => t('cli:errors.unknownCommand', { command: m[1] }) + suggest],
    [/^error: missing required argument '(.+)'$/, (m) => t('cli:errors.missingArgument', { name: m[1] })],
    [/^error: option '(.+)' argument missing$/, (m) => t('cli:errors.optionArgumentMissing', { option: m[1] })],
    [/^error: required option '(.+)' not specified$/, (m) => t('cli:errors.requiredOption', { option: m[1] })],
    [
      /^error: too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      (m) => t('cli:errors.tooManyArguments', { expected: m[1], received: m[2] }),
    ],
    [
      /^error: option '(.+)' argument '(.*)' is invalid\.?.*$/,
      (m) => t('cli:errors.invalidArgument', { option: m[1], value: m[2] }),
    ],
  ];
  for (const [pattern, say] of patterns) {
    const m = pattern.exec(first);
    if (m) return `${say(m)}\n`;
  }
  return text;
}

/** Set before the commands are added: subcommands inherit help and output settings from the program. */
export function localiseCommander(program: Command, t: TFunction): void {
  const usage = t('cli:help.usage');
  program.configureHelp({
    styleTitle: (title) => (TITLES[title] ? t(TITLES[title]) : title),
    // Commander puts a space after "Usage:"; a full-width colon needs none.
    formatHelp: (cmd, helper) => {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      return usage.endsWith('：') && text.startsWith(`${usage} `) ? usage + text.slice(usage.length + 1) : text;
    },
  });
  program.helpOption('-h, --help', t('cli:help.helpOption'));
  program.helpCommand('help [command]', t('cli:help.helpCommand'));
  program.configureOutput({ outputError: (text, write) => write(translateCommanderError(text, t)) });
}
