// The push algorithm, the same for every destination:
//   mkdirp → refuse if the final name exists → create-exclusive a hidden temporary file → verify size and
//   SHA-256 (server hash where trustworthy, else read back) → move to the final name without overwrite.
// Readers never see a partial file, nothing is ever replaced, and a temporary file left by a failure is removed
// or reported (FolderError.leftover).
import { sha256Hex } from '../hash/sha256';
import { FolderError, isFolderError } from './errors';
import { type SharedFolder, dirname, normalisePath } from './folder';
import { tempPathFor } from './layout';
import { DEFAULT_RETRY, type RetryEnv, type RetryPolicy, realRetryEnv, withRetry } from './retry';

export type PushStep = 'mkdir' | 'upload' | 'verify' | 'move' | 'cleanup';

export type PushEvent =
  | { type: 'step'; step: PushStep; path: string }
  | { type: 'retry'; step: PushStep; attempt: number; delayMs: number; code: string }
  | { type: 'done'; receipt: PushReceipt };

export interface PushReceipt {
  /** Where the file now is, relative to the folder root. */
  path: string;
  /** The folder's label (URL or directory, never credentials). */
  destination: string;
  size: number;
  sha256: string;
  pushedAt: string;
  /** How the content was checked: read back, or the server's own SHA-256. */
  verifiedBy: 'read-back' | 'server-hash';
}

export interface PushOptions {
  sha256?: string;
  onEvent?: (event: PushEvent) => void;
  retry?: RetryPolicy;
  retryEnv?: RetryEnv;
  now?: () => Date;
  /** Random suffix for the temporary name (injected in tests). */
  randomId?: () => string;
}

