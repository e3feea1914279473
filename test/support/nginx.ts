// nginx as a WebDAV server for tests (Debian nginx-light + libnginx-mod-http-dav-ext): the core dav module for
// PUT / DELETE / MKCOL / COPY / MOVE, dav-ext for PROPFIND and OPTIONS, basic auth from the same htpasswd file
// as Apache's. Its own instance, `nginx -c CONFIG` in the foreground on 127.0.0.1 and a free port, with every
// path (pid file, logs, request-body and other temporary folders) in a temporary folder — never the service
// Debian's package may have started on port 80. Stopped by its pid file. Workers run as `nobody`, which owns the
// served folder and the request-body folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeHtpasswd } from './apache';
import { freePort, readIfExists, requireFiles, systemUser, waitForPort } from './server-process';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const NGINX_DAV_EXT = process.env.NGINX_DAV_EXT ?? '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so';

export interface NginxServer {
  url: string;
  root: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function startNginx(options: { user?: string; password?: string } = {}): Promise<NginxServer> {
  requireFiles('nginx WebDAV', 'nginx-light libnginx-mod-http-dav-ext', [NGINX_BIN, NGINX_DAV_EXT]);
  const user = options.user ?? 'unit';
  const password = options.password ?? 'secret-密码-1';
  const port = await freePort();
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-nginx-'));
  chmodSync(base, 0o755);
  const root = path.join(base, 'share');
  const body = path.join(base, 'body');
  const run = path.join(base, 'run');
  for (const d of [root, body, run]) mkdirSync(d);
  const { uid, gid } = systemUser('nobody');
  chownSync(root, uid, gid);
  chownSync(body, uid, gid);
  const htpasswd = path.join(base, 'htpasswd');
  writeHtpasswd(htpasswd, user, password);
  const pidFile = path.join(run, 'nginx.pid');
  const errorLog = path.join(base, 'error.log');
  const conf = path.join(base, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process on;
worker_processes 2;
user nobody nogroup;
pid ${pidFile};
error_log ${errorLog} warn;
load_module ${NGINX_DAV_EXT};
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${body};
  proxy_temp_path ${body}/proxy;
  fastcgi_temp_path ${body}/fastcgi;
  uwsgi_temp_path ${body}/uwsgi;
  scgi_temp_path ${body}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      dav_ext_methods PROPFIND OPTIONS;
      dav_access user:rw group:r all:r;
      client_max_body_size 0;
      auth_basic "Target Sheets test share";
      auth_basic_user_file ${htpasswd};
    }
  }
}
`,
  );
  // -e: nginx opens its default error log before reading the config; keep that one in the folder too.
  const child: ChildProcess = spawn(NGINX_BIN, ['-c', conf, '-e', errorLog], { detached: true, stdio: 'ignore' });
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
    await waitForPort('nginx', port, child, () => readIfExists(errorLog));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/`, root, user, password, stop };
}
