import ExcelJS from 'exceljs';
import { strToU8, unzipSync } from 'fflate';
import { readCatalogText } from '../../src/core/catalog/build';
import { catalogToMasterRows, masterRowsToCatalog, SHARED_UNIT_LABEL } from '../../src/core/catalog/master';
import { UnopenableCatalogFile } from '../../src/core/catalog/file';
import type { Catalog } from '../../src/core/catalog/model';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { readMasterWorkbook, writeMasterWorkbook } from '../../src/xlsx/master';
import { readWorkbook } from '../../src/xlsx/read';
import { inTimeZone, SHANGHAI } from './time-zone';

const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
const createdAt = new Date('2019-01-15T08:00:00Z');

function xmlOf(bytes: Uint8Array, part: string): string {
  const file = unzipSync(bytes)[part];
  if (!file) throw new Error(`no ${part}`);
  return new TextDecoder().decode(file);
}

async function edit(bytes: Uint8Array, change: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  change(workbook.worksheets[0]!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function rowsOf(sheet: ExcelJS.Worksheet, unit: string): number[] {
  const rows: number[] = [];
  sheet.eachRow((row, n) => {
    if (row.getCell(1).value === unit) rows.push(n);
  });
  return rows;
}

describe('the master sheet file (.xlsx)', () => {
  let bytes: Uint8Array;
  let back: Catalog;
  beforeAll(async () => {
    bytes = await writeMasterWorkbook(fromText, { createdAt });
    back = await readMasterWorkbook(bytes, { source: 'master.xlsx' });
  });

  test('the 2019 catalog written to a file and read back is the same catalog', () => {
    expect(back.year).toBe(2019);
    expect(back.units).toEqual(fromText.units);
    const grid = catalogToMasterRows(fromText);
    expect(back.diagnostics).toEqual(
      masterRowsToCatalog(
        grid.map((cells, i) => ({ row: i + 1, cells })),
        { source: 'x' },
      ).diagnostics,
    );
  });

  test('another reader sees the title, the header on row 2 and one row per target, 分值 as numbers', () => {
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.failure.code);
    const sheet = read.contents.sheets[0]!;
    expect(sheet.name).toBe('考核目标');
    const at = (address: string) => sheet.cells.find((c) => c.address === address)?.value ?? null;
    expect(at('A1')).toBe('2019年度考核目标总表');
    expect(['A2', 'B2', 'C2', 'D2', 'E2', 'F2', 'G2', 'H2'].map(at)).toEqual([
      '单位',
      '分组',
      '板块',
      '指标类别',
      '考核项目',
      '考核内容',
      '分值',
      '考核单位',
    ]);
    expect([at('A3'), at('B3'), at('C3')]).toEqual([SHARED_UNIT_LABEL, '事业局', '党政建设']);
    expect(typeof at('G3')).toBe('number');
    const lastRow = Math.max(...sheet.cells.map((c) => c.row));
    expect(lastRow).toBe(catalogToMasterRows(fromText).length);
  });

  test('header frozen, autofilter on the header, 分组 and 板块 offered as lists, 分值 checked as a number ≥ 0', () => {
    const xml = xmlOf(bytes, 'xl/worksheets/sheet1.xml');
    const last = catalogToMasterRows(fromText).length;
    expect(xml).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(xml).toContain(`<autoFilter ref="A2:H${last}"/>`);
    expect(xml).toMatch(
      /<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="B3:B\d+"><formula1>&quot;事业局,市（州）局,厅机关处室,厅直属单位&quot;<\/formula1>/,
    );
    expect(xml).toMatch(
      /<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="C3:C\d+"><formula1>&quot;党政建设,本单位&quot;<\/formula1>/,
    );
    expect(xml).toMatch(
      /<dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="G3:G\d+"><formula1>0<\/formula1>/,
    );
    expect(xml).toContain('<mergeCell ref="A1:H1"/>');
  });

  test('the same catalog and date give the same bytes', async () => {
    const again = await writeMasterWorkbook(fromText, { createdAt });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(xmlOf(bytes, 'docProps/core.xml')).toContain('2019-01-15T08:00:00Z');
  });

  test('the same catalog and date give the same bytes in any time zone (zip entries stamped in UTC)', async () => {
    const shanghai = await inTimeZone(SHANGHAI, async () => {
      expect(new Date('2019-01-15T20:00:00Z').getHours()).toBe(4); // the simulated zone is in force
      return writeMasterWorkbook(fromText, { createdAt });
    });
    const utc = await inTimeZone(0, () => writeMasterWorkbook(fromText, { createdAt }));
    expect(Buffer.from(shanghai).equals(Buffer.from(utc))).toBe(true);
    expect(Buffer.from(utc).equals(Buffer.from(bytes))).toBe(true);
  });

  test('staff merging repeated 指标类别 cells, reordering nothing else, still gives the same catalog', async () => {
    const edited = await edit(bytes, (sheet) => {
      const rows = rowsOf(sheet, '办公室');
      // 办公室's own targets all sit under one or two categories: merge each run of equal cells.
      let start = rows[0]!;
      for (let i = 1; i <= rows.length; i++) {
        const r = rows[i];
        if (r === undefined || sheet.getCell(`D${r}`).value !== sheet.getCell(`D${start}`).value) {
          if (rows[i - 1]! > start) sheet.mergeCells(`D${start}:D${rows[i - 1]!}`);
          start = r ?? start;
        }
      }
    });
    expect(xmlOf(edited, 'xl/worksheets/sheet1.xml')).toMatch(/<mergeCell ref="D\d+:D\d+"\/>/);
    const catalog = await readMasterWorkbook(edited, { source: 'master.xlsx' });
    expect(catalog.units).toEqual(fromText.units);
  });

  test('a weight typed as text, and a formula, are read; the text is reported on its row', async () => {
    let textRow = 0;
    let formulaRow = 0;
    const edited = await edit(bytes, (sheet) => {
      [textRow, formulaRow] = rowsOf(sheet, '人事处');
      const weight = sheet.getCell(`G${textRow}`).value as number;
      sheet.getCell(`G${textRow}`).value = String(weight);
      const other = sheet.getCell(`G${formulaRow}`).value as number;
      sheet.getCell(`G${formulaRow}`).value = { formula: `${other}*1`, result: other };
    });
    const catalog = await readMasterWorkbook(edited, { source: 'master.xlsx' });
    expect(catalog.units).toEqual(fromText.units);
    expect(catalog.diagnostics.filter((d) => d.code === 'master-weight-text')).toEqual([
      expect.objectContaining({ unit: '人事处', line: textRow }),
    ]);
  });

  test('the master sheet is found on any worksheet, even with a sheet before it and columns moved', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').getCell('A1').value = '请勿修改表头';
    const sheet = workbook.addWorksheet('2020');
    const grid = catalogToMasterRows(fromText);
    grid.forEach((row, i) => {
      // 分值 first, 考核单位 second, an extra 备注 column at the end
      sheet.getRow(i + 3).values = i === 0 ? row : [row[6]!, row[7]!, ...row.slice(0, 6), i === 1 ? '备注' : ''];
    });
    const catalog = await readMasterWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), { source: 'm.xlsx' });
    expect(catalog.units).toEqual(fromText.units);
  });

  test("a file that is not a workbook is refused with the reader's code; a workbook without the master header is one error diagnostic", async () => {
    const notZip = readMasterWorkbook(strToU8('单位,分组\n'), { source: 'x.xlsx', fallbackYear: 2020 });
    await expect(notZip).rejects.toBeInstanceOf(UnopenableCatalogFile);
    await expect(notZip).rejects.toMatchObject({
      code: 'master-file-unreadable',
      params: { reason: 'corrupt-archive' },
    });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['单位', '分组', '考核内容']);
    const other = await readMasterWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), { source: 'y.xlsx' });
    expect(other.units).toEqual([]);
    expect(other.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'master-header-missing',
        unit: null,
        line: null,
        params: { columns: '指标类别、考核项目、分值' },
      },
    ]);
  });
});
