// archive from a real WebDAV share (Apache httpd with mod_dav, started by the project's harness): the sheets pushed
// with the push code path are read over HTTP into used/ and unused/, and the archive verifies.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli';
import { parseManifest } from '../../src/app/archive';
import { pushFile } from '../../src/core/folders/push';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createWebDavFolder } from '../../src/folders/webdav';
import { startApache, type ApacheServer } from '../support/apache';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from './validate-corpus';

let apache: ApacheServer;
let out: string;
const [unitA, unitB] = catalog2019.units.filter((u) => u.group === 'city');

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'ts-archive-webdav-'));
  apache = await startApache();
  const folder = createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password });
  for (const [unit, when] of [
    [unitA!, '2020-01-08T10:00:00Z'],
    [unitB!, '2020-01-09T10:00:00Z'],
  ] as const) {
    const bytes = await edit(await template(unit), fillCorrectly);
    await pushFile(folder, returnedPath(2019, unit.name, new Date(when), sha256Hex(bytes)), bytes);
  }
  const broken = new TextEncoder().encode('not a workbook, just text');
  await pushFile(folder, returnedPath(2019, '其他', new Date('2020-01-09T11:00:00Z'), sha256Hex(broken)), broken);
}, 120_000);
afterAll(async () => {
  await apache?.stop();
  rmSync(out, { recursive: true, force: true });
});

test('an archive of a WebDAV share holds its sheets, used and not, and verifies', async () => {
  process.env.TS_ARCHIVE_TEST_PASSWORD = apache.password;
  const run = await cli(
    'archive',
    apache.url,
    '--out',
    out,
    '--user',
    apache.user,
    '--password-env',
    'TS_ARCHIVE_TEST_PASSWORD',
    '--created-at',
    '2020-01-10T08:00:00Z',
  );
  expect(run.code).toBe(0);
  const dir = path.join(out, '2019-archive-20200110T080000Z');
  const manifest = parseManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))!;
  expect(manifest.result).toBeNull();
  expect(manifest.files.map((f) => [f.role, f.reason ?? null])).toEqual([
    ['catalog', null],
    ['returned-unused', 'unreadable'],
    ['returned-used', null],
    ['returned-used', null],
    ['summary', null],
  ]);
  const verify = await cli('archive', '--verify', dir);
  expect(verify.code).toBe(0);
  expect(verify.stdout.split('\n')[0]).toBe(
    '归档核验通过：5 个文件与清单一致，重新汇总的采用情况与清单相同（此归档未计算考核结果）。',
  );
});
