// The review use case on files the user picked (the pane's way in, no shared folder): the latest valid sheet of
// each unit that returned one, as collect decides, feeds every scorer's workbook; a unit without one shows 未提交.
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { pickedFilesFolder } from '../../src/app/collect/picked-files';
import { review } from '../../src/app/review';
import { catalogScorers } from '../../src/core/catalog/scorers';
import { readRecord } from '../../src/core/scoring-workbook';
import { findMetaSheet } from '../../src/core/validate/meta';
import { SheetGrid } from '../../src/core/validate/sheet';
import { readWorkbook } from '../../src/xlsx/read';
import { edit, fill, template } from '../integration/validate-corpus';

test('review from picked files: one workbook per scorer, rows from the picked sheets, 未提交 elsewhere', async () => {
  const catalog = loadEmbeddedCatalog();
  const office = catalog.units.find((u) => u.name === '办公室')!;
  const sheet = await edit(await template(office), (e) =>
    fill(e, (i, weight) => ({ completion: `办公室完成 ${i}`, self: weight })),
  );
  const folder = pickedFilesFolder('picked', [
    { path: '办公室-交回.xlsx', size: sheet.length, modified: '2019-12-20T08:00:00Z', read: async () => sheet },
  ]);
  const result = await review(folder, { catalog, createdAt: '2019-12-25T00:00:00.000Z' });
  expect(result.files).toBe(1);
  expect(result.workbooks.map((w) => [w.scorer, w.items])).toEqual(
    catalogScorers(catalog).map((s) => [s.scorer.kind === 'team' ? '考核组' : s.scorer.name, s.pairs.length]),
  );
  for (const w of result.workbooks) {
    const read = readWorkbook(w.bytes);
    if (!read.ok) throw new Error(read.failure.code);
    const record = readRecord(new SheetGrid(findMetaSheet(read.contents)!).toRows(30_000, 20));
    if (!record.ok) throw new Error(record.field);
    const mine = record.input.units.find((u) => u.unitId === office.id)!;
    expect(mine.source?.file).toBe('办公室-交回.xlsx');
    expect(mine.rows.every((r) => r.completion.startsWith('办公室完成 '))).toBe(true);
    const others = record.input.units.filter((u) => u.unitId !== office.id);
    expect(others.every((u) => u.source === null && u.rows.every((r) => r.completion === ''))).toBe(true);
  }
}, 60_000);
