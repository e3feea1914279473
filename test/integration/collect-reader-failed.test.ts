// A validator or reader bug met while collecting must neither end the run nor blame the file: the file is listed
// as reader-failed (our fault), with the exception kept as the issue's detail, never in its message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkFile } from '../../src/app/collect/collect';
import { formatIssue } from '../../src/core/validate/format';
import { createDiskFolder } from '../../src/folders/disk';
import { createTranslator } from '../../src/i18n';
import { catalog2019 } from '../core/validate/fixture';

jest.mock('../../src/app/check', () => ({
  ...jest.requireActual('../../src/app/check'),
  // collect checks a file with checkWorkbookBytes (a unit's sheet or a scoring workbook): the fault is planted there.
  checkWorkbookBytes: () => {
    throw new RangeError('planted fault in the validator');
  },
}));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-reader-failed-'));
  writeFileSync(path.join(dir, '办公室.xlsx'), new Uint8Array([0x50, 0x4b, 3, 4]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a file the validator fails on is reader-failed, with the exception as detail, not file-corrupt', async () => {
  const folder = createDiskFolder(dir);
  const [entry] = await folder.list('');
  const submission = await checkFile(folder, entry!, catalog2019, '办公室.xlsx');
  expect(submission.report.status).toBe('unreadable');
  const issue = submission.report.issues[0]!;
  expect(issue).toMatchObject({ code: 'reader-failed', params: {} });
  expect(issue.detail).toContain('RangeError: planted fault in the validator');
  expect(formatIssue(createTranslator(), issue)).not.toMatch(/planted|[A-Za-z]/);
});
