// `target-sheets review` end to end: a shared folder with returned sheets (two valid, one unit's later sheet
// tampered, the rest missing) → one scoring workbook per scorer of the catalog, as --json lists them; their rows
// show what each unit's latest valid sheet says, 未提交 for the others; LibreOffice opens one, finds the sheets
// protected, the two score columns the only unlocked cells, and recalculates the status line and 小计 after a score.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import type { ReviewJson } from '../../src/cli/commands/review';
import type { Unit } from '../../src/core/catalog/model';
import { catalogScorers } from '../../src/core/catalog/scorers';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { readRecord } from '../../src/core/scoring-workbook';
import { findMetaSheet } from '../../src/core/validate/meta';
import { SheetGrid } from '../../src/core/validate/sheet';
import { readWorkbook } from '../../src/xlsx/read';
import { edit, fill, template } from '../integration/validate-corpus';
import { cli } from '../support/cli';
import { expandRanges, probeWithLibreOffice } from '../support/libreoffice';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-review-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;
const city = catalog.units.find((u) => u.group === 'city')!;

async function put(root: string, unit: Unit, when: string, bytes: Uint8Array): Promise<void> {
  const file = path.join(root, ...returnedPath(2019, unit.name, new Date(when), await sha256Hex(bytes)).split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** Each item: 完成情况 "完成 i", full marks but the first (one point off, with a reason). */
async function returnedSheet(unit: Unit, tamper = false): Promise<Uint8Array> {
  return edit(await template(unit), (e) => {
    fill(e, (i, weight) =>
      i === 0 && weight >= 1
        ? { completion: `完成 ${i}`, self: weight - 1, reason: '一项未完成' }
        : { completion: `完成 ${i}`, self: weight },
    );
    if (tamper) e.sheet.getCell(e.at(0, 'weight')).value = 99;
  });
}

test('review FROM --out DIR --json: one workbook per scorer, every pair once, rows from the latest valid sheets', async () => {
  const root = path.join(work, 'share');
  await put(root, office, '2019-12-20T08:00:00Z', await returnedSheet(office));
  await put(root, city, '2019-12-20T08:00:00Z', await returnedSheet(city));
  // The city's later sheet is tampered: its earlier valid one is used.
  await put(root, city, '2019-12-21T08:00:00Z', await returnedSheet(city, true));
  const out = path.join(work, 'scoring');

  const run = await cli('review', root, '--out', out, '--json', '--created-at', '2019-12-25T00:00:00Z');
  expect(run.stderr).not.toMatch(/target-sheets review:/);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as ReviewJson;

  // What the catalog's scorers say (owners first, then the 考核组), whatever owners the reader finds.
  const scorers = catalogScorers(catalog);
  expect(json.workbooks.map((w) => [w.scorer, w.units, w.items])).toEqual(
    scorers.map((s) => [s.scorer.kind === 'team' ? '考核组' : s.scorer.name, s.unitIds.length, s.pairs.length]),
  );
  expect(json.workbooks.reduce((n, w) => n + w.items, 0)).toBe(1462);
  expect(readdirSync(out).sort()).toEqual(json.workbooks.map((w) => path.basename(w.file)).sort());

  // Every pair in exactly one workbook, as the files' own records say.
  const pairs = new Set<string>();
  for (const w of json.workbooks) {
    const read = readWorkbook(new Uint8Array(readFileSync(w.file)));
    if (!read.ok) throw new Error(read.failure.code);
    const record = readRecord(new SheetGrid(findMetaSheet(read.contents)!).toRows(30_000, 20));
    if (!record.ok) throw new Error(record.field);
    expect(record.metadata.kind).toBe('scoring');
    for (const r of record.rows) pairs.add(`${r.unitId}#${r.itemIndex}`);
  }
  expect(pairs.size).toBe(1462);

  // The 考核组's sheet of 厅机关处室: the header row, 办公室's rows from its sheet, 未提交 for a unit without one.
  const team = json.workbooks[json.workbooks.length - 1]!;
  const read = readWorkbook(new Uint8Array(readFileSync(team.file)));
  if (!read.ok) throw new Error(read.failure.code);
  const sheet = read.contents.sheets.find((s) => s.name === '厅机关处室')!;
  const grid = new SheetGrid(sheet);
  expect(grid.toRows(4, 12)[3]).toEqual([
    '单位',
    '序号',
    '指标类别',
    '考核项目',
    '考核内容',
    '分值',
    '完成情况',
    '自评得分',
    '自评扣分说明',
    '佐证材料',
    '考核得分',
    '考核扣分说明',
  ]);
  const rowsOf = (name: string) =>
    grid.toRows(grid.maxRow, 12).filter((r) => r[0] === name && typeof r[1] === 'number');
  const officeRows = rowsOf('办公室');
  expect(officeRows.length).toBeGreaterThan(0);
  expect(officeRows.every((r) => String(r[6]).startsWith('完成 '))).toBe(true);
  const other = catalog.units.find((u) => u.group === 'department' && u !== office)!;
  expect(rowsOf(other.name).map((r) => [r[6], r[7] ?? null])).toEqual(rowsOf(other.name).map(() => ['未提交', null]));
  const cityRead = readWorkbook(new Uint8Array(readFileSync(team.file)));
  if (!cityRead.ok) throw new Error('unreadable');
  const citySheet = new SheetGrid(cityRead.contents.sheets.find((s) => s.name === '市（州）局')!);
  const cityRows = citySheet.toRows(citySheet.maxRow, 12).filter((r) => r[0] === city.name && typeof r[1] === 'number');
  expect(cityRows.every((r) => String(r[6]).startsWith('完成 '))).toBe(true);
  expect(cityRows.some((r) => r[8] === '一项未完成')).toBe(true);

  // Run again: the files are there, nothing is overwritten.
  const again = await cli('review', root, '--out', out, '--json');
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('文件已存在，未覆盖');

  // LibreOffice opens the 考核组 workbook: protected sheets, only 考核得分/考核扣分说明 open, the stop-alert
  // validation, and a score typed in is counted by the status line and the unit's 小计.
  const firstOffice = grid.toRows(grid.maxRow, 12).findIndex((r) => r[0] === '办公室' && typeof r[1] === 'number') + 1;
  const weight = grid.value(firstOffice, 6) as number;
  const [lo] = await probeWithLibreOffice([
    {
      path: team.file,
      sheet: '厅机关处室',
      fill: { [`K${firstOffice}`]: weight },
    },
  ]);
  expect(lo!.sheets.filter((s) => s.visible).every((s) => s.protected)).toBe(true);
  expect(lo!.sheets.find((s) => !s.visible)).toBeDefined();
  const unlocked = lo!.formatRanges
    .filter((r) => !r.locked)
    .flatMap((r) => expandRanges(r.ranges, grid.maxRow, 12))
    .map((a) => a.replace(/\d+$/, ''));
  expect(new Set(unlocked)).toEqual(new Set(['K', 'L']));
  const validated = lo!.formatRanges.find((r) => r.validation && expandRanges(r.ranges).includes(`K${firstOffice}`));
  expect(validated?.validation).toEqual(expect.objectContaining({ type: 'DECIMAL', errorStyle: 'STOP' }));
  const status = String(lo!.filledValues![2]![0]);
  expect(status).toMatch(/^已评 1\/\d+ 项 · 问题 0 个$/);
  const officeSubtotal = lo!.filledValues!.find((r) => r[0] === '办公室' && r[1] === '小计')!;
  expect(officeSubtotal[10]).toBe(weight);
}, 240_000);

test('review without --out says so and writes nothing', async () => {
  const run = await cli('review', path.join(work, 'nowhere'));
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('请用 --out 指定评分表的输出目录');
});
