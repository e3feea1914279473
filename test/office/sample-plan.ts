// A small sheet plan built by hand in the shape of src/core/plan/model.ts, for the adapter tests that do not
// need the real plan builder (the tests that do use buildSheetPlan on catalog units).
import { COLUMNS, type PlanCell, type SheetPlan } from '../../src/core/plan/model';
import { cellAddress } from '../../src/core/validate/grid';

export interface SampleOptions {
  unitId?: string;
  unitName?: string;
  partyItems?: number;
  ownItems?: number;
  sheetName?: string;
  metaSheetName?: string;
}

export function samplePlan(options: SampleOptions = {}): SheetPlan {
  const unitId = options.unitId ?? 'survey-bureau';
  const unitName = options.unitName ?? '测绘地理信息局';
  const party = options.partyItems ?? 2;
  const own = options.ownItems ?? 3;
  const cells: PlanCell[] = [];
  const put = (
    row: number,
    col: number,
    cell: Omit<PlanCell, 'row' | 'col' | 'address' | 'locked'> & { locked?: boolean },
  ) => cells.push({ row, col, address: cellAddress(row, col), locked: cell.locked ?? true, ...cell });

  put(1, 1, { value: `2019年度${unitName}考核目标评分表`, style: 'title' });
  put(2, 1, { value: `单位：${unitName}　年度：2019`, style: 'info' });
  put(3, 1, { formula: 'IF(COUNTA(G6:G20)=0,"未填写","已填写")', style: 'info' });
  COLUMNS.forEach((c, i) => put(5, i + 1, { value: c.header, style: 'header' }));

  const itemRows: SheetPlan['layout']['itemRows'] = [];
  const subtotalRows: SheetPlan['layout']['subtotalRows'] = [];
  let row = 6;
  let seq = 1;
  const block = (kind: 'party' | 'own', count: number, weight: number) => {
    const first = row;
    for (let i = 0; i < count; i++, row++, seq++) {
      itemRows.push({ row, itemIndex: seq - 1, block: kind });
      put(row, 1, { value: seq, style: 'text' });
      put(row, 2, { value: kind === 'party' ? '党政建设' : '共性指标', style: 'text' });
      put(row, 3, { value: `考核项目${seq}`, style: 'text' });
      // Texts that Excel would otherwise turn into a number or a formula.
      put(row, 4, { value: i === 0 ? '=按时完成' : i === 1 ? '2019' : `完成第${seq}项工作`, style: 'text' });
      put(row, 5, { value: weight, style: 'weight' });
      for (let col = 6; col <= 10; col++)
        put(row, col, { style: col === 7 || col === 9 ? 'score' : 'input', locked: false });
    }
    subtotalRows.push({ row, block: kind });
    put(row, 1, { value: '小计', style: 'subtotal' });
    put(row, 5, { formula: `SUM(E${first}:E${row - 1})`, style: 'subtotal' });
    put(row, 7, { formula: `SUM(G${first}:G${row - 1})`, style: 'subtotal' });
    row++;
  };
  block('party', party, 10);
  block('own', own, 20);
  const totalRow = row;
  put(totalRow, 1, { value: '合计', style: 'subtotal' });
  put(totalRow, 5, { formula: subtotalRows.map((s) => `E${s.row}`).join('+'), style: 'subtotal' });
  put(totalRow, 7, { formula: subtotalRows.map((s) => `G${s.row}`).join('+'), style: 'subtotal' });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);

  const firstItem = 6;
  const lastItem = totalRow - 1;
  return {
    sheetName: options.sheetName ?? unitName,
    title: `2019年度${unitName}考核目标评分表`,
    columns: COLUMNS.map((c, i) => ({
      key: c.key,
      header: c.header,
      width: [6, 12, 16, 40, 8, 30, 10, 24, 10, 20][i]!,
    })),
    rowHeights: { 1: 28, 5: 20 },
    cells,
    merges: ['A1:J1', 'A2:J2', 'A3:J3'],
    styles: {
      title: { font: { bold: true, size: 16 }, alignment: { horizontal: 'center' } },
      info: { font: { size: 11 } },
      header: {
        font: { bold: true },
        fill: 'D9E1F2',
        border: 'thin',
        alignment: { horizontal: 'center', vertical: 'middle' },
      },
      text: { border: 'thin', alignment: { wrapText: true, vertical: 'top' }, numberFormat: '@' },
      weight: { border: 'thin', numberFormat: '0.##' },
      input: { border: 'thin', fill: 'FFF2CC', alignment: { wrapText: true } },
      score: { border: 'thin', fill: 'FFF2CC', numberFormat: '0.##' },
      subtotal: { font: { bold: true }, border: 'thin', numberFormat: '0.##' },
      problem: { font: { color: '9C0006' }, fill: 'FFC7CE' },
    },
    validations: [
      {
        range: `G${firstItem}:G${lastItem}`,
        kind: 'decimal',
        min: 0,
        maxFormula: `$E${firstItem}`,
        allowBlank: true,
        errorStyle: 'stop',
        errorTitle: '自评得分',
        error: '自评得分应在0到分值之间',
        promptTitle: '自评得分',
        prompt: '0～分值',
      },
    ],
    conditionalFormats: [
      {
        range: `H${firstItem}:H${lastItem}`,
        formula: `AND(ISNUMBER($G${firstItem}),$G${firstItem}<$E${firstItem},LEN(TRIM(H${firstItem}))=0)`,
        style: 'problem',
        priority: 1,
        stopIfTrue: false,
        code: 'missing-reason',
      },
    ],
    protection: {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatCells: false,
      formatColumns: true,
      formatRows: true,
      insertRows: false,
      insertColumns: false,
      deleteRows: false,
      deleteColumns: false,
      sort: false,
      autoFilter: false,
    },
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: 1,
      fitToHeight: 0,
      centerHorizontally: true,
      titleRows: [5, 5],
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      blackAndWhite: false,
    },
    freeze: { rows: 5, cols: 0, activeCell: cellAddress(itemRows[0]?.row ?? 6, 6) },
    layout: {
      titleRow: 1,
      infoRow: 2,
      statusRow: 3,
      headerRow: 5,
      itemRows,
      subtotalRows,
      totalRow,
      signature: [],
      lastRow: totalRow,
      columns: Object.fromEntries(COLUMNS.map((c, i) => [c.key, i + 1])) as SheetPlan['layout']['columns'],
    },
    metadata: {
      format: 'target-sheets',
      templateVersion: 1,
      catalogYear: 2019,
      catalogSource: '2019-targets.txt',
      catalogFingerprint: 'ab'.repeat(32),
      unitId,
      unitName,
      group: 'bureau',
      fingerprint: 'cd'.repeat(32),
      createdAt: '2019-01-01T00:00:00Z',
    },
    metaSheet: {
      name: options.metaSheetName ?? `_meta_${unitId}`.slice(0, 31),
      rows: [
        ['format', 'target-sheets'],
        ['unitId', unitId],
        ['templateVersion', 1],
        ['fingerprint', 'cd'.repeat(32)],
      ],
    },
    properties: { 'target-sheets.unitId': unitId, 'target-sheets.fingerprint': 'cd'.repeat(32) },
  };
}
