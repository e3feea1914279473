// The submission queue for the CLI: a JSON file, replaced atomically (write a temporary file, then rename).
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import type { QueueStore } from '../core/folders/queue';

export function jsonFileQueueStore(file: string): QueueStore {
  return {
    read: async () => {
      try {
        return await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write: async (text) => {
      await fs.mkdir(nodePath.dirname(nodePath.resolve(file)), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, text, { mode: 0o600 });
      await fs.rename(temp, file);
    },
  };
}
