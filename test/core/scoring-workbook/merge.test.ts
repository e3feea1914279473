// The merge of scoring workbooks on the 2019 catalog: workbooks as the scoring validator reports them (identity and
// entries), one per scorer of catalogScorers, scored by rules; and one real rendered workbook through the
// validator, so the merge reads what the validator gives. Conflicts (another catalog, a score by a non-owner, two
// scores for one pair) are errors and never settled by picking one.
import fc from 'fast-check';
import type { Catalog } from '../../../src/core/catalog/model';
import { catalogScorers, scorerKey, type CatalogScorer } from '../../../src/core/catalog/scorers';
import { catalogFingerprint, catalogIdentity } from '../../../src/core/plan/fingerprint';
import { fromHundredths, toHundredths } from '../../../src/core/scoring';
import {
  buildScoringWorkbook,
  mergeScoring,
  scoringInputs,
  type ScoringSubmission,
} from '../../../src/core/scoring-workbook';
import { validateScoringWorkbook, type ScoringEntry } from '../../../src/core/scoring-workbook/validate';
import type { CellContent } from '../../../src/core/validate/grid';
import { allScoringTexts, scoringTexts } from '../../../src/i18n/scoring-texts';
import { readWorkbook } from '../../../src/xlsx/read';
import { renderWorkbookToXlsx } from '../../../src/xlsx/render';
import { catalog2019, CREATED_AT } from '../plan/catalog-2019';

const TEAM = '考核组';
let catalog: Catalog;
let scorers: CatalogScorer[];

beforeAll(() => {
  catalog = catalog2019();
  scorers = catalogScorers(catalog);
});

/** A workbook of `s` as the validator reports it, each pair scored by `scoreOf` (null: left blank). */
function workbook(
  s: CatalogScorer,
  scoreOf: (unitId: string, index: number, weight: number) => number | null,
  at: Partial<ScoringSubmission> & { year?: number; fingerprint?: string; status?: 'valid' | 'invalid' } = {},
): ScoringSubmission {
  const units = new Map(catalog.units.map((u) => [u.id, u]));
  const entries: ScoringEntry[] = s.pairs.map(({ unitId, index }, i) => {
    const unit = units.get(unitId)!;
    const weight = unit.items[index]!.weight;
    return {
      unitId,
      unitName: unit.name,
      itemIndex: index,
      sheet: 'S',
      cell: `K${i + 5}`,
      weight,
      assessedScore: scoreOf(unitId, index, weight),
      assessedReason: '',
    };
  });
  const scorerName = s.scorer.kind === 'team' ? TEAM : s.scorer.name;
  return {
    file: at.file ?? `2019/scoring/${scorerName}/${scorerName}-20191210T000000Z-aaaa.xlsx`,
    submittedAt: at.submittedAt ?? '2019-12-10T00:00:00Z',
    report: {
      status: at.status ?? 'valid',
      identity: {
        scorer: s.scorer,
        scorerName,
        year: at.year ?? catalog.year,
        catalogSource: catalog.source,
        catalogFingerprint: at.fingerprint ?? catalogFingerprint(catalog),
        createdAt: CREATED_AT,
        sheets: ['S'],
      },
      entries,
      issues:
        at.status === 'invalid'
          ? [{ severity: 'error', code: 'weight-changed', cell: 'F5', unit: null, params: {} }]
          : [],
    },
  };
}

const full = (_u: string, _i: number, w: number) => w;
const byName = (name: string) => scorers.find((s) => (s.scorer.kind === 'team' ? TEAM : s.scorer.name) === name)!;

test('every scorer returned full marks: every unit assessed on every item, its total the catalog weight', () => {
  const merge = mergeScoring(
    catalog,
    scorers.map((s) => workbook(s, full)),
    { teamName: TEAM },
  );
  expect(merge.problems).toEqual([]);
  expect(merge.units).toHaveLength(catalog.units.length);
  for (const [i, unit] of catalog.units.entries()) {
    const m = merge.units[i]!;
    expect(m).toMatchObject({ unitId: unit.id, items: unit.items.length, assessedItems: unit.items.length });
    expect(m.assessed).toBe(fromHundredths(unit.items.reduce((s, it) => s + toHundredths(it.weight), 0)));
  }
  expect(merge.scorers.map((s) => [s.key, s.status, s.pairs, s.scored, s.unscored.length])).toEqual(
    scorers.map((s) => [scorerKey(s.scorer), 'valid', s.pairs.length, s.pairs.length, 0]),
  );
  expect(merge.submissions.every((s) => s.fate === 'used')).toBe(true);
});

