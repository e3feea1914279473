// 提交 of a scoring workbook (评分表) from the pane: told by its record (kind = scoring), checked by the scoring
// validator (an error blocks, as for a unit's sheet), and sent where `push --as scoring` sends it —
// <year>/scoring/<scorer>/<scorer>-<time>-<hash>.xlsx on the real Apache WebDAV, never overwriting, verified —
// both from the open workbook in Excel (the Office stand-in holds it; its check is the pane's live check) and from
// a picked file in a browser. `collect` over the same share then merges the scores into the units' 考核得分.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collect } from '../../src/app/collect/collect';
import { planScoringWorkbooks, renderScoringWorkbooks } from '../../src/app/review';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { ScoringWorkbookPlan } from '../../src/core/scoring-workbook';
import { createWebDavFolder } from '../../src/folders/webdav';
import { localStorageQueueStore } from '../../src/folders/queue-store';
import type { OfficeDocumentLike, OfficeFileLike } from '../../src/folders/workbook-file';
import { type FolderDeps, submitBytes, submitOpenWorkbook } from '../../src/taskpane/engine/folders';
import { checkOpenWorkbook } from '../../src/taskpane/engine/office';
import { NO_DESTINATION } from '../../src/taskpane/engine/settings';
import { readWorkbook } from '../../src/xlsx/read';
import { useFakeExcel } from '../office/excel-mock';
import { type ApacheServer, startApache } from '../support/apache';
import { scoreWorkbook } from '../support/score-workbook';
import { embeddedCatalog, MemoryStorage } from './support/sheets';

let apache: ApacheServer;
let dir: string;
beforeAll(async () => {
  apache = await startApache();
  dir = mkdtempSync(path.join(tmpdir(), 'submit-scoring-'));
}, 60_000);
afterAll(async () => {
  await apache?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const excel = useFakeExcel();
const catalog = embeddedCatalog();
const plans = planScoringWorkbooks(catalog, new Map(), { createdAt: '2019-12-25T00:00:00.000Z' });
const rowsOf = (p: ScoringWorkbookPlan) => p.input.units.reduce((n, u) => n + u.rows.length, 0);
// The smallest owner's workbook: quick to fill and to merge.
const owner = [...plans].filter((p) => p.input.scorer.kind === 'unit').sort((a, b) => rowsOf(a) - rowsOf(b))[0]!;

/** The owner's workbook with every row scored (half a point off each unit's first row, with a reason). */
async function scored(): Promise<{ bytes: Uint8Array; written: Map<string, number[]> }> {
  const [file] = await renderScoringWorkbooks([owner]);
  const blank = path.join(dir, `${owner.metadata.scorerName}.xlsx`);
  writeFileSync(blank, file!.bytes);
  const written = await scoreWorkbook(catalog, blank, new Set(owner.input.units.map((u) => u.unitId)));
  return { bytes: new Uint8Array(readFileSync(blank.replace(/\.xlsx$/, '-scored.xlsx'))), written };
}

function deps(): FolderDeps {
  return {
    settings: () => ({ ...NO_DESTINATION, kind: 'webdav', url: apache.url, user: apache.user }),
    openFolder: async () => createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }),
    queueStore: () => localStorageQueueStore(new MemoryStorage()),
    download: () => {
      throw new Error('nothing should be downloaded');
    },
    recordPush: async () => {},
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  };
}

/** Office.context.document for one file, read in slices. */
function fakeDocument(bytes: Uint8Array): OfficeDocumentLike {
  return {
    getFileAsync(_type, options, callback) {
      const size = options.sliceSize;
      const file: OfficeFileLike = {
        size: bytes.length,
        sliceCount: Math.ceil(bytes.length / size),
        getSliceAsync(index, cb) {
          const data = Array.from(bytes.subarray(index * size, (index + 1) * size));
          cb({ status: 'succeeded', value: { data, index, size: data.length } });
        },
        closeAsync(cb) {
          cb?.({ status: 'succeeded', value: undefined });
        },
      };
      callback({ status: 'succeeded', value: file });
    },
  };
}

