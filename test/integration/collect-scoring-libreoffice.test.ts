// Issue 13's LibreOffice round trip of the scoring workbooks: `review` builds them from two returned sheets; the
// 办公室's and the 考核组's workbooks are filled in LibreOffice (through UNO: 考核得分 and 考核扣分说明 of the
// 厅机关处室 sheet, cells the probe reports unlocked on the protected sheet), recalculated and saved by
// LibreOffice, and pushed --as scoring. The 自然资源开发利用处's workbook is filled the same way, then a 分值 is
// changed (ExcelJS) and the file put straight into the layout (push would refuse it). The 信息中心 returns nothing.
// collect then gives each unit an assessed total equal to the sum of the scores written — and equal to the core's
// merge of the saved files — the tampered workbook invalid, contributing nothing, and the 信息中心 missing with its
// pairs.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWorkbookBytes } from '../../src/app/check';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import type { CollectJson } from '../../src/cli/commands/collect';
import type { ReviewJson } from '../../src/cli/commands/review';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath, scoringPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { mergeScoring, readRecord, type ScoringSubmission } from '../../src/core/scoring-workbook';
import { findMetaSheet } from '../../src/core/validate/meta';
import { SheetGrid } from '../../src/core/validate/sheet';
import { readWorkbook } from '../../src/xlsx/read';
import { cli } from '../support/cli';
import { expandRanges, probeWithLibreOffice } from '../support/libreoffice';
import { edit, fill, template } from './validate-corpus';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-scoring-lo-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;
const city = catalog.units.find((u) => u.group === 'city')!;
const SHEET = '厅机关处室';
const total = (values: readonly number[]) => fromHundredths(values.reduce((s, v) => s + toHundredths(v), 0));

