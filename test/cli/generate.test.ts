// `target-sheets generate` end to end: in process for the behaviour, and once through bin/ for the real process.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cli, installedCli } from '../support/cli';
import { resolveCreatedAt } from '../../src/cli/created-at';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { planRun } from '../../src/app/plan';
import { startApache } from '../support/apache';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-generate-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dir = (name: string) => path.join(work, name);

test('generates one file per unit of the 2019 document, with a progress line each and a summary', async () => {
  const run = await cli('generate', '--out', dir('all'), '--created-at', '2019-12-01T00:00:00Z');
  expect(run.code).toBe(0);
  const files = readdirSync(dir('all'));
  expect(files).toHaveLength(52);
  expect(files).toContain('省地质矿产勘查开发局.xlsx');
  expect(files).toContain('西宁市自然资源和规划局.xlsx');
  const lines = run.stdout.trim().split('\n');
  expect(lines.filter((l) => /^\[\d+\/52\] /.test(l))).toHaveLength(52);
  expect(lines[0]).toBe('[1/52] 省地质矿产勘查开发局 → 省地质矿产勘查开发局.xlsx（29 项）');
  expect(run.stdout).toMatch(/已生成 52 个文件，用时 [\d.]+ 秒/);
  expect(run.stdout).toContain('工作表已保护，未设密码。');
  // The 2019 document has two targets without a weight, both in one unit: said once, naming the unit.
  expect(run.stderr).toContain('注意：目录有 2 个错误，涉及：海北州自然资源局');
  // The result names the units whose sheets come with a problem of the catalog (warnings and errors tied to a unit).
  expect(run.stdout).toContain(
    '其中 3 个单位的考核目标评分表涉及目录中的问题，请核对：海西州自然资源局，海北州自然资源局，果洛州自然资源局',
  );
});

test('--unit picks units by exact name, also with spaces removed, and an unknown name fails without writing', async () => {
  const ok = await cli(
    'generate',
    '--out',
    dir('some'),
    '--unit',
    '人 事 处',
    '--unit',
    '办公室',
    '--created-at',
    '2019-12-01T00:00:00Z',
  );
  expect(ok.code).toBe(0);
  expect(readdirSync(dir('some')).sort()).toEqual(['人事处.xlsx', '办公室.xlsx']);
  const bad = await cli('generate', '--out', dir('none'), '--unit', '人事处', '--unit', '不存在的处');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('没有名为“不存在的处”的单位');
  expect(existsSync(dir('none'))).toBe(false);
});

test('--deadline is said in every 填报说明; a deadline that is no date fails without writing', async () => {
  const ok = await cli('generate', '--out', dir('deadline'), '--unit', '办公室', '--deadline', '2019-12-20');
  expect(ok.code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir('deadline'), '办公室.xlsx'));
  const notes = workbook.getWorksheet('填报说明')!;
  const lines: string[] = [];
  notes.eachRow((row) => lines.push(String(row.getCell(1).value)));
  expect(lines.at(-1)).toBe('八、截止日期：请于2019年12月20日前交回。');

  const bad = await cli('generate', '--out', dir('bad-deadline'), '--unit', '办公室', '--deadline', '2019-02-30');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('截止日期“2019-02-30”无法识别（应为 yyyy-mm-dd，例如 2019-12-20）。');
  expect(existsSync(dir('bad-deadline'))).toBe(false);
});

test('an existing file is never overwritten unless --force is given', async () => {
  const out = dir('exists');
  await cli('generate', '--out', out, '--unit', '人事处', '--created-at', '2019-12-01T00:00:00Z');
  writeFileSync(path.join(out, '人事处.xlsx'), 'mine');
  const refused = await cli('generate', '--out', out, '--unit', '人事处', '--unit', '办公室');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('文件已存在，未覆盖：人事处.xlsx');
  expect(readFileSync(path.join(out, '人事处.xlsx'), 'utf8')).toBe('mine');
  expect(existsSync(path.join(out, '办公室.xlsx'))).toBe(false);
  const forced = await cli('generate', '--out', out, '--unit', '人事处', '--force');
  expect(forced.code).toBe(0);
  expect(readFileSync(path.join(out, '人事处.xlsx')).subarray(0, 2).toString()).toBe('PK');
});

