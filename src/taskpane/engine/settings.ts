// The 设置 view's destination (async chunk): where 提交, 发布模板 and 汇总 go. Kind, URL, user, the Graph drive and
// its cloud are kept in localStorage (per user and computer, never in the workbook). The WebDAV password is asked once per
// session and kept in this module's memory only: never in localStorage, document settings, the queue or logs.
// Graph needs no password (tokens come from NAA or the sign-in dialog, also in memory only).
import { z } from 'zod';
import { checkDestination, type DestinationRefusal } from '../../app/destination';
import { GRAPH_CLOUDS } from '../../folders/graph-cloud';
import type { StorageLike } from '../../folders/queue-store';
import type { PaneHost } from '../host';
import type { DestinationSettings } from '../operations';

export const DESTINATION_KEY = 'target-sheets.destination';

const schema = z.object({
  kind: z.enum(['none', 'webdav', 'graph']),
  url: z.string().max(2000).default(''),
  user: z.string().max(256).default(''),
  drive: z.string().max(500).default(''),
  root: z.string().max(1000).default(''),
  clientId: z.string().max(100).default(''),
  // Settings saved before the cloud was a choice have none: they were for the global cloud.
  cloud: z.enum(GRAPH_CLOUDS).default('global'),
});

export const NO_DESTINATION: DestinationSettings = {
  kind: 'none',
  url: '',
  user: '',
  drive: '/me/drive',
  root: '',
  clientId: '',
  cloud: 'global',
};

function defaultStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): settings last for this session only.
    return null;
  }
}

let memorySettings: DestinationSettings | null = null;
let sessionPassword: string | null = null;

export function loadDestination(storage: StorageLike | null = defaultStorage()): DestinationSettings {
  let text: string | null;
  try {
    text = storage?.getItem(DESTINATION_KEY) ?? null;
  } catch {
    text = null;
  }
  if (text === null) return memorySettings ?? { ...NO_DESTINATION };
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? { ...NO_DESTINATION, ...parsed.data } : { ...NO_DESTINATION };
  } catch {
    return { ...NO_DESTINATION };
  }
}

/** Saves the destination; the password (when given) only goes to memory. */
export function saveDestination(
  settings: DestinationSettings,
  password: string | null,
  storage: StorageLike | null = defaultStorage(),
): void {
  const clean = schema.parse(settings);
  // Only the fields the schema knows are written: nothing else a caller passes (a password) can reach storage.
  const stored: DestinationSettings = {
    kind: clean.kind,
    url: clean.url.trim(),
    user: clean.user.trim(),
    drive: clean.drive.trim(),
    root: clean.root.trim(),
    clientId: clean.clientId.trim(),
    cloud: clean.cloud,
  };
  memorySettings = stored;
  try {
    storage?.setItem(DESTINATION_KEY, JSON.stringify(stored));
  } catch {
    // Kept in memory for this session.
  }
  if (password !== null) sessionPassword = password;
  if (stored.kind !== 'webdav') sessionPassword = null;
}

/**
 * 设置's 保存: the destination is checked first (src/app/destination.ts) and saved only when nothing is refused;
 * the refusals, field by field, come back for the view to show beside their fields. Nothing is stored otherwise.
 */
export function saveCheckedDestination(
  settings: DestinationSettings,
  password: string | null,
  host: PaneHost,
  storage: StorageLike | null = defaultStorage(),
): DestinationRefusal[] {
  const refusals = checkDestination(settings, host.kind);
  if (refusals.length === 0) saveDestination(settings, password, storage);
  return refusals;
}

export function getSessionPassword(): string | null {
  return sessionPassword;
}

export function setSessionPassword(password: string | null): void {
  sessionPassword = password;
}
