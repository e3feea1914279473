// Picks the adapter for a destination given on the command line: an http(s) URL is WebDAV, anything else a
// directory on disk. (Microsoft Graph needs a signed-in user: the task pane's job, see graph.ts.)
import type { SharedFolder } from '../core/folders/folder';
import { createDiskFolder } from './disk';
import { createWebDavFolder } from './webdav';

export interface OpenFolderOptions {
  username?: string;
  password?: string;
  timeoutMs?: number;
}

export function isUrlDestination(destination: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(destination);
}

export function openFolder(destination: string, options: OpenFolderOptions = {}): SharedFolder {
  if (isUrlDestination(destination)) {
    return createWebDavFolder({
      url: destination,
      username: options.username,
      password: options.password,
      timeoutMs: options.timeoutMs,
    });
  }
  return createDiskFolder(destination);
}
