// 回传评分结果 on the 2019 catalog: two 厅机关处室 units return their sheets; `review` builds the scoring workbooks;
// the 办公室's and the 考核组's are filled in LibreOffice (through UNO, unlocked cells of the protected sheet only)
// and saved by it, then filed in the shared-folder layout. resultCopies() then gives each of the two units a copy
// whose 考核得分 cells are the scores written, whose 合计 — recalculated by LibreOffice — is the core's assessed total,
// and which validates as a result copy; the same copy with one 考核得分 changed is invalid, naming that cell. Units
// that returned nothing, or were not scored, are listed, not copied.
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { checkWorkbookBytes, validateWorkbookBytes } from '../../src/app/check';
import { resultCopies, type ResultCopiesResult } from '../../src/app/result-copies';
import { submitSheet } from '../../src/app/submit';
import { review } from '../../src/app/review';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath, scoringPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { COLUMN_NUMBER } from '../../src/core/plan/columns';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { readRecord } from '../../src/core/scoring-workbook';
import { findMetaSheet } from '../../src/core/validate/meta';
import { SheetGrid } from '../../src/core/validate/sheet';
import { createDiskFolder } from '../../src/folders/disk';
import { MemoryFolder } from '../core/folders/memory-folder';
import { readWorkbook } from '../../src/xlsx/read';
import { edit, fill, template } from '../integration/validate-corpus';
import { probeWithLibreOffice, resaveWithLibreOffice } from '../support/libreoffice';

const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;
const second = catalog.units.find((u) => u.group === 'department' && u !== office)!;
const city = catalog.units.find((u) => u.group === 'city')!;
const SHEET = '厅机关处室';
const CREATED = '2019-12-30T00:00:00.000Z';
const total = (values: readonly number[]) => fromHundredths(values.reduce((s, v) => s + toHundredths(v), 0));

let work: string;
let root: string;
let result: ResultCopiesResult;
/** Per unit id: per item index, the score and reason written in LibreOffice. */
const written = new Map<string, Map<number, { score: number; reason: string }>>();

function put(relative: string, bytes: Uint8Array): void {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-result-copies-'));
  root = path.join(work, 'share');
  const returned = async (unit: Unit) =>
    edit(await template(unit), (e) =>
      fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight, reason: i === 0 ? '' : undefined })),
    );
  for (const unit of [office, second, city]) {
    const bytes = await returned(unit);
    put(returnedPath(2019, unit.name, new Date('2019-12-20T08:00:00Z'), sha256Hex(bytes)), bytes);
  }
  const built = await review(createDiskFolder(root), { catalog, createdAt: CREATED });
  // The 办公室 and the 考核组 score the 厅机关处室 sheet: full marks on even rows, half a point off (with a reason) else.
  const jobs = ['办公室', '考核组'].map((scorer) => {
    const book = built.workbooks.find((w) => w.scorer === scorer)!;
    const file = path.join(work, book.name);
    writeFileSync(file, book.bytes);
    const read = readWorkbook(book.bytes);
    if (!read.ok) throw new Error(read.failure.code);
    const record = readRecord(new SheetGrid(findMetaSheet(read.contents)!).toRows(30_000, 20));
    if (!record.ok) throw new Error(record.field);
    const values: Record<string, string | number> = {};
    record.rows
      .filter((r) => r.sheet === SHEET && (r.unitId === office.id || r.unitId === second.id))
      .forEach((r, i) => {
        const weight = catalog.units.find((u) => u.id === r.unitId)!.items[r.itemIndex]!.weight;
        const score = i % 2 === 1 && weight >= 0.5 ? weight - 0.5 : weight;
        const reason = score < weight ? `${scorer}：佐证材料不足` : '';
        values[`K${r.row}`] = score;
        if (reason) values[`L${r.row}`] = reason;
        const mine = written.get(r.unitId) ?? new Map();
        mine.set(r.itemIndex, { score, reason });
        written.set(r.unitId, mine);
      });
    return { scorer, path: file, sheet: SHEET, fill: values, saveAs: path.join(work, `${scorer}-lo.xlsx`) };
  });
  await probeWithLibreOffice(jobs);
  for (const job of jobs) {
    const bytes = new Uint8Array(readFileSync(job.saveAs));
    put(scoringPath(2019, job.scorer, new Date('2019-12-28T00:00:00Z'), sha256Hex(bytes)), bytes);
  }
  result = await resultCopies(createDiskFolder(root), {
    catalog,
    createdAt: CREATED,
    fileStem: (unit) => `${unit}-评分结果`,
  });
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('one copy per unit scored; a unit not returned or not scored is listed with its reason', () => {
  expect(result.copies.map((c) => [c.name, c.unit])).toEqual([
    [`${office.name}-评分结果.xlsx`, office.name],
    [`${second.name}-评分结果.xlsx`, second.name],
  ]);
  expect(result.skipped.find((s) => s.unitId === city.id)).toEqual({
    unit: city.name,
    unitId: city.id,
    reason: 'not-scored',
  });
  const notReturned = result.skipped.filter((s) => s.reason === 'not-returned').map((s) => s.unitId);
  expect(notReturned).toHaveLength(catalog.units.length - 3);
  expect(notReturned).not.toContain(office.id);
  expect(result.scoringUsed).toBe(2);
});