test('property: each unit’s assessed total is the sum of the scores its pairs’ scorers wrote; counts agree', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.subarray([0, 1, 2, 3]), (seed, returned) => {
      // A score in hundredths from the seed, or blank for about one pair in five.
      const scoreOf = (unitId: string, index: number, weight: number) => {
        let h = seed;
        for (const c of `${unitId}/${index}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
        const r = Math.abs(h);
        return r % 5 === 0 ? null : fromHundredths(r % (toHundredths(weight) + 1));
      };
      const books = returned.map((i) => workbook(scorers[i]!, scoreOf));
      const merge = mergeScoring(catalog, books, { teamName: TEAM });
      expect(merge.problems).toEqual([]);
      const returnedKeys = new Set(returned.map((i) => scorerKey(scorers[i]!.scorer)));
      for (const [u, unit] of catalog.units.entries()) {
        const expected = unit.items.flatMap((item, index) => {
          const s = scorers.find((x) => x.pairs.some((p) => p.unitId === unit.id && p.index === index))!;
          const v = returnedKeys.has(scorerKey(s.scorer)) ? scoreOf(unit.id, index, item.weight) : null;
          return v === null ? [] : [v];
        });
        const m = merge.units[u]!;
        expect(m.assessedItems).toBe(expected.length);
        expect(m.assessed).toBe(
          expected.length === 0 ? null : fromHundredths(expected.reduce((s, v) => s + toHundredths(v), 0)),
        );
      }
      for (const s of merge.scorers) {
        expect(s.status).toBe(returnedKeys.has(s.key) ? 'valid' : 'missing');
        expect(s.scored + s.unscored.length).toBe(s.pairs);
        if (!returnedKeys.has(s.key)) expect(s.file).toBeNull();
      }
      expect(merge.scorers.reduce((n, s) => n + s.scored, 0)).toBe(
        merge.units.reduce((n, u) => n + u.assessedItems, 0),
      );
    }),
    { numRuns: 25 },
  );
});

test('a scorer who has not returned is missing, with every pair of its own listed as unscored', () => {
  const merge = mergeScoring(
    catalog,
    scorers.filter((s) => s.scorer.kind !== 'text').map((s) => workbook(s, full)),
    { teamName: TEAM },
  );
  const info = merge.scorers.find((s) => s.scorer.kind === 'text')!;
  expect(info).toMatchObject({ status: 'missing', file: null, files: 0, pairs: 40, scored: 0 });
  expect(info.unscored).toHaveLength(40);
  expect(new Set(info.unscored.map((p) => p.item))).toEqual(new Set(['信息化建设']));
  // Those 40 units miss exactly that item.
  const missingOne = merge.units.filter((u) => u.assessedItems === u.items - 1);
  expect(missingOne.map((u) => u.unitId).sort()).toEqual(info.unscored.map((p) => p.unitId).sort());
});

test('the latest valid workbook of a scorer counts; a later invalid one is listed, never used', () => {
  const office = byName('办公室');
  const older = workbook(office, () => 0.5, { file: 'a.xlsx', submittedAt: '2019-12-01T00:00:00Z' });
  const newer = workbook(office, full, { file: 'b.xlsx', submittedAt: '2019-12-05T00:00:00Z' });
  const broken = workbook(office, () => 0, { file: 'c.xlsx', submittedAt: '2019-12-09T00:00:00Z', status: 'invalid' });
  const merge = mergeScoring(catalog, [broken, newer, older], { teamName: TEAM });
  expect(merge.submissions.map((s) => [s.file, s.fate])).toEqual([
    ['c.xlsx', 'invalid'],
    ['b.xlsx', 'used'],
    ['a.xlsx', 'older'],
  ]);
  const row = merge.scorers.find((s) => s.key === scorerKey(office.scorer))!;
  expect(row).toMatchObject({ status: 'valid', file: 'b.xlsx', files: 3, scored: 120 });
  const scored = merge.units.flatMap((u) => u.scores.filter((s) => s.score !== null));
  expect(scored.every((s) => s.file === 'b.xlsx')).toBe(true);
  expect(scored).toHaveLength(120);

  const onlyBroken = mergeScoring(catalog, [broken], { teamName: TEAM });
  expect(onlyBroken.scorers.find((s) => s.key === scorerKey(office.scorer))).toMatchObject({
    status: 'invalid',
    file: 'c.xlsx',
    scored: 0,
  });
  expect(onlyBroken.units.every((u) => u.assessed === null)).toBe(true);
});

test('a workbook for another year or another version of the catalog is an error and contributes nothing', () => {
  const land = byName('自然资源开发利用处');
  const other = workbook(land, full, { year: 2020 });
  const edited = workbook(land, full, { fingerprint: 'f'.repeat(64), file: 'edited.xlsx' });
  for (const book of [other, edited]) {
    const merge = mergeScoring(catalog, [book], { teamName: TEAM });
    expect(merge.problems.map((p) => [p.file, p.issue.code, p.issue.severity])).toEqual([
      [book.file, 'scoring-catalog-differs', 'error'],
    ]);
    expect(merge.submissions[0]!.fate).toBe('foreign');
    expect(merge.units.every((u) => u.assessed === null)).toBe(true);
    expect(merge.scorers.find((s) => s.key === scorerKey(land.scorer))).toMatchObject({ status: 'invalid', scored: 0 });
  }
});

test('a score by a scorer that does not own the item is an error, not merged; with the owner’s, two scores', () => {
  const office = byName('办公室');
  const team = byName(TEAM);
  // The 考核组's workbook also carries the 40 信用体系建设 pairs (an owner changed after it was built).
  const land = byName('自然资源开发利用处');
  const stray = workbook({ ...team, pairs: [...team.pairs, ...land.pairs] }, full);
  const info = byName('信息中心');
  const alone = mergeScoring(catalog, [stray, workbook(office, full), workbook(info, full)], { teamName: TEAM });
  const notOwner = alone.problems.filter((p) => p.issue.code === 'scoring-not-owner');
  expect(notOwner).toHaveLength(40);
  expect(notOwner[0]!.issue.params).toMatchObject({ scorer: TEAM, item: '信用体系建设', owner: '自然资源开发利用处' });
  expect(alone.problems).toHaveLength(40);
  expect(alone.scorers.find((s) => s.key === scorerKey(land.scorer))).toMatchObject({ status: 'missing', scored: 0 });
  for (const u of alone.units.filter((x) => land.unitIds.includes(x.unitId))) {
    expect(u.assessedItems).toBe(u.items - 1);
  }

  const both = mergeScoring(catalog, [stray, workbook(land, () => 1)], { teamName: TEAM });
  const twice = both.problems.filter((p) => p.issue.code === 'scoring-pair-twice');
  expect(twice).toHaveLength(40);
  expect(twice[0]!.issue.params.count).toBe(2);
  // Never settled: the pair counts as not scored, in the owner's completeness too.
  expect(both.scorers.find((s) => s.key === scorerKey(land.scorer))).toMatchObject({ status: 'valid', scored: 0 });
});

test('a workbook for a scorer the catalog does not have is an error and contributes nothing', () => {
  const land = byName('自然资源开发利用处');
  const ghost = workbook({ ...land, scorer: { kind: 'text', name: '已撤销处' } }, full);
  const merge = mergeScoring(catalog, [ghost], { teamName: TEAM });
  expect(merge.problems.map((p) => p.issue.code)).toEqual(['scoring-scorer-unknown']);
  expect(merge.submissions[0]!.fate).toBe('unknown-scorer');
  expect(merge.units.every((u) => u.assessed === null)).toBe(true);
});

test('through the validator: a rendered 信息中心 workbook, scored in its cells, merges to the scores written', async () => {
  const input = scoringInputs(catalog, catalogIdentity(catalog), new Map()).find((i) => i.scorer.kind === 'text')!;
  const plan = buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
  const read = readWorkbook(await renderWorkbookToXlsx(plan));
  if (!read.ok) throw new Error(read.failure.code);
  const written = new Map<string, number>();
  let n = 0;
  // The 小计 and 合计 a spreadsheet program would have computed are stored with the scores (the validator checks them).
  const cached = (sheet: { cells: CellContent[] }, row: number, value: number) => {
    sheet.cells.find((c) => c.row === row && c.col === 11)!.value = Math.round(value * 100) / 100;
  };
  for (const sheetPlan of plan.sheets) {
    const sheet = read.contents.sheets.find((s) => s.name === sheetPlan.sheetName)!;
    let total = 0;
    for (const u of sheetPlan.layout.units) {
      let subtotal = 0;
      for (const r of u.rows) {
        // 2, 1.5, 2, 1.5 …: full marks or a deduction with its reason; every third unit left blank.
        if (n++ % 3 === 2) continue;
        const value = n % 2 === 0 ? 1.5 : 2;
        const cells: CellContent[] = [{ address: `K${r.row}`, row: r.row, col: 11, value }];
        if (value < 2) cells.push({ address: `L${r.row}`, row: r.row, col: 12, value: '资料不全' });
        for (const c of cells) {
          const i = sheet.cells.findIndex((x) => x.row === c.row && x.col === c.col);
          if (i >= 0) sheet.cells[i] = c;
          else sheet.cells.push(c);
        }
        written.set(u.unitId, (written.get(u.unitId) ?? 0) + value);
        subtotal += value;
      }
      cached(sheet, u.subtotalRow, subtotal);
      total += subtotal;
    }
    cached(sheet, sheetPlan.layout.totalRow, total);
  }
  const report = validateScoringWorkbook(read.contents, { texts: allScoringTexts() });
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const merge = mergeScoring(catalog, [{ file: 'info.xlsx', submittedAt: null, report }], { teamName: TEAM });
  // The validator's one warning (rows not scored yet) is listed with the workbook; the merge adds nothing.
  expect(merge.problems.map((p) => [p.file, p.issue.code, p.fate])).toEqual([
    ['info.xlsx', 'scoring-unscored', 'used'],
  ]);
  for (const u of merge.units) expect(u.assessed).toBe(written.get(u.unitId) ?? null);
  expect(merge.scorers.find((s) => s.scorer.kind === 'text')).toMatchObject({
    status: 'valid',
    pairs: 40,
    scored: written.size,
  });
});
