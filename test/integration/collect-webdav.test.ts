// collect from a real WebDAV share (Apache httpd with mod_dav, started by the project's harness): sheets that
// units pushed with the push code path are read over HTTP, a broken one is listed, a wrong password is a clear
// failure with exit code 2.
import { cli } from '../support/cli';
import type { CollectJson } from '../../src/cli/commands/collect';
import { pushFile } from '../../src/core/folders/push';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createWebDavFolder } from '../../src/folders/webdav';
import { startApache, type ApacheServer } from '../support/apache';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from './validate-corpus';

let apache: ApacheServer;
const pushed: string[] = [];
const [unitA, unitB] = catalog2019.units.filter((u) => u.group === 'city');

beforeAll(async () => {
  apache = await startApache();
  const folder = createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password });
  for (const [unit, when] of [
    [unitA!, '2020-01-08T10:00:00Z'],
    [unitB!, '2020-01-09T10:00:00Z'],
  ] as const) {
    const bytes = await edit(await template(unit), fillCorrectly);
    const receipt = await pushFile(folder, returnedPath(2019, unit.name, new Date(when), sha256Hex(bytes)), bytes);
    pushed.push(receipt.path);
  }
  const broken = new TextEncoder().encode('not a workbook, just text');
  pushed.push(
    (await pushFile(folder, returnedPath(2019, '其他', new Date('2020-01-09T11:00:00Z'), sha256Hex(broken)), broken))
      .path,
  );
}, 120_000);
afterAll(async () => {
  await apache?.stop();
});

test('sheets pushed to a WebDAV share are collected over HTTP, each listed by its URL', async () => {
  process.env.TS_COLLECT_TEST_PASSWORD = apache.password;
  const run = await cli(
    'collect',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_COLLECT_TEST_PASSWORD',
    '--json',
  );
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as CollectJson;
  const base = apache.url.replace(/\/?$/, '/');
  expect(json.units.find((u) => u.name === unitA!.name)).toMatchObject({
    status: 'valid',
    file: `${base}${pushed[0]}`,
    rank: expect.any(Number),
  });
  expect(json.units.find((u) => u.name === unitB!.name)).toMatchObject({
    status: 'valid',
    file: `${base}${pushed[1]}`,
  });
  expect(json.invalid).toEqual([
    { file: `${base}${pushed[2]}`, issues: [expect.objectContaining({ code: 'file-not-a-workbook' })] },
  ]);
  expect(json.missing).toHaveLength(catalog2019.units.length - 2);
  expect(run.stderr).toContain('[3/3]');
  expect(run.stdout + run.stderr).not.toContain(apache.password);
}, 60_000);

test('a wrong password stops with exit code 2 and says the login was refused', async () => {
  process.env.TS_COLLECT_TEST_PASSWORD = 'wrong';
  const run = await cli(
    'collect',
    apache.url,
    '--user',
    apache.user,
    '--password-env',
    'TS_COLLECT_TEST_PASSWORD',
    '--json',
    '--lang',
    'en',
  );
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/Cannot list the files in .*:.*(401|auth|password|log)/i);
}, 60_000);
