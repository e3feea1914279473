import { cellAddress, cellsFromGrid } from '../../../src/core/validate/grid';

describe('cell contents from Office.js value and formula arrays', () => {
  it('keeps non-empty cells with their addresses, formulas only where there is one', () => {
    const cells = cellsFromGrid(
      [['序号', '', 8], [null, 20, '=按时完成']],
      [['序号', '', 8], ['', '=SUM(C1:C1)', '=按时完成']],
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
