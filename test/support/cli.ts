// Runs the CLI in process (the same `main` the bin calls) and captures what it prints and its exit code; or the
// installed command itself (bin/target-sheets.cjs, the bundle) in a child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/main';

/** The installed command: the bundled CLI that npm's bin entry runs. */
export const BIN = path.join(__dirname, '../../bin/target-sheets.cjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'target-sheets', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

/**
 * Runs the installed command (`node bin/target-sheets.cjs ARGS`) with `env` (default: this process's) and returns
 * its exit code and output, whatever the code: the test asserts the code it expects.
 */
export function installedCli(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env,
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  // A signal (no code) is never a CLI result.
  if (result.status === null) throw new Error(`the installed command was killed (${result.signal}): ${result.stderr}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
