// Where the submission queue lives in the task pane: localStorage (survives closing the pane). Browser-safe.
import type { QueueStore } from '../core/folders/queue';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function localStorageQueueStore(storage: StorageLike, key = 'target-sheets.submission-queue'): QueueStore {
  return {
    read: async () => storage.getItem(key),
    // localStorage holds ~5 MB per origin: a failed write (quota) must surface, not lose the submission silently.
    write: async (text) => {
      storage.setItem(key, text);
    },
  };
}
