// A real WebDAV server for tests: Apache httpd (Debian apache2-bin) with mod_dav_fs, started with its own config
// in a temporary folder on 127.0.0.1 and a free port, basic auth from an htpasswd file (apache2-utils), and CORS
// headers for one browser origin, set up the way a real deployment of the task pane would configure them.
// Optionally over HTTPS (mod_ssl) with a certificate from an authority the test makes (test/support/tls.ts).
// Apache refuses to serve as root, so its workers run as www-data, which owns the served folder.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, killGroup, readIfExists, requireFiles, systemUser, waitForPort } from './server-process';
import { makeCertificate, type TestCertificate } from './tls';

export { freePort } from './server-process';

export const APACHE_BIN = process.env.APACHE_BIN ?? '/usr/sbin/apache2';
export const APACHE_MODULES = process.env.APACHE_MODDIR ?? '/usr/lib/apache2/modules';
export const HTPASSWD = '/usr/bin/htpasswd';
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
const TLS_MODULES = ['ssl', 'socache_shmcb'];

/** Fails (never skips) when Apache is not installed, naming the Debian packages to install. */
export function requireApache(modules: readonly string[] = MODULES): void {
  requireFiles('Apache WebDAV', 'apache2-bin apache2-utils', [
    APACHE_BIN,
    HTPASSWD,
    ...modules.map((m) => path.join(APACHE_MODULES, `mod_${m}.so`)),
  ]);
}

/** A bcrypt htpasswd file with one user (apache2-utils); nginx, lighttpd and rclone read the same format. */
export function writeHtpasswd(file: string, user: string, password: string): void {
  requireFiles('htpasswd', 'apache2-utils', [HTPASSWD]);
  execFileSync(HTPASSWD, ['-Bbc', file, user, password], { stdio: 'ignore' });
  chmodSync(file, 0o644);
}

export interface ApacheOptions {
  user?: string;
  password?: string;
  /** The browser origin allowed by CORS (the task pane's), e.g. http://127.0.0.1:3000. */
  corsOrigin?: string;
  /** Serve https:// with a certificate signed by an authority made for this server (see `certificate`). */
  tls?: boolean;
}

export interface ApacheServer {
  url: string;
  port: number;
  /** The served directory on disk (www-data owns it). */
  root: string;
  user: string;
  password: string;
  /** With `tls`: the authority a client must trust, and the server's certificate. */
  certificate?: TestCertificate;
  /** Kills Apache and its workers at once (SIGKILL to its process group), as a crash or power cut would. */
  kill(): Promise<void>;
  /** Starts it again with the same configuration, port and files. */
  start(): Promise<void>;
  /** Stops Apache and deletes its files. */
  stop(): Promise<void>;
}

export async function startApache(options: ApacheOptions = {}): Promise<ApacheServer> {
  const modules = options.tls ? [...MODULES, ...TLS_MODULES] : MODULES;
  requireApache(modules);
  const user = options.user ?? 'unit';
  const password = options.password ?? 'secret-密码-1';
  const port = await freePort();
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-apache-'));
  chmodSync(base, 0o755);
  const root = path.join(base, 'share');
  const lock = path.join(base, 'lock');
  const run = path.join(base, 'run');
  for (const d of [root, lock, run]) mkdirSync(d);
  const { uid, gid } = systemUser('www-data');
  chownSync(root, uid, gid);
  chownSync(lock, uid, gid);
  const htpasswd = path.join(base, 'htpasswd');
  writeHtpasswd(htpasswd, user, password);

  const certificate = options.tls ? makeCertificate(base) : undefined;

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
${modules.map((m) => `LoadModule ${m}_module "${path.join(APACHE_MODULES, `mod_${m}.so`)}"`).join('\n')}
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
Timeout 20
KeepAlive On
${
  certificate
    ? `SSLEngine on
SSLCertificateFile "${certificate.certFile}"
SSLCertificateKeyFile "${certificate.keyFile}"
SSLSessionCache "shmcb:${run}/ssl_scache(65536)"`
    : ''
}
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
    const c = spawn(APACHE_BIN, ['-f', conf, '-DFOREGROUND'], { detached: true, stdio: 'ignore' });
    child = c;
    await waitForPort('apache', port, c, () => readIfExists(errorLog));
  };
  const kill = async (): Promise<void> => {
    await killGroup(child);
    child = null;
  };
  try {
    await start();
  } catch (error) {
    await kill();
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}/`,
    port,
    root,
    user,
    password,
    certificate,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
