// `push FILE --as scoring`: a scorer's scoring workbook (评分表) is checked as one and filed under
// <year>/scoring/<scorer>/<scorer>-<UTC time>-<8 hex>.xlsx, never overwriting; a tampered one, a unit's sheet sent
// as one, and a scoring workbook sent as a returned sheet are refused with the validator's reason.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoringPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalogIdentity } from '../../src/core/plan/fingerprint';
import { buildScoringWorkbook, scoringInputs, type ScoringWorkbookPlan } from '../../src/core/scoring-workbook';
import { scoringTexts } from '../../src/i18n/scoring-texts';
import { renderWorkbookToXlsx } from '../../src/xlsx/render';
import { catalog2019, CREATED_AT } from '../core/plan/catalog-2019';
import { cli } from '../support/cli';

let work: string;
let plan: ScoringWorkbookPlan;
let bytes: Uint8Array;
beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-push-scoring-'));
  const catalog = catalog2019();
  const input = scoringInputs(catalog, catalogIdentity(catalog), new Map()).find((i) => i.scorer.kind === 'unit')!;
  plan = buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
  bytes = await renderWorkbookToXlsx(plan);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: Uint8Array): string {
  const f = path.join(work, name);
  writeFileSync(f, content);
  return f;
}

test('scoringPath: scoring/<scorer>/<scorer>-<time>-<8 hex>.xlsx, the scorer made safe', () => {
  expect(scoringPath(2019, '办公室', new Date('2019-12-20T08:00:00Z'), 'ABCDEF0123456789')).toBe(
    '2019/scoring/办公室/办公室-20191220T080000Z-abcdef01.xlsx',
  );
  expect(scoringPath(2019, '信息/中心', new Date('2019-12-20T08:00:00Z'), 'abcdef01')).toBe(
    '2019/scoring/信息_中心/信息_中心-20191220T080000Z-abcdef01.xlsx',
  );
});

test('a scoring workbook is filed under scoring/<scorer>/ by its own record, twice as two versions', async () => {
  const share = path.join(work, 'share');
  mkdirSync(share);
  // Two returns of one scorer's workbook (made at another time: other bytes, so never the same name).
  const later = await renderWorkbookToXlsx(
    buildScoringWorkbook(plan.input, { createdAt: '2019-12-02T00:00:00.000Z', texts: scoringTexts('zh-CN') }),
  );
  const runs = [
    await cli('push', file('any-name.xlsx', bytes), '--to', share, '--as', 'scoring'),
    await cli('push', file('other-name.xlsx', later), '--to', share, '--as', 'scoring'),
  ];
  expect(runs.map((r) => [r.code, r.stderr.includes('未提交')])).toEqual([
    [0, false],
    [0, false],
  ]);
  const scorer = plan.metadata.scorerName;
  const dir = path.join(share, '2019/scoring', scorer);
  const names = readdirSync(dir).sort();
  expect(names).toHaveLength(2);
  const byHash = new Map([bytes, later].map((b) => [sha256Hex(b).slice(0, 8), b]));
  for (const name of names) {
    const m = new RegExp(`^${scorer}-\\d{8}T\\d{6}Z-([0-9a-f]{8})\\.xlsx$`).exec(name);
    expect(m).not.toBeNull();
    expect(readFileSync(path.join(dir, name))).toEqual(Buffer.from(byHash.get(m![1]!)!));
  }
});

test('a tampered scoring workbook, a unit sheet --as scoring, a scoring workbook --as returned: not sent', async () => {
  const share = path.join(work, 'refused');
  mkdirSync(share);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = plan.sheets[0]!;
  workbook.getWorksheet(sheet.sheetName)!.getCell(`F${sheet.layout.units[0]!.rows[0]!.row}`).value = 9;
  const tampered = file('tampered.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
  const bad = await cli('push', tampered, '--to', share, '--as', 'scoring');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain(`${sheet.sheetName}!F`);

  const out = path.join(work, 'templates');
  expect((await cli('generate', '--out', out, '--unit', '人事处')).code).toBe(0);
  const unitSheet = await cli('push', path.join(out, '人事处.xlsx'), '--to', share, '--as', 'scoring');
  expect(unitSheet.code).toBe(1);

  const asReturned = await cli('push', file('scoring.xlsx', bytes), '--to', share);
  expect(asReturned.code).toBe(1);
  expect(asReturned.stderr).toContain('这是评分表，不是单位的考核目标评分表');
  expect(readdirSync(share)).toEqual([]);
}, 60_000);
