// `collect` over returned sheets and scoring workbooks together, with real files: two units return their sheets,
// `review` builds every scorer's workbook from them, three scorers fill in 考核得分 (ExcelJS, input cells only)
// and `push --as scoring` files them; the 信息中心 does not return its workbook. collect --json gives each unit the
// merged assessed total (the scores written), how many items are scored, what the rank uses, and per scorer its
// file, status and the pairs not scored.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import type { CollectJson } from '../../src/cli/commands/collect';
import type { ReviewJson } from '../../src/cli/commands/review';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { edit, fill, template } from '../integration/validate-corpus';
import { cli } from '../support/cli';
import { scoreWorkbook } from '../support/score-workbook';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-scoring-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;
const city = catalog.units.find((u) => u.group === 'city')!;

async function put(root: string, unit: Unit, bytes: Uint8Array): Promise<void> {
  const when = new Date('2019-12-20T08:00:00Z');
  const file = path.join(root, ...returnedPath(2019, unit.name, when, await sha256Hex(bytes)).split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

const score = (file: string, unitIds: ReadonlySet<string>) => scoreWorkbook(catalog, file, unitIds);

const total = (values: readonly number[]) => fromHundredths(values.reduce((s, v) => s + toHundredths(v), 0));

test('collect --json: units assessed from the scoring workbooks, ranked by it only where complete; scorers listed', async () => {
  const root = path.join(work, 'share');
  for (const unit of [office, city])
    await put(
      root,
      unit,
      await edit(await template(unit), (e) => fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight }))),
    );
  const out = path.join(work, 'scoring');
  const review = await cli('review', root, '--out', out, '--json', '--created-at', '2019-12-25T00:00:00Z');
  expect(review.code).toBe(0);
  const books = (JSON.parse(review.stdout) as ReviewJson).workbooks;

  const written = new Map<string, number[]>();
  const both = new Set([office.id, city.id]);
  for (const book of books) {
    if (book.scorer === '信息中心') continue; // not returned
    for (const [unitId, values] of await score(book.file, both))
      written.set(unitId, [...(written.get(unitId) ?? []), ...values]);
    const push = await cli('push', book.file.replace(/\.xlsx$/, '-scored.xlsx'), '--to', root, '--as', 'scoring');
    expect([push.code, push.stderr]).toEqual([0, expect.any(String)]);
  }

  const run = await cli('collect', root, '--json');
  expect(run.stderr).not.toMatch(/target-sheets collect:/);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as CollectJson;
  const unit = (u: Unit) => json.units.find((x) => x.name === u.name)!;

  // The 办公室 misses only its 信息化建设 score (its scorer has not returned): ranked by its self total, and says so.
  expect(unit(office)).toMatchObject({
    status: 'valid',
    assessed: total(written.get(office.id)!),
    assessedItems: office.items.length - 1,
    items: office.items.length,
    rankedBy: 'self',
  });
  expect(written.get(office.id)).toHaveLength(office.items.length - 1);
  // The city's items are all the 考核组's: complete, ranked by the assessed total.
  expect(unit(city)).toMatchObject({
    status: 'valid',
    assessed: total(written.get(city.id)!),
    assessedItems: city.items.length,
    items: city.items.length,
    rankedBy: 'assessed',
  });
  // A unit that returned nothing and was not scored: no assessed total.
  const other = catalog.units.find((u) => u !== office && u.group === 'department')!;
  expect(unit(other)).toMatchObject({ status: 'missing', assessed: null, assessedItems: 0, rankedBy: null });

  expect(json.scoring.map((s) => [s.scorer, s.status, s.file === null])).toEqual(
    books.map((b) => [b.scorer, b.scorer === '信息中心' ? 'missing' : 'valid', b.scorer === '信息中心']),
  );
  const info = json.scoring.find((s) => s.scorer === '信息中心')!;
  expect([info.pairs, info.scored, info.unscored.length]).toEqual([40, 0, 40]);
  expect(info.unscored.find((p) => p.unit === office.name)).toEqual({ unit: office.name, item: '信息化建设' });
  for (const s of json.scoring) expect(s.issues).toEqual([]);
  expect(json.invalid).toEqual([]);

  // The summary .xlsx: the six sheets as before, then one per scorer with its completeness; the human output names
  // each scorer's counts.
  const summaryFile = path.join(work, 'summary.xlsx');
  const human = await cli('collect', root, '--out', summaryFile);
  expect(human.code).toBe(0);
  for (const s of json.scoring) {
    const file = s.file === null ? '' : `，${s.file}`;
    const status = s.status === 'valid' ? '有效' : '未提交';
    expect(human.stdout).toContain(`  ${s.scorer}：${status}，已评分 ${s.scored}/${s.pairs} 项${file}\n`);
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(summaryFile);
  const names = workbook.worksheets.map((w) => w.name);
  expect(names).toEqual([
    '汇总',
    '未提交',
    '问题',
    '指标统计',
    '文件清单',
    '扣分说明',
    ...json.scoring.map((s) => `评分·${s.scorer}`),
  ]);
  const rowsOf = (name: string) =>
    workbook
      .getWorksheet(name)!
      .getSheetValues()
      .slice(1)
      .map((r) => (Array.isArray(r) ? r.slice(1) : []));
  const infoRows = rowsOf('评分·信息中心');
  expect(infoRows.slice(1, 5)).toEqual([
    ['考核单位', '信息中心'],
    ['评分表', '未提交'],
    ['状态', '未提交'],
    ['已评分', '0/40 项'],
  ]);
  expect(infoRows[5]).toEqual(['未评分的项（40）']);
  expect(infoRows[6]).toEqual(['单位', '考核项目']);
  expect(infoRows.slice(7)).toHaveLength(40);
  expect(infoRows.slice(7)).toContainEqual([office.name, '信息化建设']);
  const team = json.scoring.find((s) => s.scorer === '考核组')!;
  const teamRows = rowsOf('评分·考核组');
  expect(teamRows.slice(1, 5)).toEqual([
    ['考核单位', '考核组'],
    ['评分表', team.file],
    ['状态', '有效'],
    ['已评分', `${team.scored}/${team.pairs} 项`],
  ]);
  expect(teamRows.slice(7)).toEqual(team.unscored.map((p) => [p.unit, p.item]));
});
