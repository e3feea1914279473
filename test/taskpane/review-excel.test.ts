// 评分 in Excel from picked files (the pane's engine, src/taskpane/engine/review.ts, as the Excel host runs it): the
// files the user picked are read by the application layer's review — the CLI's use case — and the workbooks come
// back as one zip named like 生成's (2019年度评分表（N份）.zip), holding what `target-sheets review` writes for the
// same files on disk: the same scorers, file names, units and rows, and every cell of the scorers' sheets. The open
// workbook is left alone (the Office stand-in counts no sync): the workbooks are files for the scorers. Ticking
// scorers makes only theirs; 取消 downloads nothing.
import { unzipSync } from 'fflate';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogScorers, scorerKey } from '../../src/core/catalog/scorers';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { findMetaSheet } from '../../src/core/validate/meta';
import { reviewIntoPane } from '../../src/taskpane/engine/review';
import { listScorers } from '../../src/taskpane/engine/scorers';
import type { ReviewProgressView } from '../../src/taskpane/operations';
import { readWorkbook } from '../../src/xlsx/read';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, fillCorrectly, template } from '../integration/validate-corpus';
import { useFakeExcel } from '../office/excel-mock';
import { cli } from '../support/cli';

const excel = useFakeExcel();
const CREATED_AT = '2019-12-25T08:00:00.000Z';
const [unitA, unitB] = catalog2019.units;

let work: string;
let returned: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-review-'));
  returned = path.join(work, '收到的表');
  const put = (relative: string, bytes: Uint8Array, modified: string) => {
    const file = path.join(returned, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    utimesSync(file, new Date(modified), new Date(modified));
  };
  put('邮件/a.xlsx', await edit(await template(unitA!), fillCorrectly), '2020-01-05T08:00:00.000Z');
  // A self score above the weight: invalid, so unit B's rows say 未提交 as if nothing came back.
  put(
    '优盘/b.xlsx',
    await edit(await template(unitB!), (e) => fill(e, (_, weight) => ({ completion: '已完成', self: weight + 5 }))),
    '2020-01-06T08:00:00.000Z',
  );
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The picked folder as FilesPickerButton hands it on: paths inside it, bytes read on demand. */
function picked() {
  const files: { path: string; size: number; modified: string; read: () => Promise<Uint8Array> }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, rel);
      else
        files.push({
          path: rel,
          size: readFileSync(full).length,
          modified: statSync(full).mtime.toISOString(),
          read: async () => new Uint8Array(readFileSync(full)),
        });
    }
  };
  walk(returned, '');
  return { label: '收到的表', files };
}

/** Every sheet but the record, cell by cell: what a scorer sees. */
function shownCells(bytes: Uint8Array): WorkbookContents['sheets'] {
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const meta = findMetaSheet(read.contents);
  return read.contents.sheets
    .filter((s) => s !== meta)
    .map((s) => ({ ...s, cells: [...s.cells].sort((a, b) => a.row - b.row || a.col - b.col) }));
}

function run(request: Partial<Parameters<typeof reviewIntoPane>[0]> = {}) {
  const downloads: { name: string; bytes: Uint8Array }[] = [];
  const progress: ReviewProgressView[] = [];
  const outcome = reviewIntoPane(
    { catalog: catalog2019, picked: picked(), onProgress: (p) => progress.push(p), ...request },
    {
      openFolder: async () => {
        throw new Error('the shared folder is not used for picked files');
      },
      download: (bytes, name) => downloads.push({ name, bytes }),
      now: () => new Date(CREATED_AT),
    },
  );
  return { outcome, downloads, progress };
}

test('评分 from a picked folder in Excel: one zip with the workbooks `review` writes for the same files, the open workbook untouched', async () => {
  const fake = excel.install();
  const out = path.join(work, 'cli-out');
  const cliRun = await cli('review', returned, '--out', out, '--created-at', CREATED_AT, '--json');
  expect(cliRun.code).toBe(0);
  const cliJson = JSON.parse(cliRun.stdout) as {
    workbooks: { file: string; scorer: string; units: number; items: number }[];
  };

  const { outcome, downloads, progress } = run();
  const result = await outcome;
  expect(fake.syncs).toBe(0);
  expect(result.output).toEqual({ kind: 'download', fileName: `2019年度评分表（${cliJson.workbooks.length}份）.zip` });
  expect(downloads.map((d) => d.name)).toEqual([`2019年度评分表（${cliJson.workbooks.length}份）.zip`]);
  // What the CLI prints, per workbook.
  expect(result.workbooks.map((w) => [w.name, w.scorer, w.units, w.items])).toEqual(
    cliJson.workbooks.map((w) => [path.basename(w.file), w.scorer, w.units, w.items]),
  );
  expect([result.files, result.units, result.returned]).toEqual([2, catalog2019.units.length, 1]);
  expect(result.notReturned).toHaveLength(catalog2019.units.length - 1);
  expect(result.notReturned).toContain(unitB!.name);
  expect(result.notReturned).not.toContain(unitA!.name);
  // Progress: the files read, then each workbook written.
  expect(progress.filter((p) => p.phase === 'reading').at(-1)).toMatchObject({ done: 2, total: 2 });
  expect(progress.filter((p) => p.phase === 'writing').map((p) => p.current)).toEqual(
    cliJson.workbooks.map((w) => w.scorer),
  );

  const zipped = unzipSync(downloads[0]!.bytes);
  expect(Object.keys(zipped)).toEqual(cliJson.workbooks.map((w) => path.basename(w.file)));
  for (const w of cliJson.workbooks) {
    const mine = zipped[path.basename(w.file)]!;
    expect(shownCells(mine)).toEqual(shownCells(new Uint8Array(readFileSync(w.file))));
  }
  // Unit A's returned rows are in the workbooks, not only 未提交 rows.
  expect(JSON.stringify(shownCells(zipped[path.basename(cliJson.workbooks.at(-1)!.file)]!))).toContain(unitA!.name);
}, 180_000);

test('the scorers are listed with their units and items first, and only the ticked ones are made', async () => {
  const scorers = listScorers(catalog2019);
  expect(scorers.map((s) => [s.key, s.units, s.pairs])).toEqual(
    catalogScorers(catalog2019).map((s) => [scorerKey(s.scorer), s.unitIds.length, s.pairs.length]),
  );
  expect(scorers.at(-1)).toMatchObject({ key: 'team', name: null });
  const first = scorers[0]!;
  const { outcome, downloads } = run({ scorers: [first.key, 'team'] });
  const result = await outcome;
  expect(result.workbooks.map((w) => w.scorer)).toEqual([first.name, '考核组']);
  expect(result.workbooks.map((w) => w.items)).toEqual([first.pairs, scorers.at(-1)!.pairs]);
  expect(downloads.map((d) => d.name)).toEqual(['2019年度评分表（2份）.zip']);
}, 180_000);

test.each([
  ['once the files are listed', (p: ReviewProgressView) => p.phase === 'reading' && p.current === null],
  ['after the first workbook is written', (p: ReviewProgressView) => p.phase === 'writing' && p.done === 1],
])(
  '取消 %s: nothing is downloaded',
  async (_when, when) => {
    const controller = new AbortController();
    const { outcome, downloads } = run({
      signal: controller.signal,
      onProgress: (p) => {
        if (when(p)) controller.abort();
      },
    });
    const result = await outcome;
    expect(result.output).toEqual({ kind: 'cancelled' });
    expect(result.workbooks).toEqual([]);
    expect(downloads).toEqual([]);
  },
  180_000,
);
