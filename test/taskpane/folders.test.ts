// 提交 / 发布模板 / the waiting queue / 汇总, as the pane runs them (engine/folders.ts, engine/collect.ts), against
// the real Apache WebDAV server of test/support/apache.ts. Only the Office host is absent: the Excel path's live
// check is given as the report the check operation would return.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { SharedFolder } from '../../src/core/folders/folder';
import type { PushRecord } from '../../src/core/folders/push';
import { createWebDavFolder } from '../../src/folders/webdav';
import { localStorageQueueStore } from '../../src/folders/queue-store';
import { collectIntoPane, summaryFileName } from '../../src/taskpane/engine/collect';
import {
  type FolderDeps,
  listQueued,
  publishTemplates,
  retryQueued,
  submitBytes,
} from '../../src/taskpane/engine/folders';
import { NO_DESTINATION } from '../../src/taskpane/engine/settings';
import type { DestinationSettings, PaneReport, SubmitRequest, SubmitStep } from '../../src/taskpane/operations';
import { createTranslator } from '../../src/i18n';
import { type ApacheServer, startApache } from '../support/apache';
import { embeddedCatalog, filledSheet, MemoryStorage, template, unitNamed } from './support/sheets';

let apache: ApacheServer;
let filled: Uint8Array;

beforeAll(async () => {
  apache = await startApache();
  filled = await filledSheet('人事处');
}, 60_000);

afterAll(async () => {
  await apache?.stop();
});

const t = createTranslator('zh-CN');
const NO_RETRY = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };

function webdav(): DestinationSettings {
  return { ...NO_DESTINATION, kind: 'webdav', url: apache.url, user: apache.user };
}

function depsFor(settings: DestinationSettings, storage = new MemoryStorage()) {
  const downloads: { bytes: Uint8Array; name: string }[] = [];
  const records: PushRecord[] = [];
  const deps: FolderDeps = {
    settings: () => settings,
    openFolder: async (): Promise<SharedFolder> =>
      createWebDavFolder({ url: settings.url, username: settings.user, password: apache.password, timeoutMs: 3000 }),
    queueStore: () => localStorageQueueStore(storage),
    download: (bytes, name) => downloads.push({ bytes, name }),
    recordPush: async (record) => {
      records.push(record);
    },
    retry: NO_RETRY,
  };
  return { deps, downloads, records, storage };
}

function request(answer = true): SubmitRequest & { steps: SubmitStep[]; asked: number } {
  const r = {
    steps: [] as SubmitStep[],
    asked: 0,
    confirmWarnings: async () => {
      r.asked++;
      return answer;
    },
    onStep: (step: SubmitStep) => {
      r.steps.push(step);
    },
  };
  return r;
}

function returnedFiles(unit: string): string[] {
  try {
    return readdirSync(path.join(apache.root, '2019/returned', unit));
  } catch {
    return [];
  }
}

test('with no shared folder set up, 提交 downloads the checked workbook, byte for byte, under its own name', async () => {
  const { deps, downloads } = depsFor({ ...NO_DESTINATION });
  const outcome = await submitBytes({ bytes: filled, fileName: '人事处-填好.xlsx', live: null }, request(), deps);
  expect(outcome.kind).toBe('downloaded');
  expect(downloads).toHaveLength(1);
  expect(downloads[0]!.name).toBe('人事处-填好.xlsx');
  expect(sha256Hex(downloads[0]!.bytes)).toBe(sha256Hex(filled));
});

