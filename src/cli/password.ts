// Passwords reach the CLI only through an environment variable named on the command line (`--password-env VAR`,
// `--push-password-env VAR`), never as a flag value or from the code. One rule for every command: a named variable
// that is unset or empty is an error, said before anything is written or sent.
import { cliTranslator } from './lang';

export class PasswordEnvError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'PasswordEnvError';
  }
}

/**
 * passwordFromEnv for a command that reports and exits: the password (undefined when no variable is named), or the
 * message saying which variable is unset or empty.
 */
export function passwordOrMessage(variable: string | undefined, lang?: string, env: NodeJS.ProcessEnv = process.env): { password?: string } | { message: string } {
  try {
    return { password: passwordFromEnv(variable, lang, env) };
  } catch (error) {
    if (error instanceof PasswordEnvError) return { message: error.message };
    throw error;
  }
}

/** The password in `variable`; undefined when no variable is named. Throws PasswordEnvError (in `lang`) when unset or empty. */
export function passwordFromEnv(variable: string | undefined, lang?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!variable) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') throw new PasswordEnvError(variable, cliTranslator(lang)('folders:missingPassword', { name: variable }));
  return value;
}