test('each copy shows the scores and reasons written, the unit’s own inputs, and validates as a result copy', () => {
  for (const copy of result.copies) {
    const unit = catalog.units.find((u) => u.id === copy.unitId)!;
    const mine = written.get(unit.id)!;
    expect(copy.assessed).toBe(total([...mine.values()].map((w) => w.score)));
    expect([copy.assessedItems, copy.items]).toEqual([mine.size, unit.items.length]);

    const checked = checkWorkbookBytes(copy.bytes, { catalog });
    expect(checked.kind).toBe('result');
    expect(checked.report.status).toBe('valid');
    expect(checked.report.issues).toEqual([]);
    expect(checked.report.totals).toEqual({ weight: 100, self: 100, assessed: copy.assessed });

    const read = readWorkbook(copy.bytes);
    if (!read.ok) throw new Error(read.failure.code);
    const grid = new SheetGrid(read.contents.sheets[0]!);
    expect(read.contents.sheets[0]!.protected).toBe(true);
    // Item rows from row 5, party block first: find each item's row by its 序号 order.
    const order = ['party', 'own'].flatMap((b) =>
      unit.items.map((item, index) => ({ item, index })).filter((x) => x.item.block === b),
    );
    let row = 5;
    for (const [n, { index }] of order.entries()) {
      while (grid.value(row, COLUMN_NUMBER.seq) !== n + 1) row++;
      const w = mine.get(index);
      expect([index, grid.value(row, COLUMN_NUMBER.assessedScore)]).toEqual([index, w ? w.score : null]);
      expect([index, grid.value(row, 11) ?? '']).toEqual([index, w ? w.reason : '']);
      expect(grid.value(row, COLUMN_NUMBER.completion)).toBe(`完成 ${index}`);
    }
  }
});

test('LibreOffice recalculates each copy’s 合计 to the core’s assessed total', async () => {
  const files = result.copies.map((c) => {
    const file = path.join(work, c.name);
    writeFileSync(file, c.bytes);
    return file;
  });
  const probed = await probeWithLibreOffice(files.map((file) => ({ path: file })));
  for (const [i, copy] of result.copies.entries()) {
    const values = probed[i]!.values;
    const totalRow = values.find((r) => r[0] === '合计')!;
    expect([copy.unit, totalRow[COLUMN_NUMBER.assessedScore - 1]]).toEqual([copy.unit, copy.assessed]);
    expect(totalRow[COLUMN_NUMBER.selfScore - 1]).toBe(100);
    expect(probed[i]!.sheets[0]!.protected).toBe(true);
  }
}, 300_000);

test('a copy opened and saved again by LibreOffice is still a valid, unchanged result copy', () => {
  const resaved = resaveWithLibreOffice(result.copies[0]!.bytes);
  const checked = checkWorkbookBytes(resaved, { catalog });
  expect(checked.kind).toBe('result');
  expect([checked.report.status, checked.report.issues]).toEqual(['valid', []]);
}, 300_000);

test('a copy with one 考核得分 changed is invalid, naming the cell', async () => {
  const copy = result.copies[0]!;
  const read = readWorkbook(copy.bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const sheetName = read.contents.sheets[0]!.name;
  const grid = new SheetGrid(read.contents.sheets[0]!);
  let row = 5;
  while (typeof grid.value(row, COLUMN_NUMBER.assessedScore) !== 'number') row++;
  const before = grid.value(row, COLUMN_NUMBER.assessedScore) as number;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(copy.bytes) as unknown as ArrayBuffer);
  workbook.getWorksheet(sheetName)!.getCell(row, COLUMN_NUMBER.assessedScore).value = before - 0.25;
  const tampered = new Uint8Array(await workbook.xlsx.writeBuffer());

  const checked = checkWorkbookBytes(tampered, { catalog });
  expect(checked.kind).toBe('result');
  expect(checked.report.status).toBe('invalid');
  expect(checked.report.issues.map((i) => [i.code, i.cell, i.params.expected, i.params.actual])).toEqual([
    ['result-changed', `I${row}`, String(before), String(before - 0.25)],
  ]);
});

test('取消: an aborted run makes no copy and says it was cancelled', async () => {
  const cancelled = await resultCopies(createDiskFolder(root), {
    catalog,
    createdAt: CREATED,
    fileStem: (unit) => `${unit}-评分结果`,
    signal: AbortSignal.abort(),
  });
  expect([cancelled.cancelled, cancelled.copies, cancelled.skipped]).toEqual([true, [], []]);
});

test('a result copy is not a unit’s returned sheet: the unit-sheet check says so', () => {
  const report = validateWorkbookBytes(result.copies[0]!.bytes);
  expect([report.status, report.issues.map((i) => i.code)]).toEqual(['unreadable', ['is-result-copy']]);
});

test('提交 of a result copy (the pane’s kind auto) is blocked as is-result-copy and sends nothing', async () => {
  const folder = new MemoryFolder();
  const sent = await submitSheet(
    { bytes: result.copies[0]!.bytes, fileName: result.copies[0]!.name, kind: 'auto' },
    { folder: async () => folder },
  );
  expect(sent.kind).toBe('blocked');
  expect(sent.kind === 'blocked' && sent.report.issues.map((i) => i.code)).toEqual(['is-result-copy']);
  expect(await folder.list('')).toEqual([]);
});
