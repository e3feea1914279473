// lighttpd as a WebDAV server for tests (Debian lighttpd + lighttpd-mod-webdav): mod_webdav with writes enabled,
// basic auth from the same htpasswd file as Apache's, its own config in a temporary folder on 127.0.0.1 and a free
// port (`lighttpd -D -f CONFIG`, never the service Debian's package may have started), stopped by its pid file.
// It drops to www-data, which owns the served folder, its upload folder and its log folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeHtpasswd } from './apache';
import { freePort, readIfExists, requireFiles, systemUser, waitForPort } from './server-process';

export const LIGHTTPD_BIN = process.env.LIGHTTPD_BIN ?? '/usr/sbin/lighttpd';
export const LIGHTTPD_MODULES = process.env.LIGHTTPD_MODDIR ?? '/usr/lib/lighttpd';

export interface LighttpdServer {
  url: string;
  root: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function startLighttpd(options: { user?: string; password?: string } = {}): Promise<LighttpdServer> {
  requireFiles('lighttpd WebDAV', 'lighttpd lighttpd-mod-webdav', [
    LIGHTTPD_BIN,
    path.join(LIGHTTPD_MODULES, 'mod_webdav.so'),
    path.join(LIGHTTPD_MODULES, 'mod_authn_file.so'),
  ]);
  const user = options.user ?? 'unit';
  const password = options.password ?? 'secret-密码-1';
  const port = await freePort();
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-lighttpd-'));
  chmodSync(base, 0o755);
  const root = path.join(base, 'share');
  const upload = path.join(base, 'upload');
  const logs = path.join(base, 'log');
  const run = path.join(base, 'run');
  for (const d of [root, upload, logs, run]) mkdirSync(d);
  const { uid, gid } = systemUser('www-data');
  for (const d of [root, upload, logs]) chownSync(d, uid, gid);
  const htpasswd = path.join(base, 'htpasswd');
  writeHtpasswd(htpasswd, user, password);
  const pidFile = path.join(run, 'lighttpd.pid');
  const errorLog = path.join(logs, 'error.log');
  const conf = path.join(base, 'lighttpd.conf');
  writeFileSync(
    conf,
    `server.document-root = "${root}"
server.bind = "127.0.0.1"
server.port = ${port}
server.pid-file = "${pidFile}"
server.errorlog = "${errorLog}"
server.username = "www-data"
server.groupname = "www-data"
server.upload-dirs = ( "${upload}" )
server.modules = ( "mod_auth", "mod_authn_file", "mod_webdav" )
webdav.activate = "enable"
webdav.is-readonly = "disable"
auth.backend = "htpasswd"
auth.backend.htpasswd.userfile = "${htpasswd}"
auth.require = ( "/" => ( "method" => "basic", "realm" => "Target Sheets test share", "require" => "valid-user" ) )
`,
  );
  const child: ChildProcess = spawn(LIGHTTPD_BIN, ['-D', '-f', conf, '-m', LIGHTTPD_MODULES], {
    detached: true,
    stdio: 'ignore',
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : child.pid;
      try {
        process.kill(pid as number, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await exited;
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForPort('lighttpd', port, child, () => readIfExists(errorLog));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/`, root, user, password, stop };
}
