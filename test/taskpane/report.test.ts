// What the pane shows for a checked file: the shared validator's issues, with the same messages as the CLI in
// the pane's language, each tied to the template sheet so that Excel can jump to its cell.
import { readCatalogText } from '../../src/core/catalog/build';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogFingerprint } from '../../src/core/plan/fingerprint';
import { formatIssue } from '../../src/core/validate/format';
import { validateWorkbook } from '../../src/core/validate/validate';
import { createI18n } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { execFileSync } from 'node:child_process';
import { readCatalogFile } from '../../src/taskpane/engine/catalog';
import { checkFile } from '../../src/taskpane/engine/check';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { readWorkbook } from '../../src/xlsx/read';

const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
const unit = catalog.units.find((u) => u.group === 'department')!;
const plan = buildSheetPlan(
  unit,
  { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) },
  {
    createdAt: '2019-12-01T00:00:00Z',
    texts: sheetTexts('zh-CN'),
  },
);

test('an unfilled template checked in the pane says once that it is not filled in, on the template sheet, in Chinese and in English', async () => {
  const bytes = await renderPlanToXlsx(plan);
  // What the pane runs when a file is opened in 检查 …
  const pane = await checkFile(new File([bytes as Uint8Array<ArrayBuffer>], '退回.xlsx'));
  // … against the core validator's own report on the same file.
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const report = validateWorkbook(read.contents, { texts: [sheetTexts('zh-CN')] });

  expect(pane.source).toBe('退回.xlsx');
  expect(pane.unitName).toBe(unit.name);
  expect(pane.valid).toBe(false);
  expect(pane.total).toEqual({ weight: 100, self: 0, assessed: null });
  expect(pane.issues).toHaveLength(report.issues.length);
  expect(pane.issues.map((i) => i.code)).toEqual(['sheet-not-filled']);
  const zh = createI18n('zh-CN').t;
  const en = createI18n('en').t;
  pane.issues.forEach((issue, i) => {
    const original = report.issues[i]!;
    expect(issue).toMatchObject({
      code: original.code,
      severity: original.severity,
      cell: original.cell,
      sheet: plan.sheetName,
    });
    expect(issue.message(zh)).toBe(formatIssue(zh, original));
    expect(issue.message(en)).toBe(formatIssue(en, original));
    expect(issue.message(zh)).not.toBe(issue.message(en));
    // The pane shows the cell in its own column: the message does not repeat it.
    expect(issue.message(zh)).not.toContain(original.cell!);
  });
});

test('a csv renamed to .xlsx is reported as unreadable, with a message and no cell to jump to', async () => {
  const file = new File([new TextEncoder().encode('序号,分值\n1,8\n')], '退回.xlsx');
  const pane = await checkFile(file);
  expect(pane.valid).toBe(false);
  expect(pane.unitName).toBeNull();
  expect(pane.issues.map((i) => [i.code, i.cell, i.sheet])).toEqual([['file-not-a-workbook', null, null]]);
  const message = pane.issues[0]!.message(createI18n('zh-CN').t);
  expect(message).not.toContain('file-not-a-workbook');
  expect(message.length).toBeGreaterThan(3);
});

test('a targets document opened in 生成 as GB18030 text reads into the same catalog as the UTF-8 one; a binary file is refused', async () => {
  // "一、事业局" and the rest: the embedded document, encoded the way Chinese Windows exports it.
  const gb = new Uint8Array(iconvGb18030(EMBEDDED_SOURCE_TEXT));
  const fromGb = await readCatalogFile(new File([gb], '2019-targets-gbk.txt'));
  expect(fromGb.units.map((u) => [u.id, u.name, u.totalWeight])).toEqual(
    catalog.units.map((u) => [u.id, u.name, u.totalWeight]),
  );
  expect(fromGb.source).toBe('2019-targets-gbk.txt');
  await expect(
    readCatalogFile(new File([new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00])], 'x.txt')),
  ).rejects.toMatchObject({
    code: 'catalogSource',
    params: { reason: 'not-text' },
  });
});

/** GB18030 bytes of a string, through Python's codec (Node's TextEncoder only writes UTF-8). */
function iconvGb18030(text: string): Buffer {
  return execFileSync(
    '/usr/bin/python3',
    ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'],
    {
      input: text,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

test('a scoring workbook checked in the pane is checked as one (its scorer, per unit what is scored), not as a foreign file', async () => {
  const { review } = await import('../../src/app/review');
  const { pickedFilesFolder } = await import('../../src/app/collect/picked-files');
  const made = await review(pickedFilesFolder('picked', []), { catalog, createdAt: '2019-12-25T00:00:00.000Z' });
  const owner = made.workbooks.find((w) => w.scorerKind !== 'team')!;
  const pane = await checkFile(new File([owner.bytes as Uint8Array<ArrayBuffer>], `${owner.name}.xlsx`));
  expect(pane.status).not.toBe('unreadable');
  expect(pane.unitName).toBe(owner.scorer);
  expect(pane.scoring?.units).toHaveLength(owner.units);
  expect(pane.issues.map((i) => i.code)).not.toContain('is-scoring-workbook');
});
