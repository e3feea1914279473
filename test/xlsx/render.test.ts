import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { BORDER_COLOR } from '../../src/core/plan/model';
import { renderPlanToXlsx, renderPlansToXlsx } from '../../src/xlsx/render';
import { catalog2019, planFor, smallCatalog } from '../core/plan/catalog-2019';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const catalog = smallCatalog();
const plan = planFor(catalog.units[0]!, catalog);

describe('the xlsx renderer', () => {
  test('writes the plan: texts, numbers, formulas with cached results, merges and column widths', async () => {
    const wb = await open(await renderPlanToXlsx(plan));
    const ws = wb.getWorksheet('测试处')!;
    expect(ws.getCell('A2').value).toBe('2019年度测试处考核目标评分表');
    expect(ws.getCell('D9').value).toBe('=完成专项任务');
    expect(ws.getCell('E8').value).toBe(40.5);
    expect(ws.getCell('E11').value).toEqual({ formula: 'E7+E10', result: 100 });
    expect(ws.getCell('G7').formula).toBe('SUM(G5:G6)');
    expect(ws.getCell('A1').formula).toBe(plan.cells.find((c) => c.address === 'A1')!.formula);
    expect(ws.getColumn(4).width).toBe(52);
    expect(ws.getCell('B1').isMerged).toBe(true);
  });

  test('locks everything but the inputs and protects the sheet, without a password unless one is given', async () => {
    const wb = await open(await renderPlanToXlsx(plan));
    const ws = wb.getWorksheet('测试处')!;
    expect(ws.getCell('G5').protection?.locked).toBe(false);
    expect(ws.getCell('J9').protection?.locked).toBe(false);
    expect(ws.getCell('E5').protection?.locked).not.toBe(false);
    expect(ws.getCell('G7').protection?.locked).not.toBe(false);
    const xml = strFromU8(unzipSync(await renderPlanToXlsx(plan))['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(xml).not.toMatch(/hashValue/);
    const locked = strFromU8(
      unzipSync(await renderPlanToXlsx(plan, { password: 'secret' }))['xl/worksheets/sheet1.xml']!,
    );
    expect(locked).toMatch(/<sheetProtection [^>]*algorithmName="SHA-512"[^>]*hashValue="[A-Za-z0-9+/=]{88}"/);
    // The hash is computed with 100 000 spins; without the attribute Excel would check with none.
    expect(locked).toMatch(/<sheetProtection [^>]*saltValue="[A-Za-z0-9+/=]{24}"[^>]*spinCount="100000"/);
    expect(locked).not.toContain('secret');
  });

  test('writes validations with a stop alert, conditional formats, print setup and frozen header', async () => {
    const entries = unzipSync(await renderPlanToXlsx(plan));
    const xml = strFromU8(entries['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('sqref="G5:G6"');
    expect(xml).toMatch(
      /<dataValidation [^>]*type="decimal"[^>]*errorStyle="stop"|<dataValidation [^>]*errorStyle="stop"[^>]*type="decimal"/,
    );
    expect(xml).toContain('<formula2>$E5</formula2>');
    expect(xml).toContain('请输入 0 到本行分值之间的数字。');
    expect(xml).toContain('AND(ISNUMBER($G5),$G5&lt;$E5,LEN(TRIM(H5))=0)');
    expect(xml).toMatch(
      /<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"|<pageSetup [^>]*orientation="landscape"[^>]*paperSize="9"/,
    );
    expect(xml).toMatch(/fitToWidth="1"/);
    expect(xml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    const workbook = strFromU8(entries['xl/workbook.xml']!);
    expect(workbook).toContain('_xlnm.Print_Titles');
    expect(workbook).toMatch(/\$4:\$4/);
    expect(workbook).toMatch(/fullCalcOnLoad="1"/);
    expect(workbook).toMatch(/state="veryHidden"/);
  });

  test('prints from the title down, without colours, with the unit and page numbers in the footer (ECMA-376 order)', async () => {
    const entries = unzipSync(await renderPlanToXlsx(plan));
    const xml = strFromU8(entries['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<pageSetup [^>]*blackAndWhite="1"/);
    expect(xml).toContain(
      '<headerFooter><oddFooter>&amp;L测试处&amp;C第 &amp;P 页 共 &amp;N 页&amp;R2019年度</oddFooter></headerFooter>',
    );
    // CT_Worksheet: … pageMargins, pageSetup, headerFooter …
    expect(xml.indexOf('<pageMargins')).toBeLessThan(xml.indexOf('<pageSetup'));
    expect(xml.indexOf('<pageSetup')).toBeLessThan(xml.indexOf('<headerFooter>'));
    const workbook = strFromU8(entries['xl/workbook.xml']!);
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;测试处&apos;!$A$2:$J$14</definedName>`,
    );
    // The 填报说明 sheet: visible, after the very hidden meta sheet, protected.
    expect(workbook).toMatch(/<sheet sheetId="3" name="填报说明" state="visible"/);
    expect(strFromU8(entries['xl/worksheets/sheet3.xml']!)).toMatch(/<sheetProtection [^>]*sheet="1"/);
  });

  test("thin borders are drawn in the plan's BORDER_COLOR (the colour the Office adapter sets too)", async () => {
    const styles = strFromU8(unzipSync(await renderPlanToXlsx(plan))['xl/styles.xml']!);
    const borders = /<borders count="\d+">(.*?)<\/borders>/.exec(styles)![1]!;
    const colors = [...borders.matchAll(/<color rgb="(\w+)"\/>/g)].map((m) => m[1]);
    expect(colors.length).toBeGreaterThan(0);
    expect(new Set(colors)).toEqual(new Set([`FF${BORDER_COLOR}`]));
  });

  test('carries the identity in custom document properties and in the very hidden meta sheet', async () => {
    const bytes = await renderPlanToXlsx(plan);
    const entries = unzipSync(bytes);
    const custom = strFromU8(entries['docProps/custom.xml']!);
    expect(custom).toContain(`name="TargetSheets.fingerprint"><vt:lpwstr>${plan.metadata.fingerprint}</vt:lpwstr>`);
    expect(custom).toContain('name="TargetSheets.unitName"><vt:lpwstr>测试处</vt:lpwstr>');
    expect(strFromU8(entries['[Content_Types].xml']!)).toContain('/docProps/custom.xml');
    expect(strFromU8(entries['_rels/.rels']!)).toContain('docProps/custom.xml');
    const wb = await open(bytes);
    const meta = wb.getWorksheet(plan.metaSheet.name)!;
    expect(meta.state).toBe('veryHidden');
    const rows = plan.metaSheet.rows;
    rows.forEach((row, i) => row.forEach((v, j) => expect(meta.getCell(i + 1, j + 1).value).toBe(v)));
  });

  test('the same plan gives byte-identical files, and another createdAt gives different bytes', async () => {
    const [a, b] = await renderPlansToXlsx([plan, plan], { password: 'pw' });
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(true);
    const later = planFor(catalog.units[0]!, catalog);
    const other = await renderPlanToXlsx(
      { ...later, metadata: { ...later.metadata, createdAt: '2020-01-01T00:00:00.000Z' } },
      { password: 'pw' },
    );
    expect(Buffer.from(other).equals(Buffer.from(a!))).toBe(false);
  });

  test('renders every unit of the 2019 catalog', async () => {
    const units = catalog2019().units;
    const files = await renderPlansToXlsx(units.slice(0, 52).map((u) => planFor(u)));
    expect(files).toHaveLength(52);
    const wb = await open(files[51]!);
    expect(wb.worksheets.map((w) => w.name)).toEqual([planFor(units[51]!).sheetName, 'TargetSheetsMeta', '填报说明']);
  });
});
