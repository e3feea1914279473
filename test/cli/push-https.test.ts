// WebDAV over HTTPS: Apache with mod_ssl and a certificate from an authority the test makes (test/support/tls.ts).
// The installed command trusts that authority the way a department with its own would: NODE_EXTRA_CA_CERTS. Without
// it the certificate is refused, at once and in words that say what to do, and nothing is sent.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectJson } from '../../src/cli/commands/collect';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from '../integration/validate-corpus';
import { type ApacheServer, startApache } from '../support/apache';
import { installedCli } from '../support/cli';

let apache: ApacheServer;
let work: string;
beforeAll(async () => {
  apache = await startApache({ tls: true, user: 'kaohe', password: 'pa55-考核' });
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-push-https-'));
});
afterAll(async () => {
  await apache?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The installed command's environment: the password variable, and the authority to trust (or none). */
function env(trust: boolean): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, TS_HTTPS_PASSWORD: apache.password };
  delete e.NODE_EXTRA_CA_CERTS;
  if (trust) e.NODE_EXTRA_CA_CERTS = apache.certificate!.caFile;
  return e;
}

const login = () => ['--user', apache.user, '--password-env', 'TS_HTTPS_PASSWORD'];

test('the server is really HTTPS with a certificate only our authority vouches for', () => {
  expect(apache.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  expect(readFileSync(apache.certificate!.caFile, 'utf8')).toContain('BEGIN CERTIFICATE');
});

test('publishing over HTTPS with the authority trusted: the template arrives; a second publish is refused', () => {
  const file = path.join(work, '办公室.xlsx');
  writeFileSync(file, Buffer.alloc(30_000, 7));
  const first = installedCli(
    ['push', file, '--to', apache.url, ...login(), '--as', 'template', '--year', '2019'],
    env(true),
  );
  expect(first.stderr).not.toContain('未提交');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`${apache.url}2019/templates/办公室.xlsx`);
  expect(readFileSync(path.join(apache.root, '2019/templates/办公室.xlsx'))).toEqual(Buffer.alloc(30_000, 7));

  writeFileSync(file, Buffer.alloc(30_000, 8));
  const again = installedCli(
    ['push', file, '--to', apache.url, ...login(), '--as', 'template', '--year', '2019'],
    env(true),
  );
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('已有同名文件');
  expect(readFileSync(path.join(apache.root, '2019/templates/办公室.xlsx'))).toEqual(Buffer.alloc(30_000, 7));
  expect(readdirSync(path.join(apache.root, '2019/templates'))).toEqual(['办公室.xlsx']);
  expect(first.stdout + first.stderr + again.stdout + again.stderr).not.toContain(apache.password);
});

test('a returned sheet submitted over HTTPS is collected back over HTTPS', async () => {
  const unit = catalog2019.units.find((u) => u.group === 'city')!;
  const bytes = await edit(await template(unit), fillCorrectly);
  const file = path.join(work, `${unit.name}.xlsx`);
  writeFileSync(file, bytes);
  const pushed = installedCli(['push', file, '--to', apache.url, ...login()], env(true));
  expect(pushed.code).toBe(0);
  const collected = installedCli(['collect', apache.url, ...login(), '--json'], env(true));
  expect(collected.code).toBe(0);
  const json = JSON.parse(collected.stdout) as CollectJson;
  const row = json.units.find((u) => u.name === unit.name);
  expect(row).toMatchObject({ status: 'valid' });
  expect(row!.file).toMatch(new RegExp(`^${apache.url}2019/returned/`));
  expect(sha256Hex(readFileSync(path.join(apache.root, row!.file!.slice(apache.url.length))))).toBe(sha256Hex(bytes));
});

test('without the authority the certificate is refused at once, saying so, and nothing is sent', () => {
  const file = path.join(work, '财务处.xlsx');
  writeFileSync(file, Buffer.alloc(1_000, 9));
  const run = installedCli(
    ['push', file, '--to', apache.url, ...login(), '--as', 'template', '--year', '2019'],
    env(false),
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('此计算机不信任服务器的证书');
  expect(run.stderr).toContain('NODE_EXTRA_CA_CERTS');
  // A certificate is not a passing network fault: no retries.
  expect(run.stderr).not.toContain('后重试');
  expect(readdirSync(path.join(apache.root, '2019/templates'))).not.toContain('财务处.xlsx');
});