const scorerDir = () => path.join(apache.root, String(catalog.year), 'scoring', owner.metadata.scorerName);
const filesIn = (d: string) => {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
};

test('a scoring workbook with a score above 分值 is blocked by the scoring validator, and nothing is sent', async () => {
  const { bytes } = await scored();
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.failure.code);
  // The first scored row: 分值 + 1 in its 考核得分 cell (an ExcelJS edit, as a scorer without the pane would).
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = owner.sheets[0]!;
  const row = sheet.layout.units[0]!.rows[0]!;
  const unit = owner.input.units.find((u) => u.unitId === sheet.layout.units[0]!.unitId)!;
  workbook.getWorksheet(sheet.sheetName)!.getCell(row.row, sheet.layout.columns.assessedScore).value =
    unit.rows[row.rowIndex]!.weight + 1;
  const bad = new Uint8Array(await workbook.xlsx.writeBuffer());
  const outcome = await submitBytes(
    { bytes: bad, fileName: 'bad.xlsx', live: null },
    { confirmWarnings: async () => true },
    deps(),
  );
  expect(outcome.kind).toBe('blocked');
  expect(outcome.report?.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([
    'assessed-score-above-weight',
  ]);
  expect(outcome.report?.unitName).toBe(owner.metadata.scorerName);
  expect(filesIn(scorerDir())).toEqual([]);
}, 60_000);

test('in Excel the open scoring workbook is checked live, sent to scoring/<scorer>/ byte-identical, and in a browser a picked one goes there too, never overwriting; collect merges the scores', async () => {
  const { bytes, written } = await scored();
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const fake = excel.install();
  fake.load(read.contents, {
    unlocked: Object.fromEntries(
      owner.sheets.map((s) => [s.sheetName, s.cells.filter((c) => !c.locked).map((c) => c.address)]),
    ),
  });
  const inExcel = await submitOpenWorkbook({ confirmWarnings: async () => true }, deps(), {
    check: checkOpenWorkbook,
    document: fakeDocument(bytes),
  });
  expect(inExcel.kind).toBe('sent');
  if (inExcel.kind !== 'sent') return;
  // The live check of the whole workbook: every row scored, no problem.
  expect(inExcel.report.issues).toEqual([]);
  expect(inExcel.report.filled).toEqual({ done: rowsOf(owner), total: rowsOf(owner) });
  const scorer = owner.metadata.scorerName;
  expect(inExcel.receipt.path).toMatch(
    new RegExp(`^${catalog.year}/scoring/${scorer}/${scorer}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.xlsx$`),
  );
  const [sent] = filesIn(scorerDir());
  expect(sha256Hex(new Uint8Array(readFileSync(path.join(scorerDir(), sent!))))).toBe(sha256Hex(bytes));

  // The same workbook picked in a browser: checked from its bytes, sent beside the first, which stays as it was.
  const picked = await submitBytes(
    { bytes, fileName: `${scorer}.xlsx`, live: null },
    { confirmWarnings: async () => true },
    { ...deps(), now: () => new Date('2019-12-28T09:00:00Z') },
  );
  expect(picked.kind).toBe('sent');
  if (picked.kind !== 'sent') return;
  expect(picked.receipt.path.startsWith(`${catalog.year}/scoring/${scorer}/`)).toBe(true);
  expect(filesIn(scorerDir()).sort()).toEqual([sent!, path.basename(picked.receipt.path)].sort());
  expect(filesIn(path.join(apache.root, String(catalog.year), 'returned'))).toEqual([]);

  // collect over the share: the owner's workbook counts, every pair of it scored, each unit's scores merged.
  const result = await collect(
    createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }),
    { catalog },
  );
  const merge = result.summary.scoring!.scorers.find((s) => s.key === `unit:${owner.metadata.scorerUnitId}`)!;
  expect([merge.status, merge.scored, merge.pairs]).toEqual(['valid', rowsOf(owner), rowsOf(owner)]);
  for (const [unitId, scores] of written) {
    const unit = result.summary.units.find((u) => u.unitId === unitId)!;
    const total = scores.reduce((a, b) => a + b, 0);
    expect(unit.assessed).toBeCloseTo(total, 2);
  }
}, 120_000);
