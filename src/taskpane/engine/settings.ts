// The 设置 view's destination (async chunk): where 提交, 发布模板 and 汇总 go. Kind, URL, user, the Graph drive and
// its cloud are kept in localStorage (per user and computer, never in the workbook). The WebDAV password is asked once per
// session and kept in this module's memory only: never in localStorage, document settings, the queue or logs.
// Graph needs no password (tokens come from NAA or the sign-in dialog, also in memory only).
import { checkDestination, type DestinationRefusal } from '../../app/destination';
import { GRAPH_CLOUDS } from '../../folders/graph-cloud';
import type { StorageLike } from '../../folders/queue-store';
import type { PaneHost } from '../host';
import type { DestinationKind, DestinationSettings } from '../operations';

export const DESTINATION_KEY = 'target-sheets.destination';

const KINDS: readonly DestinationKind[] = ['none', 'webdav', 'graph'];
const MAX_LENGTH = { url: 2000, user: 256, drive: 500, root: 1000, clientId: 100 } as const;

/**
 * Stored settings as the pane takes them, or null: a known kind, each text a string within its length (missing:
 * empty), a known cloud (missing: global — settings saved before the cloud was a choice were for the global
 * cloud). Written out rather than with zod: this module loads with 生成 at start-up, where zod would weigh
 * 16–24 KB of gzip.
 */
function readSettings(value: unknown): DestinationSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!KINDS.includes(v.kind as DestinationKind)) return null;
  const texts = {} as Record<keyof typeof MAX_LENGTH, string>;
  for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
    const text = v[field] ?? '';
    if (typeof text !== 'string' || text.length > max) return null;
    texts[field] = text;
  }
  const cloud = v.cloud ?? 'global';
  if (!GRAPH_CLOUDS.includes(cloud as DestinationSettings['cloud'])) return null;
  return { kind: v.kind as DestinationKind, ...texts, cloud: cloud as DestinationSettings['cloud'] };
}

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
    return readSettings(JSON.parse(text)) ?? { ...NO_DESTINATION };
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
  const clean = readSettings(settings);
  if (!clean) throw new Error('saveDestination: settings out of their bounds');
  // Only the fields readSettings knows are written: nothing else a caller passes (a password) can reach storage.
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
