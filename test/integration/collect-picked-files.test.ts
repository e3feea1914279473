// 汇总 of a local folder in the task pane: the files the user picked are collected like a shared folder, read
// one by one only when needed; templates beside the returned sheets are left out.
import { collect } from '../../src/app/collect';
import { formatIssue } from '../../src/core/validate/format';
import { createTranslator } from '../../src/i18n';
import { pickedFilesFolder, type PickedFile } from '../../src/app/collect/picked-files';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from './validate-corpus';

test('picked files are collected like a shared folder, and only the files collected are read', async () => {
  const unit = catalog2019.units[0]!;
  const bytes = await edit(await template(unit), fillCorrectly);
  const reads: string[] = [];
  const file = (path: string, content: Uint8Array, modified?: string): PickedFile => ({
    path,
    size: content.length,
    modified,
    read: async () => {
      reads.push(path);
      return content;
    },
  });
  const folder = pickedFilesFolder('本地文件夹', [
    file('2019/returned/a/sheet.xlsx', bytes, '2020-01-10T00:00:00.000Z'),
    file('2019/returned/a/~$sheet.xlsx', new Uint8Array([1])),
    file('2019/returned/a/notes.txt', new Uint8Array([1])),
    file('2019/templates/blank.xlsx', bytes),
  ]);
  const progress: number[] = [];
  const result = await collect(folder, { catalog: catalog2019, onProgress: (p) => progress.push(p.done) });
  expect(reads).toEqual(['2019/returned/a/sheet.xlsx']);
  expect(progress).toEqual([1]);
  expect(result.summary.units[0]).toMatchObject({
    name: unit.name,
    status: 'valid',
    file: '2019/returned/a/sheet.xlsx',
    submittedAt: '2020-01-10T00:00:00.000Z',
  });
  await expect(folder.createExclusive('x.xlsx', new Uint8Array())).rejects.toMatchObject({
    code: 'invalid-destination',
  });
});

test('a file that cannot be read is listed with its reason and the others are still collected', async () => {
  const unit = catalog2019.units[1]!;
  const bytes = await edit(await template(unit), fillCorrectly);
  const folder = pickedFilesFolder('本地文件夹', [
    {
      path: 'a.xlsx',
      size: 10,
      read: async () => {
        throw new Error('permission denied');
      },
    },
    { path: 'b.xlsx', size: bytes.length, read: async () => bytes },
  ]);
  const { summary } = await collect(folder, { catalog: catalog2019 });
  expect(summary.submissions.map((s) => [s.file, s.fate])).toEqual([
    ['a.xlsx', 'unreadable'],
    ['b.xlsx', 'used'],
  ]);
  // The reason is the folder's failure code, worded in the reader's language; the browser's English stays out.
  const issue = summary.problems[0]!.issue;
  expect(issue).toMatchObject({ code: 'file-cannot-open', params: { folder: 'unexpected' } });
  expect(formatIssue(createTranslator('zh-CN'), issue)).toBe('无法打开文件：操作意外失败。');
  expect(formatIssue(createTranslator('en'), issue)).not.toContain('permission denied');
});

test('a cancelled run reads no further file and says so', async () => {
  const reads: string[] = [];
  const controller = new AbortController();
  const files: PickedFile[] = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((path) => ({
    path,
    size: 1,
    read: async () => {
      reads.push(path);
      controller.abort();
      return new Uint8Array([1]);
    },
  }));
  const result = await collect(pickedFilesFolder('本地文件夹', files), {
    catalog: catalog2019,
    concurrency: 1,
    signal: controller.signal,
  });
  expect(reads).toEqual(['a.xlsx']);
  expect(result).toMatchObject({ files: 3, cancelled: true });
  expect(result.summary.submissions.map((s) => s.file)).toEqual(['a.xlsx']);
});