test('generate --push with a push password variable that is not set fails before writing anything', async () => {
  const run = await cli(
    'generate',
    '--out',
    dir('push-pw-missing'),
    '--unit',
    '人事处',
    '--push',
    dir('push-target'),
    '--push-password-env',
    'TS_TEST_NO_SUCH_PUSH_PW',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('环境变量 TS_TEST_NO_SUCH_PUSH_PW 未设置或为空');
  expect(existsSync(dir('push-pw-missing'))).toBe(false);
  expect(existsSync(dir('push-target'))).toBe(false);
});

test('a password comes only from the named environment variable; a missing variable fails without writing', async () => {
  const missing = await cli(
    'generate',
    '--out',
    dir('pw-missing'),
    '--unit',
    '人事处',
    '--password-env',
    'TS_TEST_NO_SUCH_VAR',
  );
  expect(missing.code).toBe(1);
  // Worded as every command words it (folders:missingPassword), for the sheet password as for the push one.
  expect(missing.stderr).toContain('环境变量 TS_TEST_NO_SUCH_VAR 未设置或为空');
  expect(existsSync(dir('pw-missing'))).toBe(false);
  process.env.TS_TEST_SHEET_PW = 'kaohe-2019';
  try {
    const run = await cli('generate', '--out', dir('pw'), '--unit', '人事处', '--password-env', 'TS_TEST_SHEET_PW');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('TS_TEST_SHEET_PW');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path.join(dir('pw'), '人事处.xlsx')) as unknown as ArrayBuffer);
    const protection = (wb.getWorksheet('人事处') as unknown as { sheetProtection: Record<string, unknown> })
      .sheetProtection;
    expect(protection).toMatchObject({ sheet: true, algorithmName: 'SHA-512' });
    expect(String(protection.hashValue)).toHaveLength(88);
  } finally {
    delete process.env.TS_TEST_SHEET_PW;
  }
});

test('a source that cannot be read fails with exit code 1 and a message', async () => {
  const run = await cli('generate', path.join(work, 'no-such-file.txt'), '--out', dir('x'));
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^target-sheets generate: /);
  const noOut = await cli('generate');
  expect(noOut.code).toBe(1);
  expect(noOut.stderr).toContain('--out');
});

test('the timestamp comes from --created-at, else SOURCE_DATE_EPOCH', () => {
  // The core's one form (planTimestamp), the same the task pane records: UTC, to the second.
  expect(resolveCreatedAt('2019-12-01T08:00:00.750+08:00', {})).toBe('2019-12-01T00:00:00Z');
  expect(resolveCreatedAt(undefined, { SOURCE_DATE_EPOCH: '1575158400' })).toBe('2019-12-01T00:00:00Z');
  expect(resolveCreatedAt(undefined, {}, () => new Date(0))).toBe('1970-01-01T00:00:00Z');
  // The pane passes no time: the application layer stamps the run with its clock, in the same form.
  const clock = () => new Date('2019-12-01T08:00:00.750+08:00');
  expect(planRun(loadEmbeddedCatalog(), { now: clock }).createdAt).toBe(
    resolveCreatedAt('2019-12-01T08:00:00.750+08:00', {}),
  );
  expect(() => resolveCreatedAt('yesterday', {})).toThrow();
  expect(() => resolveCreatedAt(undefined, { SOURCE_DATE_EPOCH: 'soon' })).toThrow();
});

test('two runs of the installed command with the same SOURCE_DATE_EPOCH write byte-identical files', () => {
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1575158400' };
  for (const name of ['run1', 'run2']) {
    const run = installedCli(
      ['generate', '--out', dir(name), '--unit', '人事处', '--unit', '西宁市自然资源和规划局'],
      env,
    );
    expect(run).toMatchObject({ code: 0 }); // on failure the diff shows its stderr
  }
  for (const file of readdirSync(dir('run1'))) {
    expect(readFileSync(path.join(dir('run2'), file)).equals(readFileSync(path.join(dir('run1'), file)))).toBe(true);
  }
  expect(readdirSync(dir('run1'))).toHaveLength(2);
});

test('the bundled command and the library (unbundled ExcelJS) write the same bytes', async () => {
  await cli(
    'generate',
    '--out',
    dir('lib'),
    '--unit',
    '人事处',
    '--unit',
    '西宁市自然资源和规划局',
    '--created-at',
    '2019-12-01T00:00:00Z',
  );
  const run = installedCli([
    'generate',
    '--out',
    dir('bin'),
    '--unit',
    '人事处',
    '--unit',
    '西宁市自然资源和规划局',
    '--created-at',
    '2019-12-01T00:00:00Z',
  ]);
  expect(run).toMatchObject({ code: 0 });
  expect(readdirSync(dir('bin')).sort()).toEqual(readdirSync(dir('lib')).sort());
  for (const file of readdirSync(dir('lib'))) {
    expect(readFileSync(path.join(dir('bin'), file)).equals(readFileSync(path.join(dir('lib'), file)))).toBe(true);
  }
});

test('the installed command (its bundled WebDAV client included) publishes what it generates to a WebDAV server', async () => {
  const apache = await startApache({ user: 'kaohe', password: 'pa55-考核' });
  try {
    const env = { ...process.env, TS_TEST_BIN_DAV_PW: apache.password };
    const run = installedCli(
      [
        'generate',
        '--out',
        dir('bin-push'),
        '--unit',
        '人事处',
        '--created-at',
        '2019-12-01T00:00:00Z',
        '--push',
        apache.url,
        '--push-user',
        apache.user,
        '--push-password-env',
        'TS_TEST_BIN_DAV_PW',
      ],
      env,
    );
    expect(run).toMatchObject({ code: 0 });
    expect(
      readFileSync(path.join(apache.root, '2019/templates/人事处.xlsx')).equals(
        readFileSync(path.join(dir('bin-push'), '人事处.xlsx')),
      ),
    ).toBe(true);
  } finally {
    await apache.stop();
  }
});
