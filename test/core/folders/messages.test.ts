import { createTranslator } from '../../../src/i18n';
import { FOLDER_ERROR_CODES, FolderError, folderIssueMessage, toIssue } from '../../../src/core/folders/errors';

test.each(['zh-CN', 'en'] as const)('every folder failure has a %s message of its own', (lang) => {
  const t = createTranslator(lang);
  const seen = new Set<string>();
  for (const code of [...FOLDER_ERROR_CODES, 'unexpected']) {
    const message = t(`folders:error.${code}`, { path: 'p', status: 500, where: '' });
    expect(message).not.toContain('folders:');
    expect(message).not.toContain('error.');
    seen.add(message);
  }
  expect(seen.size).toBe(FOLDER_ERROR_CODES.length + 1);
});

test('a failure message names the file path and the HTTP status', () => {
  const message = folderIssueMessage(
    createTranslator('en'),
    toIssue(new FolderError('already-exists', { status: 412, path: '2019/templates/办公室.xlsx' })),
  );
  expect(message).toBe(
    'A file with this name is already in the shared folder: 2019/templates/办公室.xlsx. Nothing was replaced. (HTTP 412)',
  );
});
