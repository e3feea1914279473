// A real WebDAV server for tests: Apache httpd (Debian apache2-bin) with mod_dav_fs, started with its own config
// in a temporary folder on 127.0.0.1 and a free port, basic auth from an htpasswd file (apache2-utils), and CORS
// headers for one browser origin, set up the way a real deployment of the task pane would configure them.
// Apache refuses to serve as root, so its workers run as www-data, which owns the served folder.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const APACHE_BIN = process.env.APACHE_BIN ?? '/usr/sbin/apache2';
export const APACHE_MODULES = process.env.APACHE_MODDIR ?? '/usr/lib/apache2/modules';
const HTPASSWD = '/usr/bin/htpasswd';
const MODULES = [
  'mpm_event',
  'authz_core',
  'authn_core',
  'authn_file',
  'auth_basic',
  'authz_user',
  'dav',
  'dav_fs',
  'headers',
  'setenvif',
];

/** Fails (never skips) when Apache is not installed, naming the Debian packages to install. */
export function requireApache(): void {
  const missing = [APACHE_BIN, HTPASSWD, ...MODULES.map((m) => path.join(APACHE_MODULES, `mod_${m}.so`))].filter(
    (f) => !existsSync(f),
  );
  if (missing.length > 0) {
    throw new Error(
      `Apache WebDAV is needed for this test (apt-get install apache2-bin apache2-utils); missing: ${missing.join(', ')}`,
    );
  }
}

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

async function waitForPort(port: number, timeoutMs: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apache exited with ${child.exitCode}: ${readIfExists(log)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`apache did not answer on 127.0.0.1:${port}: ${readIfExists(log)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
}

function wwwData(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'www-data']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'www-data']).toString().trim()),
  };
}

export interface ApacheOptions {
  user?: string;
  password?: string;
  /** The browser origin allowed by CORS (the task pane's), e.g. http://127.0.0.1:3000. */
  corsOrigin?: string;
  /** Mount a tiny tmpfs (64 KiB) at `<root>/full` so a PUT there fills the disk and mod_dav answers 507. */
  fullDisk?: boolean;
}

export interface ApacheServer {
  url: string;
  port: number;
  /** The served directory on disk (www-data owns it). */
  root: string;
  user: string;
  password: string;
  /** Whether a real full file system is mounted at <root>/full. */
  fullDiskMounted: boolean;
  /** Kills Apache and its workers at once (SIGKILL to its process group), as a crash or power cut would. */
  kill(): Promise<void>;
  /** Starts it again with the same configuration, port and files. */
  start(): Promise<void>;
  /** Stops Apache and deletes its files. */
  stop(): Promise<void>;
}

export async function startApache(options: ApacheOptions = {}): Promise<ApacheServer> {
  requireApache();
  const user = options.user ?? 'unit';
  const password = options.password ?? 'secret-密码-1';
  const port = await freePort();
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-apache-'));
  chmodSync(base, 0o755);
  const root = path.join(base, 'share');
  const lock = path.join(base, 'lock');
  const run = path.join(base, 'run');
  for (const d of [root, lock, run]) mkdirSync(d);
  const { uid, gid } = wwwData();
  chownSync(root, uid, gid);
  chownSync(lock, uid, gid);
  const htpasswd = path.join(base, 'htpasswd');
  execFileSync(HTPASSWD, ['-Bbc', htpasswd, user, password], { stdio: 'ignore' });
  chmodSync(htpasswd, 0o644);

  let fullDiskMounted = false;
  if (options.fullDisk) {
    const full = path.join(root, 'full');
    mkdirSync(full);
    try {
      // TS_TEST_NO_MOUNT=1 behaves like a container where mounting is not allowed (to check the fallback).
      if (process.env.TS_TEST_NO_MOUNT === '1') throw new Error('mount disabled');
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=64k,uid=${uid},gid=${gid},mode=0755`, 'tmpfs', full], {
        stdio: 'pipe',
      });
      fullDiskMounted = true;
    } catch {
      chownSync(full, uid, gid);
    }
  }

  const origin = options.corsOrigin ?? '';
  const originRe = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const conf = path.join(base, 'httpd.conf');
  const errorLog = path.join(base, 'error.log');
  writeFileSync(
    conf,
    `ServerRoot "${base}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile "${run}/httpd.pid"
DefaultRuntimeDir "${run}"
Mutex file:${run} default
ErrorLog "${errorLog}"
LogLevel warn
User www-data
Group www-data
${MODULES.map((m) => `LoadModule ${m}_module "${path.join(APACHE_MODULES, `mod_${m}.so`)}"`).join('\n')}
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
Timeout 20
KeepAlive On
DAVLockDB "${lock}/DAVLock"
DocumentRoot "${root}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "${root}">
    Dav On
    Options None
    AllowOverride None
    AuthType Basic
    AuthName "Target Sheets test share"
    AuthBasicProvider file
    AuthUserFile "${htpasswd}"
    # A CORS preflight carries no credentials: OPTIONS is open, everything else needs the login.
    <LimitExcept OPTIONS>
        Require valid-user
    </LimitExcept>
</Directory>
${
  origin
    ? `SetEnvIf Origin "^${originRe}$" CORS_ORIGIN_OK
Header always set Access-Control-Allow-Origin "${origin}" env=CORS_ORIGIN_OK
Header always set Access-Control-Allow-Methods "GET, HEAD, PUT, DELETE, MKCOL, MOVE, COPY, PROPFIND, OPTIONS" env=CORS_ORIGIN_OK
Header always set Access-Control-Allow-Headers "Authorization, Content-Type, Depth, Destination, Overwrite, If-None-Match, If-Match, Accept" env=CORS_ORIGIN_OK
Header always set Access-Control-Expose-Headers "ETag, Content-Length, DAV, Retry-After" env=CORS_ORIGIN_OK
Header always set Access-Control-Max-Age "600" env=CORS_ORIGIN_OK
Header always merge Vary "Origin"`
    : ''
}
`,
  );

  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    // Its own process group, so kill() reaches the workers too.
    child = spawn(APACHE_BIN, ['-f', conf, '-DFOREGROUND'], { detached: true, stdio: 'ignore' });
    await waitForPort(port, 15000, child, errorLog);
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    try {
      process.kill(-(c.pid as number), 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
    child = null;
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    root,
    user,
    password,
    fullDiskMounted,
    kill,
    start,
    stop: async () => {
      await kill();
      if (fullDiskMounted) execFileSync('umount', [path.join(root, 'full')]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
