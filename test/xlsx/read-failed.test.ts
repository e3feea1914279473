// When the reader itself fails — an exception it did not expect, here a TypeError planted in the cell-address
// parser it uses — the file is not blamed: the failure is 'reader-failed', worded as our fault, with the exception
// kept as the detail for a log (stderr, the JSON output), never inside the user's message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatIssue } from '../../src/core/validate/format';
import { createTranslator } from '../../src/i18n';
import { validateWorkbookBytes } from '../../src/app/check';
import { readWorkbook } from '../../src/xlsx/read';
import { renderPlanDirect } from '../../src/xlsx/render-direct';
import { cli } from '../support/cli';
import { planFor, sampleUnit } from '../core/validate/fixture';

jest.mock('../../src/xlsx/read-formula', () => ({
  ...jest.requireActual('../../src/xlsx/read-formula'),
  parseAddress: () => {
    throw new TypeError('planted fault: cannot read properties of undefined');
  },
}));

let bytes: Uint8Array;
let dir: string;
beforeAll(async () => {
  bytes = await renderPlanDirect(planFor(sampleUnit));
  dir = mkdtempSync(path.join(os.tmpdir(), 'ts-reader-failed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an unexpected exception in the reader is reader-failed with the exception as its detail, not file-corrupt', () => {
  const result = readWorkbook(bytes);
  expect(result).toEqual({
    ok: false,
    failure: {
      code: 'reader-failed',
      params: {},
      detail: expect.stringContaining('TypeError: planted fault: cannot read properties of undefined'),
    },
  });
});

test('its message says it is our fault, in the user’s language only; the exception stays in the detail', () => {
  const report = validateWorkbookBytes(bytes);
  expect(report.status).toBe('unreadable');
  const issue = report.issues[0]!;
  expect(issue.code).toBe('reader-failed');
  expect(issue.detail).toContain('planted fault');
  const zh = formatIssue(createTranslator(), issue);
  expect(zh).toBe('读取程序出错，未能读完此文件；这是本工具的问题，不一定是文件的问题。请把此文件报告给维护人员。');
  expect(zh).not.toMatch(/[A-Za-z]/);
  expect(formatIssue(createTranslator('en'), issue)).not.toContain('planted');
});

test('validate exits 2, prints the message, and logs the exception to stderr (and --json carries it as detail)', async () => {
  const file = path.join(dir, '办公室.xlsx');
  writeFileSync(file, bytes);
  const run = await cli('validate', file);
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(`${file}：无法识别`);
  expect(run.stdout).toContain('错误 [reader-failed] 读取程序出错');
  expect(run.stdout).not.toContain('planted');
  expect(run.stderr).toContain(`target-sheets validate: ${file}: [reader-failed] TypeError: planted fault`);
  const json = await cli('validate', file, '--json');
  const issue = (JSON.parse(json.stdout) as { files: { issues: { code: string; detail?: string }[] }[] }).files[0]!
    .issues[0]!;
  expect(issue).toMatchObject({ code: 'reader-failed', detail: expect.stringContaining('planted fault') });
});
