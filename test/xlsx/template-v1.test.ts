// Returned sheets made before template version 2 (still in circulation) are checked against what was issued: the
// fixtures are two version-1 templates as main wrote them (test/fixtures/template-v1/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkbookBytes } from '../../src/app/check';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, '../fixtures/template-v1', name)));

describe('a version-1 template', () => {
  test.each([
    ['office-v1.xlsx', '办公室'],
    ['haixi-v1.xlsx', '海西州自然资源局'],
  ])('%s is recognised as version 1 of %s, untampered, and not filled in yet', (file, unit) => {
    const report = validateWorkbookBytes(fixture(file));
    expect(report.identity).toMatchObject({ unitName: unit, templateVersion: 1 });
    expect(report.issues.map((i) => i.code)).toEqual(['sheet-not-filled']);
  });
});