test('an unfilled sheet is not submitted: the check says it is not filled in and nothing reaches the folder', async () => {
  const { deps } = depsFor(webdav());
  const outcome = await submitBytes(
    { bytes: await template('国土测绘处'), fileName: '国土测绘处.xlsx', live: null },
    request(),
    deps,
  );
  expect(outcome.kind).toBe('blocked');
  const errors = outcome.report!.issues.filter((i) => i.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  // Returned as issued: one line that says so, at the first 完成情况 cell.
  expect(errors.map((i) => [i.code, /^F\d+$/.test(i.cell ?? '')])).toEqual([['sheet-not-filled', true]]);
  expect(returnedFiles('国土测绘处')).toEqual([]);
});

test('a filled sheet arrives in Apache under 2019/returned/人事处/ byte-identical, with a receipt and a record in the workbook that hold no credentials', async () => {
  const { deps, records } = depsFor(webdav());
  const r = request();
  const outcome = await submitBytes({ bytes: filled, fileName: 'my-copy.xlsx', live: null }, r, deps);
  if (outcome.kind !== 'sent')
    throw new Error(`not sent: ${outcome.kind} ${'message' in outcome ? outcome.message(t) : ''}`);
  const names = returnedFiles('人事处');
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(new RegExp(`^人事处-\\d{8}T\\d{6}Z-${sha256Hex(filled).slice(0, 8)}\\.xlsx$`));
  const onServer = readFileSync(path.join(apache.root, '2019/returned/人事处', names[0]!));
  expect(Buffer.compare(onServer, Buffer.from(filled))).toBe(0);
  expect(outcome.receipt.sha256).toBe(sha256Hex(filled));
  expect(outcome.receipt.size).toBe(filled.length);
  expect(outcome.receipt.location).toBe(`${apache.url.replace(/\/?$/, '/')}2019/returned/人事处/${names[0]}`);
  expect(outcome.receipt.verifiedBy).toBe('read-back');
  expect(r.steps).toEqual(expect.arrayContaining(['upload', 'verify', 'move', 'record']));
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    path: `2019/returned/人事处/${names[0]}`,
    sha256: sha256Hex(filled),
    size: filled.length,
  });
  const recorded = JSON.stringify(records[0]);
  expect(recorded).not.toContain(apache.password);
  expect(recorded).not.toContain(`${apache.user}@`);
  expect(recorded).not.toMatch(/authorization|password|token/i);
});

test('a sheet whose protection was removed warns: answering 返回修改 sends nothing, 仍然提交 sends it', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(filled as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((w) => w.state === 'visible')!;
  sheet.unprotect();
  const unprotected = new Uint8Array(await workbook.xlsx.writeBuffer());
  const { deps } = depsFor(webdav());
  const before = returnedFiles('人事处').length;

  const no = request(false);
  const refused = await submitBytes({ bytes: unprotected, fileName: 'x.xlsx', live: null }, no, deps);
  expect(no.asked).toBe(1);
  expect(refused.kind).toBe('cancelled');
  expect(refused.report!.issues.map((i) => i.code)).toContain('protection-removed');
  expect(returnedFiles('人事处')).toHaveLength(before);

  const yes = request(true);
  const sent = await submitBytes({ bytes: unprotected, fileName: 'x.xlsx', live: null }, yes, deps);
  expect(yes.asked).toBe(1);
  expect(sent.kind).toBe('sent');
  expect(returnedFiles('人事处')).toHaveLength(before + 1);
});

test('in Excel the live check decides too: an error in the open workbook blocks even when the saved file passes', async () => {
  const { deps } = depsFor(webdav());
  const live: PaneReport = {
    source: null,
    unitName: '人事处',
    valid: false,
    status: 'invalid',
    filled: null,
    blocks: [],
    total: null,
    issues: [{ code: 'self-score-above-weight', severity: 'error', sheet: '人事处', cell: 'G7', message: () => 'G7' }],
  };
  const before = returnedFiles('人事处').length;
  const outcome = await submitBytes({ bytes: filled, fileName: '人事处.xlsx', live }, request(), deps);
  expect(outcome.kind).toBe('blocked');
  expect(outcome.report).toBe(live);
  expect(returnedFiles('人事处')).toHaveLength(before);
});

