// `target-sheets push` end to end (the CLI's own code, in process) against a real Apache WebDAV server and a
// folder on disk.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Run } from '../support/cli';
import { identityFromFileName } from '../../src/cli/commands/push';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createWebDavFolder } from '../../src/folders/webdav';
import { type ApacheServer, startApache } from '../support/apache';
import { fillFullMarks } from '../support/fill';

let apache: ApacheServer;
let work: string;
beforeAll(async () => {
  apache = await startApache({ user: 'kaohe', password: 'pa55-考核' });
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-push-cli-'));
});
afterAll(async () => {
  await apache?.stop();
  rmSync(work, { recursive: true, force: true });
});

function sheet(name: string, fill: number, size = 20_000): string {
  const file = path.join(work, name);
  writeFileSync(file, Buffer.alloc(size, fill));
  return file;
}

test('publishing two templates prints a receipt for each and puts them under <year>/templates', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const a = sheet('办公室.xlsx', 1);
  const b = sheet('财务处.xlsx', 2);
  const run = await cli(
    'push',
    a,
    b,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--as',
    'template',
    '--year',
    '2019',
    '--lang',
    'en',
  );
  expect(run.code).toBe(0);
  const receipts = run.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('Pushed'));
  expect(receipts).toHaveLength(2);
  expect(receipts[0]).toContain(`${apache.url}2019/templates/办公室.xlsx`);
  expect(receipts[0]).toContain(sha256Hex(readFileSync(a)));
  expect(readdirSync(path.join(apache.root, '2019/templates')).sort()).toEqual(['办公室.xlsx', '财务处.xlsx']);
  expect(run.stdout + run.stderr).not.toContain(apache.password);
});

test('publishing the same template again exits non-zero, naming the file and saying nothing was replaced', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const a = sheet('办公室.xlsx', 9); // different content, same name
  const run = await cli(
    'push',
    a,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--as',
    'template',
    '--year',
    '2019',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`未提交：${a}`);
  expect(run.stderr).toContain('已有同名文件');
  expect(readFileSync(path.join(apache.root, '2019/templates/办公室.xlsx'))).toEqual(Buffer.alloc(20_000, 1));
});

test('a returned sheet is filed under returned/<unit>/ with a timestamp and short hash, twice as two versions', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  // Stand-in bytes, not workbooks: --no-check skips the validator (its blocking is tested below).
  const first = await cli(
    'push',
    sheet('2019年度规划处考核目标评分表.xlsx', 3),
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--no-check',
  );
  const second = await cli(
    'push',
    sheet('2019年度规划处考核目标评分表.xlsx', 4),
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--no-check',
  );
  expect([first.code, second.code]).toEqual([0, 0]);
  const names = readdirSync(path.join(apache.root, '2019/returned/规划处')).sort();
  expect(names).toHaveLength(2);
  for (const n of names) expect(n).toMatch(/^规划处-\d{8}T\d{6}Z-[0-9a-f]{8}\.xlsx$/);
});

