// The submission queue: pushes that could not be sent wait here until the user retries. Pure model; the storage
// is injected (localStorage in the task pane, a JSON file in the CLI), so the queue survives closing either.
import { sha256Hex } from '../hash/sha256';
import { base64ToBytes, bytesToBase64 } from './base64';
import { FolderError, type FolderIssue, isFolderError } from './errors';
import { type SharedFolder, normalisePath } from './folder';
import { type PushOptions, type PushReceipt, pushFile } from './push';

export interface QueueEntry {
  id: string;
  kind: 'template' | 'returned' | 'scoring';
  /** Path relative to the destination root. */
  target: string;
  /** Destination label (no credentials). */
  destination: string;
  fileName: string;
  size: number;
  sha256: string;
  /** The workbook bytes, base64, so a retry does not depend on the file still being open. */
  bytesBase64: string;
  createdAt: string;
  attempts: number;
  lastError?: FolderIssue;
}

/**
 * The queue entry for a push whose first attempt failed. Its id names the content, the destination and the target
 * together: the same file for another destination or under another name is another entry (SubmissionQueue.add
 * replaces an entry with the same id), the same push queued again replaces its earlier entry.
 */
export function queueEntryFor(input: {
  kind: QueueEntry['kind'];
  target: string;
  destination: string;
  fileName: string;
  bytes: Uint8Array;
  /** SHA-256 of `bytes` when the caller has it already. */
  sha256?: string;
  createdAt: Date;
  lastError: FolderIssue;
}): QueueEntry {
  const sha256 = (input.sha256 ?? sha256Hex(input.bytes)).toLowerCase();
  const id = sha256Hex(new TextEncoder().encode(`${sha256}\n${input.destination}\n${input.target}`)).slice(0, 24);
  return {
    id,
    kind: input.kind,
    target: input.target,
    destination: input.destination,
    fileName: input.fileName,
    size: input.bytes.length,
    sha256,
    bytesBase64: bytesToBase64(input.bytes),
    createdAt: input.createdAt.toISOString(),
    attempts: 1,
    lastError: input.lastError,
  };
}

export interface QueueStore {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

interface QueueFile {
  version: 1;
  entries: QueueEntry[];
}

export class SubmissionQueue {
  constructor(private readonly store: QueueStore) {}

  async list(): Promise<QueueEntry[]> {
    const text = await this.store.read();
    if (!text) return [];
    const data = JSON.parse(text) as Partial<QueueFile>;
    if (data.version !== 1 || !Array.isArray(data.entries))
      throw new FolderError('io-error', { detail: 'unreadable submission queue' });
    return data.entries;
  }

  private async save(entries: QueueEntry[]): Promise<void> {
    const file: QueueFile = { version: 1, entries };
    await this.store.write(JSON.stringify(file));
  }

  async add(entry: QueueEntry): Promise<void> {
    const entries = (await this.list()).filter((e) => e.id !== entry.id);
    entries.push(entry);
    await this.save(entries);
  }

  async recordFailure(id: string, issue: FolderIssue): Promise<void> {
    const entries = await this.list();
    for (const e of entries)
      if (e.id === id) {
        e.attempts += 1;
        e.lastError = issue;
      }
    await this.save(entries);
  }

  async remove(id: string): Promise<void> {
    await this.save((await this.list()).filter((e) => e.id !== id));
  }

  /**
   * Tries every waiting entry once with `send`; entries that succeed leave the queue, the others keep their
   * latest failure. Returns what happened to each.
   */
  async retryAll(
    send: (entry: QueueEntry, bytes: Uint8Array) => Promise<void>,
    toIssue: (e: unknown) => FolderIssue,
    select: (entry: QueueEntry) => boolean = () => true,
  ): Promise<{ id: string; ok: boolean; issue?: FolderIssue }[]> {
    const results: { id: string; ok: boolean; issue?: FolderIssue }[] = [];
    for (const entry of (await this.list()).filter(select)) {
      try {
        await send(entry, base64ToBytes(entry.bytesBase64));
        await this.remove(entry.id);
        results.push({ id: entry.id, ok: true });
      } catch (error) {
        const issue = toIssue(error);
        await this.recordFailure(entry.id, issue);
        results.push({ id: entry.id, ok: false, issue });
      }
    }
    return results;
  }
}

/**
 * Sends a queued submission again (the push algorithm, never overwriting). An earlier attempt may have arrived
 * although its answer was lost: then the file under the entry's name already exists, and it is ours when its size
 * and SHA-256 are the entry's (the name itself carries the time and the hash), so the retry succeeded: the receipt
 * says so (verified by reading it back, `pushedAt` when the retry confirmed it). Any other file under that name is
 * still already-exists.
 */
export async function sendQueued(
  folder: SharedFolder,
  entry: QueueEntry,
  bytes: Uint8Array,
  options: Omit<PushOptions, 'sha256'> = {},
): Promise<PushReceipt> {
  try {
    return await pushFile(folder, entry.target, bytes, { ...options, sha256: entry.sha256 });
  } catch (error) {
    if (!isFolderError(error) || error.code !== 'already-exists' || error.leftover !== undefined) throw error;
    const there = await folder.read(entry.target);
    if (there.length !== bytes.length || sha256Hex(there) !== entry.sha256.toLowerCase()) throw error;
    const receipt: PushReceipt = {
      path: normalisePath(entry.target),
      destination: folder.label,
      size: there.length,
      sha256: entry.sha256.toLowerCase(),
      pushedAt: (options.now ?? (() => new Date()))().toISOString(),
      verifiedBy: 'read-back',
    };
    options.onEvent?.({ type: 'done', receipt });
    return receipt;
  }
}
