// `archive FROM --out DIR` and `archive --verify DIR` over real returned sheets (generated templates filled through
// ExcelJS), a register and a survey written by ExcelJS, the 2019 catalog embedded. The share holds the five used
// sheets of test/cli/collect-results.test.ts (same figures), an older valid sheet of unit A and a file that is no
// workbook, so the archive has both used/ and unused/ sheets. Each tampering test works on its own copy. A second
// share holds scoring workbooks (评分表) too, built with `review`, filled as collect-scoring.test.ts does and filed
// with `push --as scoring`: its archive must carry them and verify.
import ExcelJS from 'exceljs';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Run } from '../support/cli';
import { parseManifest, type ArchiveManifest } from '../../src/app/archive';
import type { Unit } from '../../src/core/catalog/model';
import type { ReviewJson } from '../../src/cli/commands/review';
import { returnedPath, scoringPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalog2019 } from '../core/validate/fixture';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { edit, fill, template } from '../integration/validate-corpus';
import { scoreWorkbook } from '../support/score-workbook';
import { scored, sheetFile } from '../support/results-fixtures';

const bureaus = catalog2019.units.filter((u) => u.group === 'bureau');
const cities = catalog2019.units.filter((u) => u.group === 'city');
const [unitA, unitB, unitC, unitD] = bureaus as [Unit, Unit, Unit, Unit];
const unitE = cities[0]!;