function defaultRandomId(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

/**
 * Pushes `content` to `target`. `content` may be a function that produces the bytes: it is called only once the
 * target is known not to exist, so a clash costs neither an upload nor the work of making the file.
 */
export async function pushFile(
  folder: SharedFolder,
  target: string,
  content: Uint8Array | (() => Promise<Uint8Array>),
  options: PushOptions = {},
): Promise<PushReceipt> {
  const finalPath = normalisePath(target);
  const emit = options.onEvent ?? (() => {});
  const policy = options.retry ?? DEFAULT_RETRY;
  const env = options.retryEnv ?? realRetryEnv;
  const retrying = <T>(step: PushStep, op: (attempt: number) => Promise<T>): Promise<T> =>
    withRetry(op, policy, env, (n) =>
      emit({
        type: 'retry',
        step,
        attempt: n.attempt,
        delayMs: n.delayMs,
        code: isFolderError(n.error) ? n.error.code : 'unexpected',
      }),
    );

  const dir = dirname(finalPath);
  if (dir) {
    emit({ type: 'step', step: 'mkdir', path: dir });
    await retrying('mkdir', () => folder.mkdirp(dir));
  }
  // Checked first so a clash costs no upload; the create/move below still refuse to overwrite on their own.
  if (await retrying('upload', () => folder.exists(finalPath))) {
    throw new FolderError('already-exists', { path: finalPath, status: 412 });
  }
  const bytes = typeof content === 'function' ? await content() : content;
  const sha256 = (options.sha256 ?? sha256Hex(bytes)).toLowerCase();

  const uploadPath = folder.atomicCreate ? finalPath : tempPathFor(finalPath, (options.randomId ?? defaultRandomId)());
  let created = false;
  let uploadStarted = false;
  try {
    emit({ type: 'step', step: 'upload', path: uploadPath });
    uploadStarted = true;
    const stored = await retrying('upload', async (attempt) => {
      try {
        const result = await folder.createExclusive(uploadPath, bytes);
        created = true;
        return result;
      } catch (error) {
        // A retried create of our own random temporary name that now "exists" means the earlier attempt landed
        // after all; verification below decides whether it is complete.
        if (attempt > 1 && !folder.atomicCreate && isFolderError(error) && error.code === 'already-exists') {
          created = true;
          return {};
        }
        throw error;
      }
    });

    emit({ type: 'step', step: 'verify', path: uploadPath });
    let verifiedBy: PushReceipt['verifiedBy'];
    if (stored.sha256 !== undefined && stored.size !== undefined) {
      verifiedBy = 'server-hash';
      if (stored.size !== bytes.length || stored.sha256.toLowerCase() !== sha256) {
        throw new FolderError('verify-mismatch', {
          path: uploadPath,
          detail: `size ${stored.size}/${bytes.length}, sha256 ${stored.sha256.slice(0, 12)}…`,
        });
      }
    } else {
      verifiedBy = 'read-back';
      const back = await retrying('verify', () => folder.read(uploadPath));
      const backHash = sha256Hex(back);
      if (back.length !== bytes.length || backHash !== sha256) {
        throw new FolderError('verify-mismatch', {
          path: uploadPath,
          detail: `size ${back.length}/${bytes.length}, sha256 ${backHash.slice(0, 12)}…`,
        });
      }
    }

    if (!folder.atomicCreate) {
      emit({ type: 'step', step: 'move', path: finalPath });
      await retrying('move', async (attempt) => {
        try {
          await folder.move(uploadPath, finalPath, { overwrite: false });
        } catch (error) {
          // A retried MOVE whose first attempt went through: the temp is gone and the final file is ours.
          if (
            attempt > 1 &&
            isFolderError(error) &&
            (error.code === 'not-found' || error.code === 'already-exists') &&
            !(await folder.exists(uploadPath)) &&
            sha256Hex(await folder.read(finalPath)) === sha256
          )
            return;
          throw error;
        }
      });
      created = false; // the temporary name no longer exists
    }

    const receipt: PushReceipt = {
      path: finalPath,
      destination: folder.label,
      size: bytes.length,
      sha256,
      pushedAt: (options.now ?? (() => new Date()))().toISOString(),
      verifiedBy,
    };
    emit({ type: 'done', receipt });
    return receipt;
  } catch (error) {
    // Remove what we created (the temp file, or for atomic destinations a final file that failed verification).
    // Atomic destinations: only a file we created ourselves is ever removed (never a clash at the final name).
    // Temporary names are random, so removing one can never touch anybody else's file.
    const refusedOutright = isFolderError(error) && ['already-exists', 'auth-failed', 'forbidden'].includes(error.code);
    const mayHaveLeft = created || (uploadStarted && !folder.atomicCreate && !refusedOutright);
    const cleanupTarget = mayHaveLeft ? uploadPath : undefined;
    if (cleanupTarget !== undefined) {
      emit({ type: 'step', step: 'cleanup', path: cleanupTarget });
      let left = false;
      try {
        if (await folder.exists(cleanupTarget)) {
          await folder.remove(cleanupTarget);
        }
      } catch {
        left = true;
      }
      if (left) {
        const wrapped = isFolderError(error)
          ? error
          : new FolderError('http-error', { path: finalPath, cause: error, detail: String(error) });
        wrapped.leftover = cleanupTarget;
        throw wrapped;
      }
    }
    throw error;
  }
}

/** Where a pushed file now is, in full: the destination's label and the file's path under it. */
export function receiptLocation(receipt: Pick<PushReceipt, 'destination' | 'path'>): string {
  return receipt.destination.endsWith('/')
    ? `${receipt.destination}${receipt.path}`
    : `${receipt.destination}/${receipt.path}`;
}

/** What a workbook records about a push it made (no credentials: the destination label is already clean). */
export interface PushRecord {
  destination: string;
  path: string;
  pushedAt: string;
  sha256: string;
  size: number;
}

export function pushRecord(receipt: PushReceipt): PushRecord {
  return {
    destination: receipt.destination,
    path: receipt.path,
    pushedAt: receipt.pushedAt,
    sha256: receipt.sha256,
    size: receipt.size,
  };
}

/** A URL for messages: user info, query and fragment dropped (they may hold credentials or tokens). */
export function redactUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^?#]*)/i.exec(url);
  return match ? `${match[1]}${match[2]}` : url;
}