async function put(root: string, unit: Unit, bytes: Uint8Array): Promise<void> {
  const when = new Date('2019-12-20T08:00:00Z');
  const file = path.join(root, ...returnedPath(2019, unit.name, when, await sha256Hex(bytes)).split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** The 厅机关处室 rows of a workbook, from its record: full marks on even rows, half a point off (with a reason) else. */
function fillOf(file: string): { fill: Record<string, string | number>; scores: Map<string, number[]> } {
  const read = readWorkbook(new Uint8Array(readFileSync(file)));
  if (!read.ok) throw new Error(read.failure.code);
  const record = readRecord(new SheetGrid(findMetaSheet(read.contents)!).toRows(30_000, 20));
  if (!record.ok) throw new Error(record.field);
  const values: Record<string, string | number> = {};
  const scores = new Map<string, number[]>();
  record.rows
    .filter((r) => r.sheet === SHEET)
    .forEach((r, i) => {
      const weight = catalog.units.find((u) => u.id === r.unitId)!.items[r.itemIndex]!.weight;
      const value = i % 2 === 1 && weight >= 0.5 ? weight - 0.5 : weight;
      values[`K${r.row}`] = value;
      if (value < weight) values[`L${r.row}`] = '佐证材料不足';
      scores.set(r.unitId, [...(scores.get(r.unitId) ?? []), value]);
    });
  return { fill: values, scores };
}

test('scoring workbooks filled in LibreOffice: collect’s assessed totals are the scores written', async () => {
  const root = path.join(work, 'share');
  for (const unit of [office, city])
    await put(
      root,
      unit,
      await edit(await template(unit), (e) => fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight }))),
    );
  const review = await cli('review', root, '--out', path.join(work, 'built'), '--json');
  expect(review.code).toBe(0);
  const books = (JSON.parse(review.stdout) as ReviewJson).workbooks;
  const byScorer = (name: string) => books.find((b) => b.scorer === name)!;
  const filled = ['办公室', '考核组', '自然资源开发利用处'].map((scorer) => {
    const { fill: values, scores } = fillOf(byScorer(scorer).file);
    return { scorer, values, scores, saved: path.join(work, `${scorer}-lo.xlsx`) };
  });

  const results = await probeWithLibreOffice(
    filled.map((f) => ({ path: byScorer(f.scorer).file, sheet: SHEET, fill: f.values, saveAs: f.saved })),
  );
  for (const [i, r] of results.entries()) {
    expect(r.error).toBeUndefined();
    expect(r.sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
    // Only cells LibreOffice reports unlocked were written.
    const unlocked = new Set(r.formatRanges.filter((f) => !f.locked).flatMap((f) => expandRanges(f.ranges, 2_000, 12)));
    for (const address of Object.keys(filled[i]!.values)) expect(unlocked.has(address)).toBe(true);
  }

  // 办公室 and 考核组: pushed as scorers return them. 自然资源开发利用处: a 分值 changed after saving.
  for (const f of filled.slice(0, 2)) {
    const push = await cli('push', f.saved, '--to', root, '--as', 'scoring');
    expect([push.code, push.stderr.includes('target-sheets push:')]).toEqual([0, false]);
  }
  const tampered = filled[2]!;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(tampered.saved) as unknown as ArrayBuffer);
  const weightCell = Object.keys(tampered.values)[0]!.replace('K', 'F');
  workbook.getWorksheet(SHEET)!.getCell(weightCell).value = 9;
  const tamperedBytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const tamperedPath = scoringPath(2019, tampered.scorer, new Date('2019-12-28T00:00:00Z'), sha256Hex(tamperedBytes));
  mkdirSync(path.join(root, path.dirname(tamperedPath)), { recursive: true });
  writeFileSync(path.join(root, tamperedPath), tamperedBytes);

  const run = await cli('collect', root, '--json');
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as CollectJson;

  // Each 厅机关处室 unit: the sum of what the 办公室 and the 考核组 wrote for it, nothing of the tampered workbook.
  const written = new Map<string, number[]>();
  for (const f of filled.slice(0, 2))
    for (const [unitId, values] of f.scores) written.set(unitId, [...(written.get(unitId) ?? []), ...values]);
  const departments = catalog.units.filter((u) => u.group === 'department');
  expect(departments.length).toBeGreaterThan(1);
  for (const unit of departments) {
    const row = json.units.find((u) => u.name === unit.name)!;
    expect([unit.name, row.assessed]).toEqual([unit.name, total(written.get(unit.id)!)]);
    // Not scored: 信用体系建设 (the tampered workbook's) and 信息化建设 (not returned).
    expect(row.assessedItems).toBe(unit.items.length - 2);
  }
  // Units of the other sheets were not scored at all.
  expect(json.units.find((u) => u.name === city.name)).toMatchObject({ assessed: null, assessedItems: 0 });

  // The same as the core's merge of the files as saved.
  const submissions: ScoringSubmission[] = [
    ...filled.slice(0, 2).map((f) => f.saved),
    path.join(root, tamperedPath),
  ].map((file) => {
    const checked = checkWorkbookBytes(new Uint8Array(readFileSync(file)), { catalog });
    if (checked.kind !== 'scoring') throw new Error(`${file} is not a scoring workbook`);
    return { file, submittedAt: null, report: checked.report };
  });
  const merge = mergeScoring(catalog, submissions, { teamName: '考核组' });
  for (const m of merge.units) expect(json.units.find((u) => u.name === m.unitName)!.assessed).toBe(m.assessed);

  // The tampered workbook: invalid (the changed 分值 named), contributing nothing; its scorer's pairs unscored.
  const land = json.scoring.find((s) => s.scorer === tampered.scorer)!;
  expect(land).toMatchObject({ status: 'invalid', scored: 0, pairs: 40 });
  const listed = json.invalid.find((f) => f.file.endsWith(path.basename(tamperedPath)))!;
  expect(listed.issues.map((i) => i.code)).toContain('weight-changed');
  // The 信息中心: missing, with its pairs.
  const info = json.scoring.find((s) => s.scorer === '信息中心')!;
  expect(info).toMatchObject({ status: 'missing', file: null, scored: 0, pairs: 40 });
  expect(info.unscored.map((p) => p.unit).sort()).toEqual(
    catalog.units
      .filter((u) => u.items.some((i) => i.item === '信息化建设' && i.owner !== null))
      .map((u) => u.name)
      .sort(),
  );
  expect(json.scoring.filter((s) => s.status === 'valid').map((s) => s.scorer)).toEqual(['办公室', '考核组']);
}, 600_000);