const SETTINGS = {
  weights: { self: 20, assessed: 60, survey: 20 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '合格', min: 80 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 3,
};

const registerRows = (deductionB: number): unknown[][] => [
  ['单位', '类型', '分值', '事由', '文号', '日期'],
  [unitA.name, '加分', 2, '获省级表彰'],
  [unitA.name, '加分', 2, '获国家级表彰'],
  [unitC.name, '加分', 1.8, '承办全省现场会'],
  [unitB.name, '扣分', deductionB, '信息报送迟报'],
  [unitD.name, '一票否决', null, '发生重大安全生产事故'],
];

const CREATED_AT = '2020-01-10T08:00:00Z';
const FOLDER = '2019-archive-20200110T080000Z';

let work: string;
let root: string;
let out: string;
let archived: string;
let run: Run;
let manifest: ArchiveManifest;
let copies = 0;
const file = (name: string): string => path.join(work, name);

const archiveArgs = (): string[] => [
  'archive',
  root,
  '--out',
  out,
  '--settings',
  file('settings.json'),
  '--register',
  file('register.xlsx'),
  '--survey',
  file('survey.xlsx'),
  '--created-at',
  CREATED_AT,
];

/** A fresh copy of the archive to tamper with. */
function copy(): string {
  const dir = path.join(work, `copy-${++copies}`);
  cpSync(archived, dir, { recursive: true });
  return dir;
}

/** Rewrites a file of a copy and fixes its size and hash in the manifest, so only the recomputation can tell. */
function replaceWithFixedHash(dir: string, rel: string, bytes: Uint8Array): void {
  writeFileSync(path.join(dir, rel), bytes);
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
  const entry = m.files.find((f) => f.path === rel)!;
  entry.size = bytes.length;
  entry.sha256 = sha256Hex(bytes);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-archive-'));
  root = path.join(work, 'share');
  out = path.join(work, 'archives');
  mkdirSync(out);
  const put = async (unit: Unit, at: string, bytes: Uint8Array): Promise<void> => {
    const rel = returnedPath(2019, unit.name, new Date(at), sha256Hex(bytes));
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), bytes);
  };
  const fills: Array<[Unit, number, number]> = [
    [unitA, 2, 4],
    [unitB, 1, 5],
    [unitC, 3, 3],
    [unitD, 0, 0],
    [unitE, 0.5, 1],
  ];
  for (const [unit, selfOff, assessedOff] of fills)
    // Version-1 templates, where 考核得分 was open in the unit's sheet (as in collect-results.test.ts).
    await put(unit, '2020-01-05T09:00:00Z', await edit(await template(unit, 1), scored(selfOff, assessedOff)));
  // Unit A's earlier sheet (valid, superseded) and a file that is no workbook: both archived as not used.
  await put(unitA, '2020-01-03T09:00:00Z', await edit(await template(unitA, 1), scored(10, 10)));
  writeFileSync(path.join(root, '2019', 'returned', unitB.name, 'scan.xlsx'), 'not a workbook');

  writeFileSync(file('settings.json'), JSON.stringify(SETTINGS));
  writeFileSync(file('register.xlsx'), await sheetFile(registerRows(1.5)));
  writeFileSync(
    file('survey.xlsx'),
    await sheetFile([
      ['单位', '优秀', '良好', '一般', '差'],
      [unitA.name, 8, 2, 0, 0],
      [unitB.name, 5, 5, 0, 0],
      [unitC.name, 10, 0, 0, 0],
      [unitD.name, 10, 0, 0, 0],
      [unitE.name, 1, 2, 0, 0],
    ]),
  );
  run = await cli(...archiveArgs());
  if (run.code !== 0) throw new Error(`archive failed (${run.code}): ${run.stderr}`);
  archived = path.join(out, FOLDER);
  manifest = parseManifest(readFileSync(path.join(archived, 'manifest.json'), 'utf8'))!;
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('archive FROM --out DIR', () => {
  test('writes a new dated folder and says where, with the manifest’s SHA-256', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`已归档到 ${archived}：`);
    expect(run.stdout).toMatch(/清单 SHA-256：[0-9a-f]{64}/);
  });

  test('the manifest reads back through its schema and lists every file by role, with its size and SHA-256', () => {
    expect(manifest).not.toBeNull();
    expect(manifest.year).toBe(2019);
    expect(manifest.tool.name).toBe('target-sheets');
    const roles = manifest.files.map((f) => [f.role, f.path.split('/')[0], f.reason ?? null]);
    expect(roles.filter(([r]) => r === 'returned-used')).toHaveLength(5);
    expect(manifest.files.filter((f) => f.role === 'returned-unused').map((f) => f.reason)).toEqual(
      expect.arrayContaining(['older', 'unreadable']),
    );
    expect(manifest.files.filter((f) => f.role === 'returned-unused')).toHaveLength(2);
    for (const f of manifest.files.filter((x) => x.role.startsWith('returned-')))
      expect(f.path.startsWith(f.role === 'returned-used' ? 'used/' : 'unused/')).toBe(true);
    expect(manifest.files.filter((f) => !f.role.startsWith('returned-')).map((f) => [f.role, f.path])).toEqual([
      ['catalog', 'catalog/2019-targets.txt'],
      ['settings', 'settings/settings.json'],
      ['register', 'register/register.xlsx'],
      ['survey', 'survey/survey.xlsx'],
      ['summary', '2019年度考核汇总.xlsx'],
    ]);
    for (const f of manifest.files) {
      const bytes = new Uint8Array(readFileSync(path.join(archived, f.path)));
      expect([f.path, bytes.length, sha256Hex(bytes)]).toEqual([f.path, f.size, f.sha256]);
    }
    expect(readFileSync(path.join(archived, 'register', 'register.xlsx'))).toEqual(readFileSync(file('register.xlsx')));
  });

  test('the manifest holds the computed result (the figures of collect-results.test.ts) and the decision', () => {
    const unit = (u: Unit) => manifest.result!.units.find((x) => x.name === u.name)!;
    expect(unit(unitA)).toMatchObject({ final: 99.4, grade: '良好', rank: 1, veto: false });
    expect(unit(unitB)).toMatchObject({ final: 93.3, grade: '良好', rank: 3, deduction: 1.5 });
    expect(unit(unitD)).toMatchObject({ final: 100, grade: '不合格', rank: 4, veto: true });
    expect(unit(unitE)).toMatchObject({ final: 96.63, grade: '优秀', rank: 1 });
    expect(manifest.result!.decisions).toEqual([
      { group: 'bureau', units: [unitA.name, unitC.name], code: 'quota-tie' },
    ]);
  });

  test('the summary in the archive has the 考核结果 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path.join(archived, '2019年度考核汇总.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('考核结果');
  });

  test('an existing destination is refused and left as it was', async () => {
    const before = readFileSync(path.join(archived, 'manifest.json'));
    const again = await cli(...archiveArgs());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`归档文件夹 ${archived} 已存在，不覆盖已有归档。`);
    expect(readFileSync(path.join(archived, 'manifest.json'))).toEqual(before);
    expect(readdirSync(out)).toEqual([FOLDER]);
  });

  test('a refused settings file stops the archive before anything is written', async () => {
    writeFileSync(file('bad.json'), JSON.stringify({ weights: { self: 20, assessed: 70 } }));
    const r = await cli('archive', root, '--out', out, '--settings', file('bad.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('weights：自评、考核、测评三项权重之和须为 100，现为 90。');
    expect(readdirSync(out)).toEqual([FOLDER]);
  });
});

