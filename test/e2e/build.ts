// Builds the production task pane once per test file into a temporary folder (never dist/web, which a developer
// may be serving), with Office.js copied from @microsoft/office-js: the CDN cannot be reached here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export function buildTaskpane(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ts-web-'));
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', 'officeJs=local', '--output-path', out],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OFFICE_JS: 'local' } },
  );
  if (result.status !== 0) {
    throw new Error(`webpack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return out;
}
