// `target-sheets review FROM --results --out DIR`: a shared folder with two units' returned sheets and the 考核组's
// scoring workbook, scored for one of them → one result copy (评分结果), listed by --json as {"copies": [{"file",
// "unit", "assessed", "assessedItems", "items"}], "skipped": [...]}, the other units reported with their reason; the
// copy validates as one (`validate --json` kind "result"); a second run refuses the existing file (exit 2, nothing
// rewritten) unless --force.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import type { ResultsJson, ReviewJson } from '../../src/cli/commands/review';
import type { ValidateJsonFile } from '../../src/cli/commands/validate';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath, scoringPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { edit, fill, template } from '../integration/validate-corpus';
import { cli } from '../support/cli';
import { scoreWorkbook } from '../support/score-workbook';

const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;
const city = catalog.units.find((u) => u.group === 'city')!;

let work: string;
let root: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-review-results-'));
  root = path.join(work, 'share');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function put(relative: string, bytes: Uint8Array): void {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

async function returned(unit: Unit): Promise<Uint8Array> {
  return edit(await template(unit), (e) => fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight })));
}

test('review --results writes one copy per scored unit, reports the others, and never overwrites', async () => {
  for (const unit of [office, city]) {
    const bytes = await returned(unit);
    put(returnedPath(2019, unit.name, new Date('2019-12-20T08:00:00Z'), sha256Hex(bytes)), bytes);
  }
  const built = await cli('review', root, '--out', path.join(work, 'built'), '--json', '--created-at', '2019-12-25');
  expect(built.code).toBe(0);
  const team = (JSON.parse(built.stdout) as ReviewJson).workbooks.find((w) => w.scorer === '考核组')!;
  const scores = await scoreWorkbook(catalog, team.file, new Set([office.id]));
  const scored = new Uint8Array(readFileSync(team.file.replace(/\.xlsx$/, '-scored.xlsx')));
  put(scoringPath(2019, '考核组', new Date('2019-12-28T00:00:00Z'), sha256Hex(scored)), scored);

  const out = path.join(work, 'results');
  const args = ['review', root, '--results', '--out', out, '--created-at', '2019-12-30'];
  const run = await cli(...args, '--json');
  expect([run.code, run.stderr.includes('target-sheets review:')]).toEqual([0, false]);
  const json = JSON.parse(run.stdout) as ResultsJson;
  const expected = scores.get(office.id)!;
  const file = path.join(out, '办公室-评分结果.xlsx');
  expect(json.copies).toEqual([
    {
      file,
      unit: '办公室',
      assessed: fromHundredths(expected.reduce((s, v) => s + toHundredths(v), 0)),
      assessedItems: expected.length,
      items: office.items.length,
    },
  ]);
  expect(Object.keys(json.copies[0]!)).toEqual(['file', 'unit', 'assessed', 'assessedItems', 'items']);
  expect(json.skipped).toContainEqual({ unit: city.name, reason: 'not-scored' });
  expect(json.skipped.filter((s) => s.reason === 'not-returned')).toHaveLength(catalog.units.length - 2);

  const validated = await cli('validate', file, '--json');
  expect(validated.code).toBe(0);
  const report = (JSON.parse(validated.stdout) as { files: ValidateJsonFile[] }).files[0]!;
  expect(report).toMatchObject({ kind: 'result', unit: '办公室', status: 'valid', issues: [] });
  expect(report.totals.assessed).toBe(json.copies[0]!.assessed);

  // Human output: the copy, then each unit left out with its reason.
  const modified = statSync(file).mtimeMs;
  const again = await cli(...args);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('办公室-评分结果.xlsx');
  expect(again.stderr).toContain('--force');
  expect(statSync(file).mtimeMs).toBe(modified);

  const forced = await cli(...args, '--force');
  expect(forced.code).toBe(0);
  expect(forced.stdout).toContain('办公室 → 办公室-评分结果.xlsx');
  expect(forced.stdout).toContain(`${city.name}：还没有任何一项评分，未生成评分结果。`);
}, 300_000);

test('review --results without --out names what it would write: the result copies, not scoring workbooks', async () => {
  const run = await cli('review', root, '--results');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--out');
  expect(run.stderr).toContain('评分结果');
  expect(run.stderr).not.toContain('评分表');
});