describe('archive --verify DIR', () => {
  test('an untouched archive: exit 0 with a one-line Chinese confirmation', async () => {
    const r = await cli('archive', '--verify', archived);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `归档核验通过：${manifest.files.length} 个文件与清单一致，按归档文件重新计算的 ${manifest.result!.units.length} 个单位的考核结果与清单相同。`,
    );
  });

  test('one byte of an archived returned sheet changed: exit 1 naming that file', async () => {
    const dir = copy();
    const sheet = manifest.files.find((f) => f.role === 'returned-used')!.path;
    const bytes = readFileSync(path.join(dir, sheet));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(path.join(dir, sheet), bytes);
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`归档文件已被改动：${sheet}（SHA-256 不一致）`);
  });

  test('the manifest’s result edited for a unit: exit 1 naming the unit', async () => {
    const dir = copy();
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    m.result!.units.find((u) => u.name === unitB.name)!.final = 95.3;
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`单位「${unitB.name}」的最终得分清单记载为 95.3，重新计算为 93.3。`);
  });

  test('an input replaced and its hash fixed in the manifest: the recomputation names the unit', async () => {
    const dir = copy();
    replaceWithFixedHash(dir, 'register/register.xlsx', await sheetFile(registerRows(2.5)));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`单位「${unitB.name}」的最终得分清单记载为 93.3，重新计算为 92.3。`);
  });

  test('a used sheet moved to unused/ (manifest fixed to match): collect decides otherwise, named', async () => {
    const dir = copy();
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    const used = m.files.find((f) => f.role === 'returned-used')!;
    const moved = used.path.replace(/^used\//, 'unused/');
    mkdirSync(path.dirname(path.join(dir, moved)), { recursive: true });
    cpSync(path.join(dir, used.path), path.join(dir, moved));
    rmSync(path.join(dir, used.path));
    Object.assign(used, { path: moved, role: 'returned-unused', reason: 'older' });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`重新汇总时，交回的考核目标评分表 ${moved} 的采用情况与清单记载不同。`);
  });

  test('a missing file: exit 1 naming it', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'survey', 'survey.xlsx'));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('归档文件缺失：survey/survey.xlsx');
  });

  test('an extra file is reported, not ignored (collect would read it): exit 1 naming it', async () => {
    const dir = copy();
    const extra = path.join(dir, 'used', unitB.name, 'later.xlsx');
    cpSync(path.join(dir, manifest.files.find((f) => f.role === 'returned-used')!.path), extra);
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`归档中有清单之外的文件：used/${unitB.name}/later.xlsx`);
  });

  test('a folder without a manifest cannot be verified: exit 2', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'manifest.json'));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('归档中找不到清单 manifest.json，无法核验。');
    expect(existsSync(dir)).toBe(true);
  });

  test('English with --lang en', async () => {
    const r = await cli('archive', '--verify', archived, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Archive verified: /);
  });
});

