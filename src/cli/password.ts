// Passwords reach the CLI only through an environment variable named on the command line (`--password-env VAR`,
// `--push-password-env VAR`), never as a flag value or from the code. One rule for every command: a named variable
// that is unset or empty is an error, said before anything is written or sent.
import type { TFunction } from '../i18n';

export class PasswordEnvError extends Error {
  constructor(readonly variable: string) {
    super(`the environment variable ${variable} is not set or is empty`);
    this.name = 'PasswordEnvError';
  }
}

/** The error in the user's words (one wording for every command). */
export function passwordEnvMessage(t: TFunction, error: PasswordEnvError): string {
  return t('folders:missingPassword', { name: error.variable });
}

/**
 * passwordFromEnv for a command that reports and exits: the password (undefined when no variable is named), or the
 * message saying which variable is unset or empty.
 */
export function passwordOrMessage(
  variable: string | undefined,
  t: TFunction,
  env: NodeJS.ProcessEnv = process.env,
): { password?: string } | { message: string } {
  try {
    return { password: passwordFromEnv(variable, env) };
  } catch (error) {
    if (error instanceof PasswordEnvError) return { message: passwordEnvMessage(t, error) };
    throw error;
  }
}

/** The password in `variable`; undefined when no variable is named. Throws PasswordEnvError when unset or empty. */
export function passwordFromEnv(
  variable: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!variable) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') throw new PasswordEnvError(variable);
  return value;
}
