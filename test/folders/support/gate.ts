// Two pushes "at once", made to really overlap without a sleep: a gate that every push must reach before any goes
// on, placed in front of the folder's move, so both have written and verified their file before either moves it.
import type { SharedFolder } from '../../../src/core/folders/folder';

/** `parties` callers wait at arrive() until all have come; open() lets everyone through (a push that failed early). */
export function gate(parties: number): { arrive: () => Promise<void>; open: () => void } {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    arrive: async () => {
      if (++arrived >= parties) open();
      await opened;
    },
    open: () => open(),
  };
}

/** The folder, with every move waiting at the gate first. */
export function movingAfter(folder: SharedFolder, arrive: () => Promise<void>): SharedFolder {
  return {
    label: folder.label,
    atomicCreate: folder.atomicCreate,
    exists: (p) => folder.exists(p),
    stat: (p) => folder.stat(p),
    list: (p) => folder.list(p),
    mkdirp: (p) => folder.mkdirp(p),
    createExclusive: (p, b) => folder.createExclusive(p, b),
    move: async (from, to, options) => {
      await arrive();
      return folder.move(from, to, options);
    },
    read: (p) => folder.read(p),
    remove: (p) => folder.remove(p),
  };
}