test('a wrong password exits non-zero with the login message and never prints the password', async () => {
  process.env.TS_TEST_DAV_PASSWORD = 'not-the-password-xyz';
  const run = await cli(
    'push',
    sheet('人事处.xlsx', 5),
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--year',
    '2019',
    '--as',
    'template',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('拒绝了用户名或密码');
  expect(run.stdout + run.stderr).not.toContain('not-the-password-xyz');
});

test('a password environment variable that is not set is an error, not an empty password', async () => {
  delete process.env.TS_TEST_DAV_MISSING;
  const run = await cli(
    'push',
    sheet('人事处.xlsx', 5),
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_MISSING',
    '--year',
    '2019',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('TS_TEST_DAV_MISSING');
  // Set but empty is no password either (one rule for every command: src/cli/password.ts).
  process.env.TS_TEST_DAV_EMPTY = '';
  try {
    const empty = await cli(
      'push',
      sheet('人事处.xlsx', 5),
      '--to',
      apache.url,
      '--user',
      apache.user,
      '--password-env',
      'TS_TEST_DAV_EMPTY',
      '--year',
      '2019',
    );
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('环境变量 TS_TEST_DAV_EMPTY 未设置或为空');
  } finally {
    delete process.env.TS_TEST_DAV_EMPTY;
  }
});

test('plain http to another computer is refused before any credentials are sent', async () => {
  process.env.TS_TEST_DAV_PASSWORD = 'x';
  const run = await cli(
    'push',
    sheet('人事处.xlsx', 5),
    '--to',
    'http://files.example.org/dav/',
    '--user',
    'u',
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--year',
    '2019',
    '--lang',
    'en',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('Refusing to send credentials over plain http');
});

test('pushing to a folder on disk never overwrites and leaves no temporary file', async () => {
  const share = path.join(work, 'share');
  mkdirSync(share);
  const a = sheet('办公室.xlsx', 6);
  expect((await cli('push', a, '--to', share, '--as', 'template', '--year', '2019')).code).toBe(0);
  const again = await cli('push', sheet('办公室.xlsx', 7), '--to', share, '--as', 'template', '--year', '2019');
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('已有同名文件');
  expect(readdirSync(path.join(share, '2019/templates'))).toEqual(['办公室.xlsx']);
  expect(readFileSync(path.join(share, '2019/templates/办公室.xlsx'))).toEqual(Buffer.alloc(20_000, 6));
});

test('a folder on disk that does not exist is reported, not created', async () => {
  const run = await cli(
    'push',
    sheet('办公室.xlsx', 6),
    '--to',
    path.join(work, 'no-such-mount'),
    '--as',
    'template',
    '--year',
    '2019',
    '--lang',
    'en',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('does not exist');
});

test('a sheet that could not be sent because the server was down waits in the queue and is sent by --retry-queue', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const queue = path.join(work, 'queue.json');
  const file = sheet('2019年度信息中心考核目标评分表.xlsx', 8);
  await apache.kill();
  let down: Run;
  try {
    down = await cli(
      'push',
      file,
      '--to',
      apache.url,
      '--user',
      apache.user,
      '--password-env',
      'TS_TEST_DAV_PASSWORD',
      '--queue',
      queue,
      '--lang',
      'en',
      '--no-check',
    );
  } finally {
    await apache.start();
  }
  expect(down.code).toBe(1);
  expect(down.stderr).toContain('could not be reached');
  expect(down.stderr).toContain('waits in the queue');
  const waiting = JSON.parse(readFileSync(queue, 'utf8')) as { entries: { target: string }[] };
  expect(waiting.entries).toHaveLength(1);
  expect(readFileSync(queue, 'utf8')).not.toContain(apache.password);

  const retried = await cli(
    'push',
    '--retry-queue',
    queue,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain(waiting.entries[0].target);
  expect(readFileSync(path.join(apache.root, waiting.entries[0].target))).toEqual(Buffer.alloc(20_000, 8));
  expect((JSON.parse(readFileSync(queue, 'utf8')) as { entries: unknown[] }).entries).toEqual([]);
});

test('--retry-queue counts a submission whose earlier attempt arrived (its answer lost) as sent, and empties the queue', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const bytes = Buffer.alloc(20_000, 11);
  const sha256 = sha256Hex(bytes);
  const target = `2019/returned/档案馆/档案馆-20191220T080000Z-${sha256.slice(0, 8)}.xlsx`;
  // The earlier attempt's file is already there, byte for byte.
  mkdirSync(path.join(apache.root, '2019/returned/档案馆'), { recursive: true });
  writeFileSync(path.join(apache.root, target), bytes);
  const label = createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }).label;
  const queue = path.join(work, 'arrived-queue.json');
  writeFileSync(
    queue,
    JSON.stringify({
      version: 1,
      entries: [
        {
          id: 'arrived',
          kind: 'returned',
          target,
          destination: label,
          fileName: '档案馆.xlsx',
          size: bytes.length,
          sha256,
          bytesBase64: bytes.toString('base64'),
          createdAt: '2019-12-20T08:00:00.000Z',
          attempts: 1,
          lastError: { code: 'timeout' },
        },
      ],
    }),
  );

  const retried = await cli(
    'push',
    '--retry-queue',
    queue,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain(target);
  expect((JSON.parse(readFileSync(queue, 'utf8')) as { entries: unknown[] }).entries).toEqual([]);
  expect(readFileSync(path.join(apache.root, target))).toEqual(bytes);
});

test('the unit and year of a returned sheet are read from its usual file names', () => {
  expect(identityFromFileName('/tmp/2019年度青海省第五地质勘查院考核目标评分表.xlsx')).toEqual({
    unit: '青海省第五地质勘查院',
    year: 2019,
  });
  expect(identityFromFileName('办公室.xlsx')).toEqual({ unit: '办公室', year: undefined });
  expect(identityFromFileName('办公室-2019.xlsx')).toEqual({ unit: '办公室', year: 2019 });
});

test("a returned file that is not a Target Sheets workbook is not sent, with the validator's reason", async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const file = sheet('2019年度地矿处考核目标评分表.xlsx', 65);
  const run = await cli(
    'push',
    file,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Not pushed: ${file}`);
  expect(run.stderr).toContain('not sent');
  expect(readdirSync(path.join(apache.root, '2019/returned'))).not.toContain('地矿处');
});

test('generate --push publishes the templates it just wrote, byte-identical, under <year>/templates', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  await createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }).mkdirp('published');
  const out = path.join(work, 'generated');
  const run = await cli(
    'generate',
    '--out',
    out,
    '--unit',
    '办公室',
    '--unit',
    '人事处',
    '--push',
    `${apache.url}published/`,
    '--push-user',
    apache.user,
    '--push-password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n').filter((l) => l.startsWith('Pushed'))).toHaveLength(2);
  expect(readdirSync(path.join(apache.root, 'published/2019/templates')).sort()).toEqual(
    ['人事处.xlsx', '办公室.xlsx'].sort(),
  );
  for (const name of ['办公室.xlsx', '人事处.xlsx']) {
    expect(
      readFileSync(path.join(apache.root, `published/2019/templates/${name}`)).equals(
        readFileSync(path.join(out, name)),
      ),
    ).toBe(true);
  }
});

test('an unfilled template submitted as a returned sheet is stopped by the validator, naming the empty cells', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const out = path.join(work, 'generated-for-return');
  expect((await cli('generate', '--out', out, '--unit', '国土测绘处')).code).toBe(0);
  const run = await cli(
    'push',
    path.join(out, '国土测绘处.xlsx'),
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    /F\d+: This sheet has not been filled in: none of its \d+ items has a completion or a self score\./,
  );
  expect(readdirSync(path.join(apache.root, '2019/returned'))).not.toContain('国土测绘处');
});

test('a filled sheet passes the check and is filed under returned/<unit>/ by the unit and year in its metadata', async () => {
  process.env.TS_TEST_DAV_PASSWORD = apache.password;
  const out = path.join(work, 'generated-to-fill');
  expect((await cli('generate', '--out', out, '--unit', '人事处')).code).toBe(0);
  const filled = path.join(work, 'my-copy.xlsx'); // the name says nothing: unit and year come from the file
  writeFileSync(filled, await fillFullMarks(readFileSync(path.join(out, '人事处.xlsx'))));
  const run = await cli(
    'push',
    filled,
    '--to',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_TEST_DAV_PASSWORD',
    '--lang',
    'en',
  );
  expect(run.stderr).not.toContain('Not pushed');
  expect(run.code).toBe(0);
  const names = readdirSync(path.join(apache.root, '2019/returned/人事处'));
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(new RegExp(`^人事处-\\d{8}T\\d{6}Z-${sha256Hex(readFileSync(filled)).slice(0, 8)}\\.xlsx$`));
});