test('while the server is down the submission waits in the queue (kept in storage, no password in it); 重试发送 sends it once the server is back', async () => {
  const storage = new MemoryStorage();
  const { deps } = depsFor(webdav(), storage);
  const other = await filledSheet('办公室');
  await apache.kill();
  try {
    const outcome = await submitBytes({ bytes: other, fileName: '办公室.xlsx', live: null }, request(), deps);
    expect(outcome.kind).toBe('queued');
    if (outcome.kind === 'queued') expect(outcome.message(t)).toContain('无法连接共享文件夹');
  } finally {
    await apache.start();
  }
  expect(storage.dump()).not.toContain(apache.password);
  // A new pane (new deps, same storage) finds the entry.
  const reopened = depsFor(webdav(), storage);
  const waiting = await listQueued(reopened.deps);
  expect(waiting).toHaveLength(1);
  expect(waiting[0]!.target).toMatch(/^2019\/returned\/办公室\/办公室-\d{8}T\d{6}Z-[0-9a-f]{8}\.xlsx$/);
  expect(waiting[0]!.lastError?.(t)).toContain('无法连接共享文件夹');

  const result = await retryQueued(reopened.deps);
  expect(result).toEqual({ sent: 1, failed: 0, skipped: 0 });
  expect(await listQueued(reopened.deps)).toEqual([]);
  // The queue spans workbooks: a retry records nothing in whichever workbook happens to be open.
  expect(reopened.records).toEqual([]);
  const names = returnedFiles('办公室');
  expect(names).toHaveLength(1);
  expect(sha256Hex(readFileSync(path.join(apache.root, '2019/returned/办公室', names[0]!)))).toBe(sha256Hex(other));
}, 60_000);

test('发布模板 puts one template per unit into 2019/templates/; publishing again reports them as already there and replaces nothing', async () => {
  const catalog = embeddedCatalog();
  const units = [unitNamed('人事处'), unitNamed('国土测绘处')];
  const { deps } = depsFor(webdav());
  const rendered = new Map<string, Uint8Array>();
  const publishDeps = {
    openFolder: deps.openFolder,
    render: async (unit: { name: string }) => {
      const b = await template(unit.name);
      rendered.set(unit.name, b);
      return b;
    },
    retry: NO_RETRY,
  };
  const progress: (string | null)[] = [];
  const first = await publishTemplates(
    { catalog, units, signal: new AbortController().signal, onProgress: (p) => progress.push(p.current) },
    publishDeps,
  );
  expect(first.cancelled).toBe(false);
  expect(first.files.map((f) => [f.path, f.status])).toEqual([
    ['2019/templates/人事处.xlsx', 'sent'],
    ['2019/templates/国土测绘处.xlsx', 'sent'],
  ]);
  expect(progress).toEqual(['人事处', '国土测绘处', null]);
  for (const name of ['人事处', '国土测绘处']) {
    const onServer = readFileSync(path.join(apache.root, '2019/templates', `${name}.xlsx`));
    expect(sha256Hex(onServer)).toBe(sha256Hex(rendered.get(name)!));
  }
  // Somebody edits a published template on the server: a second publish must leave it alone.
  const edited = path.join(apache.root, '2019/templates/人事处.xlsx');
  writeFileSync(edited, 'edited by the assessment office');
  rendered.clear();
  const second = await publishTemplates(
    { catalog, units, signal: new AbortController().signal, onProgress: () => {} },
    publishDeps,
  );
  expect(second.files.map((f) => f.status)).toEqual(['exists', 'exists']);
  expect(rendered.size).toBe(0);
  expect(readFileSync(edited, 'utf8')).toBe('edited by the assessment office');
});

/** The folder adapter with its existence checks counted (exists, stat and list are the PROPFINDs of WebDAV). */
function countingFolder(folder: SharedFolder) {
  const counts = { exists: 0, stat: 0, list: 0 };
  const wrapped: SharedFolder = {
    label: folder.label,
    atomicCreate: folder.atomicCreate,
    exists: (p) => {
      counts.exists++;
      return folder.exists(p);
    },
    stat: (p) => {
      counts.stat++;
      return folder.stat(p);
    },
    list: (p) => {
      counts.list++;
      return folder.list(p);
    },
    mkdirp: (p) => folder.mkdirp(p),
    createExclusive: (p, bytes) => folder.createExclusive(p, bytes),
    move: (from, to, options) => folder.move(from, to, options),
    read: (p) => folder.read(p),
    remove: (p) => folder.remove(p),
  };
  return { counts, folder: wrapped };
}

