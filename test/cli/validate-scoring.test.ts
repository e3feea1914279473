// `target-sheets validate` on scoring workbooks: recognised by their record and checked as what they are (the
// rules are the core's, test/core/scoring-workbook/validate.test.ts); their issues name the sheet.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ValidateJsonFile } from '../../src/cli/commands/validate';
import { catalogIdentity } from '../../src/core/plan/fingerprint';
import { buildScoringWorkbook, scoringInputs } from '../../src/core/scoring-workbook';
import { scoringTexts } from '../../src/i18n/scoring-texts';
import { renderWorkbookToXlsx } from '../../src/xlsx/render';
import { catalog2019, CREATED_AT } from '../core/plan/catalog-2019';
import { cli } from '../support/cli';

let work: string;
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a scoring workbook as made is valid (kind scoring); a 分值 changed and a score above it are errors', async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-validate-scoring-'));
  const catalog = catalog2019();
  const input = scoringInputs(catalog, catalogIdentity(catalog), new Map())[0]!;
  const plan = buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
  const bytes = await renderWorkbookToXlsx(plan);
  const good = path.join(work, 'good.xlsx');
  writeFileSync(good, bytes);

  const sheet = plan.sheets[0]!;
  const row = sheet.layout.units[0]!.rows[0]!.row;
  const other = sheet.layout.units[1]!.rows[0]!.row;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = workbook.getWorksheet(sheet.sheetName)!;
  ws.getCell(`F${row}`).value = 10;
  ws.getCell(`K${other}`).value = 50;
  const bad = path.join(work, 'bad.xlsx');
  writeFileSync(bad, new Uint8Array(await workbook.xlsx.writeBuffer()));

  const ok = await cli('validate', good, '--json');
  expect(ok.code).toBe(0);
  const [okFile] = (JSON.parse(ok.stdout) as { files: ValidateJsonFile[] }).files;
  expect(okFile).toEqual(
    expect.objectContaining({ kind: 'scoring', scorer: plan.metadata.scorerName, unit: null, status: 'valid' }),
  );

  const run = await cli('validate', bad);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`考核单位：${plan.metadata.scorerName}（2019 年评分表）`);
  expect(run.stdout).toContain(`${sheet.sheetName}!F${row}`);
  expect(run.stdout).toContain('[weight-changed]');
  expect(run.stdout).toContain(
    `${sheet.sheetName}!K${other} [assessed-score-above-weight] 考核得分 50 超过本项分值 2。`,
  );
}, 60_000);
