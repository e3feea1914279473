import { cellAddress, cellsFromGrid } from '../../../src/core/validate/grid';

describe('cell contents from Office.js value and formula arrays', () => {
  it('keeps non-empty cells with their addresses, formulas only where there is one', () => {
    const cells = cellsFromGrid(
      [
        ['序号', '', 8],
        [null, 20, '=按时完成'],
      ],
      [
        ['序号', '', 8],
        ['', '=SUM(C1:C1)', '=按时完成'],
      ],
      4,
      1,
    );
    expect(cells).toEqual([
      { address: 'A4', row: 4, col: 1, value: '序号' },
      { address: 'C4', row: 4, col: 3, value: 8 },
      { address: 'B5', row: 5, col: 2, value: 20, formula: '=SUM(C1:C1)' },
      { address: 'C5', row: 5, col: 3, value: '=按时完成' },
    ]);
  });

  it('names columns past Z', () => {
    expect([cellAddress(1, 26), cellAddress(2, 27), cellAddress(3, 703)]).toEqual(['Z1', 'AA2', 'AAA3']);
  });
});

describe('what the task pane reads from Excel goes through the same validator', () => {
  it('a filled sheet read as Office.js value/formula arrays is valid; a changed weight is named', async () => {
    const { planToContents, clone, fillCorrectly, getCell } = await import('./contents');
    const { planFor, sampleUnit, TEXTS } = await import('./fixture');
    const { validateWorkbook } = await import('../../../src/core/validate/validate');
    const plan = planFor(sampleUnit);
    const contents = clone(planToContents(plan));
    fillCorrectly(contents, plan);
    // As Office.js returns a used range: values (results for formulas, '' for empty) and formulas ('=…' or the constant).
    const toArrays = (cells: (typeof contents.sheets)[number]['cells']) => {
      const rows = Math.max(...cells.map((c) => c.row));
      const cols = Math.max(...cells.map((c) => c.col));
      const values: (string | number | boolean | null)[][] = Array.from({ length: rows }, () => Array(cols).fill(''));
      const formulas: (string | number | boolean | null)[][] = Array.from({ length: rows }, () => Array(cols).fill(''));
      for (const c of cells) {
        values[c.row - 1]![c.col - 1] = c.value ?? '';
        formulas[c.row - 1]![c.col - 1] = c.formula !== undefined ? `=${c.formula}` : (c.value ?? '');
      }
      return cellsFromGrid(values, formulas);
    };
    const fromExcel = { sheets: contents.sheets.map((s) => ({ ...s, cells: toArrays(s.cells) })) };
    expect(validateWorkbook(fromExcel, { texts: TEXTS }).issues).toEqual([]);
    const row = plan.layout.itemRows[0]!.row;
    getCell(contents, row, plan.layout.columns.weight)!.value = 50;
    const tampered = { sheets: contents.sheets.map((s) => ({ ...s, cells: toArrays(s.cells) })) };
    expect(validateWorkbook(tampered, { texts: TEXTS }).issues.map((i) => `${i.code}@${i.cell ?? '-'}`)).toContain(
      `weight-changed@E${row}`,
    );
  });
});
