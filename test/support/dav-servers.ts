// The four WebDAV servers the push is tested against, behind one starter. What each does with a create-only PUT
// and a no-overwrite MOVE onto an existing file (checked by test/folders/servers.test.ts):
//   apache (apache2-bin)          PUT If-None-Match: * → 412, MOVE Overwrite: F → 412
//   nginx (nginx-light + dav-ext) PUT If-None-Match: * → overwrites (201/204), MOVE Overwrite: F → 412
//   lighttpd (lighttpd-mod-webdav) PUT If-None-Match: * → 412, MOVE Overwrite: F → 412
//   rclone serve webdav (rclone)  PUT If-None-Match: * → overwrites (201), MOVE Overwrite: F → 412
import { startApache } from './apache';
import { startLighttpd } from './lighttpd';
import { startNginx } from './nginx';
import { startRcloneWebDav } from './rclone';

export const DAV_SERVERS = ['apache', 'nginx', 'lighttpd', 'rclone'] as const;
export type DavServerKind = (typeof DAV_SERVERS)[number];

export interface DavServer {
  kind: DavServerKind;
  url: string;
  /** The served folder on disk. */
  root: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function startDavServer(
  kind: DavServerKind,
  options: { user?: string; password?: string } = {},
): Promise<DavServer> {
  const server =
    kind === 'apache'
      ? await startApache(options)
      : kind === 'nginx'
        ? await startNginx(options)
        : kind === 'lighttpd'
          ? await startLighttpd(options)
          : await startRcloneWebDav(options);
  return { kind, url: server.url, root: server.root, user: server.user, password: server.password, stop: server.stop };
}
