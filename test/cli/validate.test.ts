// `target-sheets validate` end to end (the CLI's own code, in process) on real generated files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli';
import { catalog2019, sampleUnit } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from '../integration/validate-corpus';

let dir: string;
let valid: string;
let warned: string;
let invalid: string;
let csv: string;
let noCompletion: string;
let weightCell: string;
let completionCell: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ts-validate-cli-'));
  const t = await template(sampleUnit);
  weightCell = `E${t.plan.layout.itemRows[0]!.row}`;
  valid = path.join(dir, '省地质矿产勘查开发局.xlsx');
  warned = path.join(dir, '取消了保护.xlsx');
  invalid = path.join(dir, '改了分值.xlsx');
  csv = path.join(dir, '其实是csv.xlsx');
  writeFileSync(valid, await edit(t, fillCorrectly));
  writeFileSync(
    warned,
    await edit(t, (e) => {
      fillCorrectly(e);
      e.sheet.unprotect();
    }),
  );
  writeFileSync(
    invalid,
    await edit(t, (e) => {
      fillCorrectly(e);
      e.sheet.getCell(e.at(0, 'weight')).value = 9;
    }),
  );
  writeFileSync(csv, '序号,分值\n1,8\n');
  noCompletion = path.join(dir, '缺完成情况.xlsx');
  completionCell = `F${t.plan.layout.itemRows[2]!.row}`;
  writeFileSync(
    noCompletion,
    await edit(t, (e) => {
      fillCorrectly(e);
      e.sheet.getCell(e.at(2, 'completion')).value = null;
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a valid sheet (and one with only a warning) exits 0 and says 通过 in Chinese', async () => {
  const run = await cli('validate', valid, warned);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`${valid}：通过`);
  expect(run.stdout).toContain(`单位：${sampleUnit.name}（2019 年）`);
  expect(run.stdout).toContain('警告 [protection-removed] 工作表保护已被取消');
  expect(run.stdout).toContain('共 2 个文件：通过 2，不通过 0，无法识别 0。');
});

test('a sheet with a 自评得分 and an empty 完成情况 exits 1 and names that 完成情况 cell', async () => {
  const run = await cli('validate', noCompletion);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${noCompletion}：不通过`);
  expect(run.stdout).toMatch(
    new RegExp(`错误 ${completionCell} \\[completion-missing\\] 第 3 项「[^」]+」：已填自评得分，但没有填写完成情况。`),
  );
});

test('a sheet with a changed weight exits 1 and names the cell, in English with --lang en', async () => {
  const run = await cli('validate', valid, invalid, '--lang', 'en');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${invalid}: invalid`);
  expect(run.stdout).toMatch(
    new RegExp(
      `error ${weightCell} \\[weight-changed\\] Item 1 “[^”]+”: The weight was changed: it was \\d+, it is now 9\\.`,
    ),
  );
});

test('--json prints the documented shape for every file; a file that is not a workbook makes the exit code 2', async () => {
  const run = await cli('validate', valid, invalid, csv, '--json');
  expect(run.code).toBe(2);
  const json = JSON.parse(run.stdout) as { files: Array<Record<string, unknown>> };
  expect(json.files.map((f) => Object.keys(f).sort())).toEqual(
    Array(3).fill(['file', 'issues', 'kind', 'scorer', 'status', 'totals', 'unit']),
  );
  const [a, b, c] = json.files as Array<{
    file: string;
    unit: string | null;
    status: string;
    totals: Record<string, number | null>;
    issues: Array<Record<string, unknown>>;
  }>;
  expect(a).toMatchObject({ file: valid, unit: sampleUnit.name, status: 'valid', issues: [] });
  expect(Object.keys(a!.totals).sort()).toEqual(['assessed', 'self', 'weight']);
  expect(a!.totals.weight).toBe(100);
  expect(a!.totals.assessed).toBeNull();
  expect(b!.status).toBe('invalid');
  const issue = b!.issues.find((i) => i.code === 'weight-changed')!;
  expect(Object.keys(issue).sort()).toEqual(['cell', 'code', 'message', 'severity']);
  expect(issue).toMatchObject({ severity: 'error', cell: weightCell });
  expect(issue.message).toMatch(/^第 1 项「[^」]+」：分值被改动，原为 \d+，现为 9。$/);
  expect(c).toMatchObject({
    file: csv,
    unit: null,
    status: 'unreadable',
    issues: [{ severity: 'error', code: 'file-not-a-workbook', cell: null }],
  });
});

test('no file named: exit 2 with a message', async () => {
  const run = await cli('validate', '--lang', 'en');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Name the files to validate.');
});

test('a missing file is reported unreadable (exit 2), not a crash', async () => {
  const run = await cli('validate', path.join(dir, 'nope.xlsx'), '--json');
  expect(run.code).toBe(2);
  expect(JSON.parse(run.stdout).files[0]).toMatchObject({
    status: 'unreadable',
    issues: [{ code: 'file-cannot-open' }],
  });
});

test('a missing file and a folder: the reason in Chinese only on stdout, what the system said on stderr', async () => {
  const folder = path.join(dir, '一个文件夹.xlsx');
  mkdirSync(folder, { recursive: true });
  const run = await cli('validate', path.join(dir, 'nope.xlsx'), folder);
  expect(run.code).toBe(2);
  expect(run.stdout).toContain('  错误 [file-cannot-open] 无法打开文件：文件不存在');
  expect(run.stdout).toContain('  错误 [file-cannot-open] 无法打开文件：这是一个文件夹，不是文件');
  expect(run.stdout).not.toMatch(/ENOENT|EISDIR/);
  expect(run.stderr).toContain('ENOENT');
});

test('a truncated file: exit 2, the reason in Chinese only on stdout, the reader’s own account on stderr', async () => {
  const truncated = path.join(dir, '传了一半.xlsx');
  const whole = readFileSync(valid);
  writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
  const run = await cli('validate', truncated);
  expect(run.code).toBe(2);
  const line = run.stdout.split('\n').find((l) => l.includes('[file-corrupt]'))!;
  expect(line).toBe('  错误 [file-corrupt] 文件已损坏或不完整，无法读取（文件不完整，可能在传送或保存时被截断）。');
  expect(run.stderr).toBe(`target-sheets validate: ${truncated}: [file-corrupt] no end of central directory record\n`);
});

test('--catalog checks against a catalog file; an unreadable catalog exits 2 with a message', async () => {
  const catalogFile = path.join(dir, 'catalog.json');
  const newer = structuredClone(catalog2019);
  newer.units.find((u) => u.id === sampleUnit.id)!.items[0]!.weight += 1;
  writeFileSync(catalogFile, JSON.stringify(newer));
  const run = await cli('validate', valid, '--catalog', catalogFile, '--json');
  expect(run.code).toBe(1);
  expect(JSON.parse(run.stdout).files[0].issues.map((i: { code: string }) => i.code)).toContain('catalog-outdated');
  const same = path.join(dir, 'same.json');
  writeFileSync(same, JSON.stringify(catalog2019));
  expect((await cli('validate', valid, '--catalog', same)).code).toBe(0);
  // Without a path: the embedded 2019 catalog, which the sheet was made from.
  expect((await cli('validate', valid, '--catalog')).code).toBe(0);
  const missing = await cli('validate', valid, '--catalog', path.join(dir, 'none.json'));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('无法读取考核目标目录');
});