test('发布模板 makes one existence check per template (N templates, N checks), and an existing template is still reported and left alone, unrendered', async () => {
  const catalog = embeddedCatalog();
  const units = catalog.units.slice(-3);
  expect(units.map((u) => u.name)).not.toEqual(expect.arrayContaining(['人事处', '国土测绘处', '办公室']));
  const { deps } = depsFor(webdav());
  let counts = { exists: 0, stat: 0, list: 0 };
  const rendered: string[] = [];
  const publishDeps = {
    openFolder: async () => {
      const c = countingFolder(await deps.openFolder());
      counts = c.counts;
      return c.folder;
    },
    render: async (unit: { name: string }) => {
      rendered.push(unit.name);
      return template(unit.name);
    },
    retry: NO_RETRY,
  };
  const first = await publishTemplates(
    { catalog, units, signal: new AbortController().signal, onProgress: () => {} },
    publishDeps,
  );
  expect(first.files.map((f) => f.status)).toEqual(['sent', 'sent', 'sent']);
  expect(counts).toEqual({ exists: units.length, stat: 0, list: 0 });
  expect(rendered).toEqual(units.map((u) => u.name));

  // One of them edited on the server: publishing again checks each once, renders none, replaces nothing.
  const edited = path.join(apache.root, first.files[1]!.path);
  writeFileSync(edited, 'edited by the assessment office');
  rendered.length = 0;
  const second = await publishTemplates(
    { catalog, units, signal: new AbortController().signal, onProgress: () => {} },
    publishDeps,
  );
  expect(second.files.map((f) => f.status)).toEqual(['exists', 'exists', 'exists']);
  expect(counts).toEqual({ exists: units.length, stat: 0, list: 0 });
  expect(rendered).toEqual([]);
  expect(readFileSync(edited, 'utf8')).toBe('edited by the assessment office');
});

test('cancelling 发布模板 stops before the next unit and says so', async () => {
  const catalog = embeddedCatalog();
  const units = [unitNamed('办公室'), unitNamed('人事处')];
  const { deps } = depsFor(webdav());
  const controller = new AbortController();
  const result = await publishTemplates(
    {
      catalog,
      units,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.current === '办公室') controller.abort();
      },
    },
    { openFolder: deps.openFolder, render: (unit) => template(unit.name), retry: NO_RETRY },
  );
  expect(result.cancelled).toBe(true);
  expect(result.files.map((f) => f.unit)).toEqual(['办公室']);
});

test('汇总 in the browser reads the returned sheets from Apache and downloads a summary naming the unit that returned and the units missing', async () => {
  const { deps } = depsFor(webdav());
  const downloads: { bytes: Uint8Array; name: string }[] = [];
  const progress: number[] = [];
  const outcome = await collectIntoPane(
    { catalog: embeddedCatalog(), lang: 'zh-CN', onProgress: (p) => progress.push(p.done) },
    {
      openFolder: deps.openFolder,
      output: 'download',
      download: (bytes, name) => downloads.push({ bytes, name }),
      date: new Date('2020-01-05T00:00:00Z'),
    },
  );
  // Earlier tests submitted 人事处 (twice) and 办公室.
  expect(outcome.files).toBe(returnedFiles('人事处').length + returnedFiles('办公室').length);
  expect(outcome.units).toBe(embeddedCatalog().units.length);
  expect(outcome.valid).toBe(2);
  expect(outcome.missing).toHaveLength(embeddedCatalog().units.length - 2);
  expect(outcome.missing).not.toContain('人事处');
  expect(outcome.output).toEqual({ kind: 'download', fileName: summaryFileName(2019) });
  expect(progress[progress.length - 1]).toBe(outcome.files);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(downloads[0]!.bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value === 'string') texts.push(c.value);
    }),
  );
  expect(texts).toContain('人事处');
  expect(texts).toContain('办公室');
});
