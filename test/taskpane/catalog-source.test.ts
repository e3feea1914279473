// The catalog a view works on follows the user's latest request: a load that finishes after a newer one (the
// embedded catalog resolving after the user opened a file) is ignored instead of replacing the newer catalog.
import type { Catalog } from '../../src/core/catalog/model';
import { catalogLoader, type CatalogSource } from '../../src/taskpane/views/use-catalog-source';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const embedded = { year: 2019, source: 'embedded' } as unknown as Catalog;
const opened = { year: 2020, source: 'opened.docx' } as unknown as Catalog;
const t = ((key: string) => key) as never;
const flush = () => new Promise((resolve) => setImmediate(resolve));

function recorder() {
  const states: CatalogSource[] = [];
  return { states, loader: catalogLoader((source) => states.push(source)), last: () => states[states.length - 1]! };
}

/** Two loads under way: the embedded catalog first, then a file the user opened. */
function twoLoads() {
  const r = recorder();
  const first = deferred<Catalog>();
  const second = deferred<Catalog>();
  r.loader.settle(first.promise, () => () => 'embedded');
  r.loader.settle(second.promise, () => () => 'opened.docx');
  return { ...r, first, second };
}

test('an older load resolving after a newer one does not replace its catalog', async () => {
  const { first, second, last } = twoLoads();
  second.resolve(opened);
  await flush();
  first.resolve(embedded);
  await flush();
  const source = last();
  expect(source.kind).toBe('ready');
  expect(source.kind === 'ready' && source.catalog).toBe(opened);
  expect(source.kind === 'ready' && source.label(t)).toBe('opened.docx');
});

test('an older load failing late neither replaces the newer catalog nor shows its error', async () => {
  const { first, second, states, last } = twoLoads();
  second.resolve(opened);
  await flush();
  first.reject(new Error('late'));
  await flush();
  expect(last()).toMatchObject({ kind: 'ready', catalog: opened });
  expect(states.some((s) => s.kind === 'failed')).toBe(false);
});

test('a newer load still pending keeps "loading" when an older one finishes', async () => {
  const { first, second, last } = twoLoads();
  first.resolve(embedded);
  await flush();
  expect(last()).toEqual({ kind: 'loading' });
  second.resolve(opened);
  await flush();
  expect(last()).toMatchObject({ kind: 'ready', catalog: opened });
});

test('a taken catalog is not replaced by a load still under way, and nothing lands after cancel', async () => {
  const { states, loader, last } = recorder();
  const load = deferred<Catalog>();
  loader.settle(load.promise, () => () => 'embedded');
  loader.take(opened, '目标总表');
  load.resolve(embedded);
  await flush();
  expect(last()).toMatchObject({ kind: 'ready', catalog: opened });

  const later = deferred<Catalog>();
  loader.settle(later.promise, () => () => 'embedded');
  const count = states.length;
  loader.cancel();
  later.resolve(embedded);
  await flush();
  expect(states).toHaveLength(count);
});

test('the one load of a view settles as before: ready, or failed with the error itself', async () => {
  const ok = recorder();
  ok.loader.settle(Promise.resolve(embedded), (catalog) => () => `year ${catalog.year}`);
  await flush();
  expect(ok.states.map((s) => s.kind)).toEqual(['loading', 'ready']);
  const ready = ok.last();
  expect(ready.kind === 'ready' && ready.label(t)).toBe('year 2019');
  const bad = recorder();
  const error = new Error('unreadable');
  bad.loader.settle(Promise.reject(error), () => () => 'x');
  await flush();
  expect(bad.last()).toEqual({ kind: 'failed', error });
});