describe('archive and --verify with scoring workbooks (评分表)', () => {
  const office = catalog2019.units.find((u) => u.name === '办公室')!;
  const total = (values: readonly number[]) => fromHundredths(values.reduce((sum, v) => sum + toHundredths(v), 0));
  let share: string;
  let scoredArchive: string;
  let scoredManifest: ArchiveManifest;
  let written: Map<string, number[]>;
  let earlier: string;

  beforeAll(async () => {
    share = path.join(work, 'scoring-share');
    const archives = path.join(work, 'scoring-archives');
    mkdirSync(archives);
    for (const unit of [office, unitE]) {
      const bytes = await edit(await template(unit), (e) =>
        fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight })),
      );
      const rel = returnedPath(2019, unit.name, new Date('2019-12-20T08:00:00Z'), sha256Hex(bytes));
      mkdirSync(path.dirname(path.join(share, rel)), { recursive: true });
      writeFileSync(path.join(share, rel), bytes);
    }
    const reviewed = path.join(work, 'scoring-review');
    const review = await cli('review', share, '--out', reviewed, '--json', '--created-at', '2019-12-25T00:00:00Z');
    if (review.code !== 0) throw new Error(`review failed (${review.code}): ${review.stderr}`);
    const books = (JSON.parse(review.stdout) as ReviewJson).workbooks;
    written = new Map();
    for (const book of books) {
      if (book.scorer === '信息中心') continue; // not returned
      for (const [unitId, values] of await scoreWorkbook(catalog2019, book.file, new Set([office.id, unitE.id])))
        written.set(unitId, [...(written.get(unitId) ?? []), ...values]);
      const push = await cli('push', book.file.replace(/\.xlsx$/, '-scored.xlsx'), '--to', share, '--as', 'scoring');
      if (push.code !== 0) throw new Error(`push failed (${push.code}): ${push.stderr}`);
    }
    // The first scorer's workbook as it was first sent, unscored: filed before the scored one, so not counted.
    const first = books.find((b) => b.scorer !== '信息中心')!;
    const bytes = new Uint8Array(readFileSync(first.file));
    earlier = scoringPath(2019, first.scorer, new Date('2019-12-26T08:00:00Z'), sha256Hex(bytes));
    mkdirSync(path.dirname(path.join(share, earlier)), { recursive: true });
    writeFileSync(path.join(share, earlier), bytes);

    const r = await cli(
      'archive',
      share,
      '--out',
      archives,
      '--settings',
      file('settings.json'),
      '--created-at',
      CREATED_AT,
    );
    if (r.code !== 0) throw new Error(`archive failed (${r.code}): ${r.stderr}`);
    scoredArchive = path.join(archives, FOLDER);
    scoredManifest = parseManifest(readFileSync(path.join(scoredArchive, 'manifest.json'), 'utf8'))!;
  }, 300_000);

  test('every scoring workbook is archived below scoring/used/ or scoring/unused/, with its role, size and SHA-256', () => {
    const scoring = scoredManifest.files.filter((f) => f.role.startsWith('scoring-'));
    const used = scoring.filter((f) => f.role === 'scoring-used');
    const unused = scoring.filter((f) => f.role === 'scoring-unused');
    // Every scorer but the 信息中心 returned one; the earlier, unscored copy is kept but not counted.
    expect(used.length).toBeGreaterThan(0);
    // Below scoring/used/ as below <year>/scoring/ in the share: <scorer>/<scorer>-<timestamp>-<hash>.xlsx.
    for (const f of used)
      expect([f.path, f.reason]).toEqual([expect.stringMatching(/^scoring\/used\/[^/]+\/[^/]+\.xlsx$/), undefined]);
    expect(unused.map((f) => f.path)).toEqual([`scoring/unused/${earlier.slice('2019/scoring/'.length)}`]);
    expect(unused[0]!.reason).toBe('older');
    expect(unused[0]!.submittedAt).toBe('2019-12-26T08:00:00.000Z');
    for (const f of scoring) {
      const bytes = new Uint8Array(readFileSync(path.join(scoredArchive, f.path)));
      expect([f.path, bytes.length, sha256Hex(bytes)]).toEqual([f.path, f.size, f.sha256]);
      expect(f.submittedAt).toEqual(expect.any(String));
    }
    expect(readFileSync(path.join(scoredArchive, unused[0]!.path))).toEqual(readFileSync(path.join(share, earlier)));
    // The result recorded is the merged one: 办公室's 考核得分 is the sum of the scores written.
    const unit = scoredManifest.result!.units.find((u) => u.name === office.name)!;
    expect(unit.assessed).toBe(total(written.get(office.id)!));
  });

  test('--verify: the archive is sound, exit 0', async () => {
    const r = await cli('archive', '--verify', scoredArchive);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(`归档核验通过：${scoredManifest.files.length} 个文件与清单一致`);
  });

  test('one byte of an archived scoring workbook changed: exit 1 naming that file', async () => {
    const dir = path.join(work, 'scoring-copy-1');
    cpSync(scoredArchive, dir, { recursive: true });
    const book = scoredManifest.files.find((f) => f.role === 'scoring-used')!.path;
    const bytes = readFileSync(path.join(dir, book));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(path.join(dir, book), bytes);
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`归档文件已被改动：${book}（SHA-256 不一致）`);
  });

  test('the manifest says the counted scoring workbook was not counted: the merge differs, named', async () => {
    const dir = path.join(work, 'scoring-copy-2');
    cpSync(scoredArchive, dir, { recursive: true });
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    const used = m.files.find((f) => f.role === 'scoring-used')!;
    Object.assign(used, { role: 'scoring-unused', reason: 'older' });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    const r = await cli('archive', '--verify', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`重新汇总时，评分表 ${used.path} 的采用情况与清单记载不同`);
  });
});
