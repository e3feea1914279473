// One rule for a targets file that cannot be opened, whichever face opens it: the installed command `catalog`
// exits 2 with the reason and prints no catalog (no empty one "dated 1900"), and the task pane's 打开目标文档 shows
// the very same words, in either language.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CatalogSourceError, loadCatalogFile } from '../../src/app/catalog-source';
import { isEncryptedOfficeFile } from '../../src/core/catalog/file';
import { createTranslator } from '../../src/i18n';
import { readCatalogFile } from '../../src/taskpane/engine/catalog';
import { describeError } from '../../src/taskpane/errors';
import { installedCli } from '../support/cli';

/**
 * An OLE compound file (version 3, 512-byte sectors) holding empty streams with the given names: the header, one
 * FAT sector and one directory sector. Word and Excel save a document with a password to open as such a file with
 * the streams EncryptionInfo and EncryptedPackage (and more); the names in the directory are what identifies it, so
 * empty streams of those names are enough here — no real encryption is made.
 */
function compoundFile(streams: string[]): Uint8Array {
  const SECTOR = 512;
  const FREE = 0xffffffff;
  const END_OF_CHAIN = 0xfffffffe;
  const bytes = new Uint8Array(SECTOR * 3);
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(24, 0x003e, true); // minor version
  view.setUint16(26, 0x0003, true); // major version 3
  view.setUint16(28, 0xfffe, true); // little-endian
  view.setUint16(30, 9, true); // sectors of 2^9 bytes
  view.setUint16(32, 6, true); // mini sectors of 2^6 bytes
  view.setUint32(44, 1, true); // one FAT sector
  view.setUint32(48, 1, true); // the directory starts at sector 1
  view.setUint32(56, 0x1000, true); // mini stream cutoff
  view.setUint32(60, END_OF_CHAIN, true); // no mini FAT
  view.setUint32(68, END_OF_CHAIN, true); // no DIFAT sectors
  for (let i = 0; i < 109; i++) view.setUint32(76 + i * 4, i === 0 ? 0 : FREE, true);
  // Sector 0, the FAT: itself, then the directory's one-sector chain; the rest free.
  const fat = SECTOR;
  for (let i = 0; i < SECTOR / 4; i++) view.setUint32(fat + i * 4, FREE, true);
  view.setUint32(fat, 0xfffffffd, true);
  view.setUint32(fat + 4, END_OF_CHAIN, true);
  // Sector 1, the directory: the root entry, then each stream as the right sibling of the one before.
  const entries = ['Root Entry', ...streams];
  if (entries.length > SECTOR / 128) throw new Error('one directory sector holds four entries');
  entries.forEach((name, i) => {
    const at = SECTOR * 2 + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    bytes[at + 66] = i === 0 ? 5 : 2; // root storage, or stream
    bytes[at + 67] = 1; // black
    view.setUint32(at + 68, FREE, true); // left sibling
    view.setUint32(at + 72, i > 0 && i < entries.length - 1 ? i + 1 : FREE, true); // right sibling
    view.setUint32(at + 76, i === 0 && entries.length > 1 ? 1 : FREE, true); // child
    view.setUint32(at + 116, END_OF_CHAIN, true); // no sectors: empty
  });
  for (let i = entries.length; i < SECTOR / 128; i++) {
    const at = SECTOR * 2 + i * 128;
    view.setUint32(at + 68, FREE, true);
    view.setUint32(at + 72, FREE, true);
    view.setUint32(at + 76, FREE, true);
  }
  return bytes;
}

const ENCRYPTED = compoundFile(['EncryptionInfo', 'EncryptedPackage']);

/** Targets files that cannot be opened, by name. */
const UNOPENABLE: Record<string, Uint8Array> = {
  '加密的目标.docx': ENCRYPTED,
  '不是压缩包.docx': strToU8('2019年度考核目标 — plain text, not a zip'),
  '没有正文.docx': zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8('<styles/>') }),
  '加密的总表.xlsx': ENCRYPTED,
};

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-catalog-source-'));
  for (const [name, bytes] of Object.entries(UNOPENABLE)) writeFileSync(path.join(work, name), bytes);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the pane shows for the file, worded in `lang` as the view words it. */
async function paneMessage(name: string, lang: 'zh-CN' | 'en'): Promise<string> {
  const failure = await readCatalogFile(new File([UNOPENABLE[name]! as Uint8Array<ArrayBuffer>], name)).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure).not.toBeNull();
  return describeError(createTranslator(lang), failure);
}

describe.each(Object.keys(UNOPENABLE))('%s', (name) => {
  test.each(['zh-CN', 'en'] as const)(
    'in %s: catalog exits 2 with the reason and prints no catalog; the pane says the same',
    async (lang) => {
      // Run where the file is, so that the CLI names it as the pane does (by its name).
      const run = installedCli(['catalog', name, '--lang', lang], process.env, work);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(/1900/);
      const message = await paneMessage(name, lang);
      expect(run.stderr).toBe(`target-sheets catalog: ${message}\n`);
      expect(message).toContain(name);
    },
  );
});

test('an encrypted document is said to have a password to open, in the words the issue asks for', async () => {
  expect(await paneMessage('加密的目标.docx', 'zh-CN')).toBe(
    '无法打开文件 加密的目标.docx：文件设置了打开密码：请在 Word 或 Excel 中取消密码并另存后再打开',
  );
  expect(await paneMessage('加密的总表.xlsx', 'zh-CN')).toContain('文件设置了打开密码');
  expect(await paneMessage('没有正文.docx', 'zh-CN')).toBe(
    '无法打开文件 没有正文.docx：文件中没有 Word 正文（word/document.xml），可能不是 .docx 文档',
  );
  await expect(loadCatalogFile({ name: 'x.docx', bytes: ENCRYPTED })).rejects.toEqual(
    new CatalogSourceError('cannot-open', { path: 'x.docx' }, { code: 'file-encrypted', params: {} }),
  );
});

test('a compound file without an encrypted package (a legacy .doc renamed) is not taken for an encrypted one', async () => {
  const legacy = compoundFile(['WordDocument', '1Table']);
  expect(isEncryptedOfficeFile(ENCRYPTED)).toBe(true);
  expect(isEncryptedOfficeFile(legacy)).toBe(false);
  // Still unopenable as a .docx: the reader's own reason.
  await expect(loadCatalogFile({ name: 'old.docx', bytes: legacy })).rejects.toMatchObject({
    code: 'cannot-open',
    reason: { code: 'docx-not-zip' },
  });
});
