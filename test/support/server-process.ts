// What every real server the tests start has in common: a free port on 127.0.0.1, a check that the Debian
// packages are installed (a missing one fails the test and names the package, never skips it), waiting until the
// port answers (polling the socket, bounded; the server's own log in the error), and the ids of the system user
// its workers run as (Apache, nginx and lighttpd refuse to serve, or should not serve, as root).
import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Throws, naming the Debian packages, when any of `files` is missing. */
export function requireFiles(what: string, packages: string, files: readonly string[]): void {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`${what} is needed for this test (apt-get install ${packages}); missing: ${missing.join(', ')}`);
  }
}

export function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
}

/** Resolves once 127.0.0.1:port accepts a connection; fails early if the process exits, with its log. */
export async function waitForPort(
  name: string,
  port: number,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 15000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} did not answer on 127.0.0.1:${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** uid and gid of a system user (www-data, nobody). */
export function systemUser(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', name]).toString().trim()),
  };
}

/** Sends SIGKILL to a process group (the server and its workers) and waits for the leader to exit. */
export async function killGroup(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    /* already gone */
  }
  await exited;
}

/** Sends SIGTERM to a process group and waits for the leader to exit (a clean stop: pid files and sockets go). */
export async function stopGroup(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-(child.pid as number), 'SIGTERM');
  } catch {
    /* already gone */
  }
  await exited;
}
