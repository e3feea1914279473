// 汇总 inside Excel from picked files, with the real Office adapter (src/office/summary.ts) running against the
// Excel stand-in (test/office/excel-mock.ts: HyperFormula, protection, strict objects): picked returned sheets —
// valid, invalid, two from one unit (the newer counts), a foreign file, in subfolders — are collected by the pane's
// engine in Excel mode, and the summary sheet the stand-in's workbook then holds gives the same units, totals and
// ranks as `collect --json` on the same files on disk. Nothing is downloaded.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PickedFile } from '../../src/app/collect/picked-files';
import { syncCounter } from '../../src/office/excel-api';
import { collectIntoPane } from '../../src/taskpane/engine/collect';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, fillCorrectly, template } from '../integration/validate-corpus';
import { useFakeExcel } from '../office/excel-mock';
import { cli } from '../support/cli';

const excel = useFakeExcel();
const [unitA, unitB, unitC] = catalog2019.units;
let work: string;
let returned: string;
const files: { path: string; modified: string }[] = [];

function put(relative: string, bytes: Uint8Array, modified: string) {
  const file = path.join(returned, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  utimesSync(file, new Date(modified), new Date(modified));
  files.push({ path: relative, modified });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-standin-'));
  returned = path.join(work, '收到的表');
  const valid = await edit(await template(unitA!), fillCorrectly);
  // A self score above the item's weight: an invalid sheet.
  const invalid = await edit(await template(unitB!), (e) =>
    fill(e, (_, weight) => ({ completion: '已完成', self: weight + 5 })),
  );
  const c = await template(unitC!);
  const older = await edit(c, (e) => fill(e, (_, weight) => ({ completion: '已完成', self: weight })));
  const newer = await edit(c, (e) =>
    fill(e, (i, weight) =>
      i === 0
        ? { completion: '基本完成', self: weight - 1, reason: '部分未完成' }
        : { completion: '已完成', self: weight },
    ),
  );
  const foreign = new ExcelJS.Workbook();
  foreign.addWorksheet('Sheet1').addRow(['不是考核表', 1, 2]);
  put('邮件/第一批/a.xlsx', valid, '2020-01-05T08:00:00.000Z');
  put('邮件/第一批/b.xlsx', invalid, '2020-01-06T08:00:00.000Z');
  put('优盘/c-初稿.xlsx', older, '2020-01-07T08:00:00.000Z');
  put('优盘/c-修改后.xlsx', newer, '2020-01-09T08:00:00.000Z');
  put('其他/通讯录.xlsx', new Uint8Array(await foreign.xlsx.writeBuffer()), '2020-01-08T08:00:00.000Z');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface CollectJson {
  units: { name: string; status: string; file: string; self: number | null; rank: number | null }[];
  missing: string[];
}

test('in Excel, 汇总 of picked files puts into the workbook the units, totals and ranks `collect --json` gives', async () => {
  const run = await cli('collect', returned, '--json');
  expect(run.code).toBe(0);
  const expected = JSON.parse(run.stdout) as CollectJson;
  // The files are what the issue asks for: a valid and an invalid sheet, two from one unit, a foreign file.
  expect(expected.units.filter((u) => u.status !== 'missing').map((u) => [u.name, u.status])).toEqual([
    [unitA!.name, 'valid'],
    [unitB!.name, 'invalid'],
    [unitC!.name, 'valid'],
  ]);

  const fake = excel.install();
  fake.addSheet('Sheet1');
  syncCounter.reset();
  const read = (relative: string) => new Uint8Array(readFileSync(path.join(returned, ...relative.split('/'))));
  const picked: PickedFile[] = files.map((f) => ({
    path: f.path,
    size: read(f.path).length,
    modified: f.modified,
    read: async () => read(f.path),
  }));
  const downloads: string[] = [];
  const outcome = await collectIntoPane(
    { catalog: catalog2019, lang: 'zh-CN', onProgress: () => {}, picked: { label: '收到的表', files: picked } },
    {
      openFolder: async () => {
        throw new Error('picked files need no shared folder');
      },
      output: 'workbook',
      download: (_bytes, name) => downloads.push(name),
    },
  );
  expect(downloads).toEqual([]);
  expect(outcome).toMatchObject({ files: 5, valid: 2, invalid: 1, missing: expected.missing });
  expect(outcome.output).toMatchObject({ kind: 'sheets', chart: true });
  // The adapter's two round trips, whatever the number of files.
  expect(syncCounter.count).toBe(2);

  // What the workbook's 汇总 sheet holds, by its header row.
  const sheet = fake.sheet('汇总');
  const grid: (string | number | boolean | null)[][] = [];
  for (const [key, cell] of sheet.cells) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    (grid[r] ??= [])[c] = cell.value as string | number | boolean | null;
  }
  const headerRow = grid.findIndex((row) => row?.includes('单位'));
  const col = (label: string) => grid[headerRow]!.indexOf(label);
  const [name, status, self, rank, file] = ['单位', '状态', '自评总分', '组内排名', '文件'].map(col);
  // The unit table: the rows under the header down to the first empty line (the group averages follow it).
  const lines = grid.slice(headerRow + 1);
  const end = lines.findIndex((row) => !row?.[name!]);
  if (end >= 0) lines.splice(end);
  const WORDS: Record<string, string> = { valid: '有效', invalid: '无效', missing: '未提交' };
  const blank = (v: unknown) => (v === '' || v === undefined ? null : v);
  // Every unit once, in collect's order, with its state, 自评总分, rank in its group and file.
  expect(
    lines.map((row) => [row[name!], row[status!], blank(row[self!]), blank(row[rank!]), blank(row[file!])]),
  ).toEqual(
    expected.units.map((u) => [
      u.name,
      WORDS[u.status],
      u.self,
      u.rank,
      u.file ? path.relative(returned, u.file).split(path.sep).join('/') : null,
    ]),
  );
});
