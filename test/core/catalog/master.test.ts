import { readCatalogText } from '../../../src/core/catalog/build';
import {
  catalogToMasterRows,
  fillMergedAreas,
  MASTER_HEADER_ROW,
  MASTER_SPARE_ROWS,
  masterRowsToCatalog,
  masterSheetLayout,
  SHARED_UNIT_LABEL,
  type MasterCell,
  type MasterRow,
} from '../../../src/core/catalog/master';
import type { Catalog, Diagnostic } from '../../../src/core/catalog/model';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';

const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });

function asRows(grid: MasterCell[][]): MasterRow[] {
  return grid.map((cells, index) => ({ row: index + 1, cells }));
}

/** The 2019 master sheet as a grid staff could edit (a deep copy each time). */
function sheet2019(): MasterCell[][] {
  return catalogToMasterRows(fromText).map((row) => [...row]);
}

function read(grid: MasterCell[][]): Catalog {
  return masterRowsToCatalog(asRows(grid), { source: 'master.xlsx' });
}

/** Codes of the document builder that describe the targets, not the Word layout. */
const ABOUT_TARGETS = [
  'unit-total-mismatch',
  'weight-missing',
  'weight-not-numeric',
  'content-missing',
  'category-missing',
  'unit-without-items',
  'party-block-missing',
];

const COL = { unit: 0, group: 1, block: 2, category: 3, item: 4, content: 5, weight: 6, owner: 7 };

/** Sheet row (1-based) of the n-th target row of a unit. */
function rowOf(grid: MasterCell[][], unit: string, nth = 0): number {
  const rows = grid.map((cells, index) => ({ cells, row: index + 1 })).filter((r) => r.cells[COL.unit] === unit);
  const found = rows[nth];
  if (!found) throw new Error(`no row ${nth} for ${unit}`);
  return found.row;
}

function codesAt(catalog: Catalog): Array<[string, number | null]> {
  return catalog.diagnostics.map((d) => [d.code, d.line]);
}

function withoutLine(d: Diagnostic): Omit<Diagnostic, 'line'> {
  const { line: _line, ...rest } = d;
  return rest;
}

describe('the 2019 targets, text export → master sheet → catalog', () => {
  const grid = sheet2019();
  const back = read(grid);

  test('gives the same year, units (ids, names, groups, totals) and targets, in the same order', () => {
    expect(fromText.units).toHaveLength(52);
    expect(back.year).toBe(fromText.year);
    expect(back.units).toEqual(fromText.units);
  });

  test('only the source and the diagnostics differ: the findings about the targets themselves come back, on master rows', () => {
    expect(back.source).toBe('master.xlsx');
    // The text reader's other findings describe the Word layout it repaired (wrapped labels, split rows, merged
    // columns, spaced names, "1．5" and "3+2" weights): the master sheet holds the repaired values, so they do
    // not recur. What describes the targets themselves — a unit whose weights do not add up to 100, a target
    // without a weight or without a content — does, with the same code, unit and parameters.
    const aboutTargets = fromText.diagnostics.filter((d) => ABOUT_TARGETS.includes(d.code));
    expect(aboutTargets.map((d) => d.code)).toEqual(expect.arrayContaining(['unit-total-mismatch', 'weight-missing']));
    const isOwner = (d: Diagnostic) => d.code.startsWith('owner-');
    expect(back.diagnostics.filter((d) => !isOwner(d)).map(withoutLine)).toEqual(aboutTargets.map(withoutLine));
    for (const d of back.diagnostics.filter((d) => !isOwner(d))) expect(grid[d.line! - 1]![COL.unit]).toBe(d.unit);
    // The owner kept as written (信息中心) is reported again, on each row that holds it: the document's one party
    // table for 厅机关处室 and 厅直属单位 is a shared row per group in the sheet.
    const owners = back.diagnostics.filter(isOwner);
    const [ambiguous] = fromText.diagnostics.filter(isOwner);
    expect(owners.map(withoutLine)).toEqual([withoutLine(ambiguous!), withoutLine(ambiguous!)]);
    expect(
      owners.map((d) => grid[d.line! - 1]!.filter((_, c) => [COL.unit, COL.group, COL.owner].includes(c))),
    ).toEqual([
      [SHARED_UNIT_LABEL, '厅机关处室', '信息中心'],
      [SHARED_UNIT_LABEL, '厅直属单位', '信息中心'],
    ]);
  });

  test('a target whose weight the document did not give has an empty 分值, not 0', () => {
    const missing = fromText.diagnostics.filter((d) => d.code === 'weight-missing');
    for (const d of missing) {
      const prefix = String(d.params['content']).replace(/…$/, '');
      const rows = grid.filter((row) => row[COL.unit] === d.unit && String(row[COL.content]).startsWith(prefix));
      expect(rows.map((row) => row[COL.weight])).toEqual(['']);
    }
  });

  test('the sheet has the title with the year, the header, and one row per target; party targets once per group', () => {
    expect(grid[0]).toEqual(['2019年度考核目标总表', '', '', '', '', '', '', '']);
    expect(grid.every((row) => row.length === 8)).toBe(true);
    expect(grid[MASTER_HEADER_ROW - 1]).toEqual([
      '单位',
      '分组',
      '板块',
      '指标类别',
      '考核项目',
      '考核内容',
      '分值',
      '考核单位',
    ]);
    const shared = grid.filter((row) => row[COL.unit] === SHARED_UNIT_LABEL);
    // 12 party targets for 事业局 and for 市（州）局, 8 for 厅机关处室 and for 厅直属单位
    expect(shared.map((row) => row[COL.group])).toEqual([
      ...Array(12).fill('事业局'),
      ...Array(12).fill('市（州）局'),
      ...Array(8).fill('厅机关处室'),
      ...Array(8).fill('厅直属单位'),
    ]);
    expect(shared.every((row) => row[COL.block] === '党政建设')).toBe(true);
    const ownTargets = fromText.units.reduce((n, u) => n + u.items.filter((i) => i.block === 'own').length, 0);
    expect(grid.length).toBe(2 + shared.length + ownTargets);
  });
});

describe('a master sheet staff edited', () => {
  test('columns found by their header, in any order, with extra columns and a blank row ignored', () => {
    const grid = sheet2019();
    const order = [7, 6, 5, 4, 3, 2, 1, 0];
    const edited = grid.map((row, index) =>
      index === 0 ? row : [...order.map((c) => row[c]), index === 1 ? '备注' : 'x'],
    );
    edited.splice(10, 0, []);
    const back = read(edited);
    expect(back.units).toEqual(fromText.units);
  });

  test('a party-building target edited once in the shared rows changes it for every unit of the group', () => {
    const grid = sheet2019();
    const first = grid.findIndex((row) => row[COL.unit] === SHARED_UNIT_LABEL && row[COL.group] === '厅机关处室');
    grid[first]![COL.content] = '新的党建目标';
    const back = read(grid);
    const department = back.units.filter((u) => u.group === 'department');
    expect(department).toHaveLength(24);
    for (const unit of department) expect(unit.items[0]!.content).toBe('新的党建目标');
    expect(back.units.find((u) => u.group === 'institution')!.items[0]!.content).not.toBe('新的党建目标');
  });

  test('a unit with 党政建设 rows of its own keeps them instead of the group’s', () => {
    const grid = sheet2019();
    const at = rowOf(grid, '办公室');
    grid.splice(at - 1, 0, ['办公室', '厅机关处室', '党政建设', '党政建设', '党建', '办公室自己的党建目标', 30]);
    const office = read(grid).units.find((u) => u.name === '办公室')!;
    expect(office.items.filter((i) => i.block === 'party').map((i) => i.content)).toEqual(['办公室自己的党建目标']);
    expect(office.totalWeight).toBe(100);
  });

  test('an unknown group is reported on its row and the row is left out', () => {
    const grid = sheet2019();
    const at = rowOf(grid, '人事处');
    grid[at - 1]![COL.group] = '处室';
    const back = read(grid);
    const d = back.diagnostics.find((x) => x.code === 'master-group-unknown');
    expect(d).toMatchObject({ severity: 'error', unit: '人事处', line: at, params: { value: '处室' } });
    expect(back.units.find((u) => u.name === '人事处')!.items).toHaveLength(
      fromText.units.find((u) => u.name === '人事处')!.items.length - 1,
    );
  });

  test('the document’s long group names are understood', () => {
    const grid = sheet2019();
    for (const row of grid.slice(MASTER_HEADER_ROW))
      if (row[COL.group] === '市（州）局') row[COL.group] = '市(州)自然资源主管部门';
    const back = read(grid);
    expect(back.units).toEqual(fromText.units);
  });

  test('an empty 单位 or 分组 is reported on its row and the row is left out', () => {
    const grid = sheet2019();
    const a = rowOf(grid, '综合处', 0);
    const b = rowOf(grid, '综合处', 1);
    grid[a - 1]![COL.unit] = '';
    grid[b - 1]![COL.group] = null;
    const back = read(grid);
    expect(back.diagnostics.filter((d) => d.code.startsWith('master-'))).toEqual([
      { severity: 'error', code: 'master-unit-empty', unit: null, line: a, params: {} },
      { severity: 'error', code: 'master-group-empty', unit: '综合处', line: b, params: { value: '' } },
    ]);
  });

  test('a unit whose rows appear twice, apart, is reported where it reappears; its rows stay together', () => {
    const grid = sheet2019();
    const first = rowOf(grid, '人事处');
    const copied = [...grid[first - 1]!];
    grid.push(copied);
    const back = read(grid);
    expect(back.diagnostics.find((d) => d.code === 'master-unit-duplicate')).toMatchObject({
      severity: 'warning',
      unit: '人事处',
      line: grid.length,
      params: { firstRow: first },
    });
    const unit = back.units.find((u) => u.name === '人事处')!;
    expect(unit.items.at(-1)).toEqual(unit.items[8]);
    expect(back.units.filter((u) => u.name === '人事处')).toHaveLength(1);
    expect(back.diagnostics.find((d) => d.code === 'unit-total-mismatch' && d.unit === '人事处')).toMatchObject({
      line: first,
    });
  });

  test('the same unit under two groups is an error on the second', () => {
    const grid = sheet2019();
    const at = rowOf(grid, '人事处', 2);
    grid[at - 1]![COL.group] = '厅直属单位';
    expect(codesAt(read(grid))).toContainEqual(['master-group-conflict', at]);
  });

  test('分值: a number typed as text is accepted and said; words, empty and negative are errors; the unit total follows', () => {
    const grid = sheet2019();
    const text = rowOf(grid, '办公室', 0);
    const words = rowOf(grid, '办公室', 1);
    const empty = rowOf(grid, '办公室', 2);
    const negative = rowOf(grid, '办公室', 3);
    const original = grid[text - 1]![COL.weight];
    grid[text - 1]![COL.weight] = ` ${String(original)} `;
    grid[words - 1]![COL.weight] = '两分';
    grid[empty - 1]![COL.weight] = null;
    grid[negative - 1]![COL.weight] = -2;
    const back = read(grid);
    const office = back.diagnostics.filter((d) => d.unit === '办公室');
    expect(office.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'unit-total-mismatch', rowOf(grid, '办公室', 0)],
      ['info', 'master-weight-text', text],
      ['error', 'weight-not-numeric', words],
      ['error', 'weight-missing', empty],
      ['error', 'master-weight-negative', negative],
    ]);
    const items = back.units.find((u) => u.name === '办公室')!.items.filter((i) => i.block === 'own');
    expect(items[0]!.weight).toBe(original);
    expect([items[1]!.weight, items[2]!.weight, items[3]!.weight]).toEqual([0, 0, 0]);
  });

  test('分值 written as “2分” or with full-width digits is repaired, as in the document', () => {
    const grid = sheet2019();
    const a = rowOf(grid, '综合处', 0);
    const b = rowOf(grid, '综合处', 1);
    const [wa, wb] = [grid[a - 1]![COL.weight], grid[b - 1]![COL.weight]];
    grid[a - 1]![COL.weight] = `${String(wa)}分`;
    grid[b - 1]![COL.weight] = String(wb).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const back = read(grid);
    expect(back.units).toEqual(fromText.units);
    expect(
      back.diagnostics.filter((d) => d.unit === '综合处').map((d) => [d.code, d.line, d.params['weight']]),
    ).toEqual([
      ['weight-repaired', a, wa],
      ['weight-repaired', b, wb],
    ]);
  });

  test('empty 指标类别 and 考核内容 are warnings on their rows; an empty 考核项目 is allowed (merged in the document)', () => {
    const grid = sheet2019();
    const at = rowOf(grid, '办公室', 0);
    grid[at - 1]![COL.category] = '';
    grid[at - 1]![COL.content] = '  ';
    grid[at - 1]![COL.item] = '';
    expect(
      read(grid)
        .diagnostics.filter((d) => d.line === at)
        .map((d) => d.code)
        .sort(),
    ).toEqual(['category-missing', 'content-missing']);
  });

  test('an unknown or empty 板块 is reported, and the row is placed by its 指标类别', () => {
    const grid = sheet2019();
    const unknown = rowOf(grid, '办公室', 0);
    const empty = rowOf(grid, '办公室', 1);
    grid[unknown - 1]![COL.block] = '业务';
    grid[empty - 1]![COL.block] = '';
    const back = read(grid);
    expect(back.diagnostics.filter((d) => d.code.startsWith('master-block'))).toEqual([
      {
        severity: 'error',
        code: 'master-block-unknown',
        unit: '办公室',
        line: unknown,
        params: { value: '业务', assumed: '本单位' },
      },
      { severity: 'warning', code: 'master-block-empty', unit: '办公室', line: empty, params: { assumed: '本单位' } },
    ]);
    expect(back.units).toEqual(fromText.units);
  });

  test('a sheet without one of the required columns is refused, naming it', () => {
    const grid = sheet2019().map((row) => row.slice(0, 6)); // no 分值
    const back = read(grid);
    expect(back.units).toEqual([]);
    expect(back.diagnostics).toEqual([
      { severity: 'error', code: 'master-header-missing', unit: null, line: null, params: { columns: '分值' } },
    ]);
  });

  test('without a year above the header, the fallback year is used and the sheet is told it is missing', () => {
    const grid = sheet2019();
    grid[0] = ['考核目标总表'];
    const back = masterRowsToCatalog(asRows(grid), { source: 'm.xlsx', fallbackYear: 2020 });
    expect(back.year).toBe(2020);
    expect(back.diagnostics.filter((d) => d.code === 'year-missing')).toEqual([
      { severity: 'error', code: 'year-missing', unit: null, line: null, params: { year: 2020 } },
    ]);
    // next year's sheet: edit the title
    grid[0] = ['2020年度考核目标总表'];
    expect(read(grid).year).toBe(2020);
  });

  test('shared party rows for a group that has no unit are reported', () => {
    const grid = sheet2019().filter((row) => row[COL.group] !== '事业局' || row[COL.unit] === SHARED_UNIT_LABEL);
    const first = grid.findIndex((row) => row[COL.group] === '事业局') + 1;
    expect(read(grid).diagnostics.find((d) => d.code === 'master-shared-unused')).toMatchObject({
      line: first,
      params: { group: 'bureau' },
    });
  });

  test('a unit without party-building rows, in a group without shared ones, is reported once for the group', () => {
    const grid = sheet2019().filter((row) => !(row[COL.unit] === SHARED_UNIT_LABEL && row[COL.group] === '厅直属单位'));
    const back = read(grid);
    const missing = back.diagnostics.filter((d) => d.code === 'party-block-missing');
    expect(missing).toEqual([
      {
        severity: 'error',
        code: 'party-block-missing',
        unit: '省移民安置局',
        line: rowOf(grid, '省移民安置局'),
        params: { group: 'institution' },
      },
    ]);
  });
});

describe('catalogs the document does not produce still survive the sheet', () => {
  test('units whose party targets differ are written per unit, and a unit without targets keeps its row', () => {
    const catalog: Catalog = {
      year: 2021,
      source: 'x',
      diagnostics: [],
      units: [
        {
          id: 'bureau-01',
          name: '甲局',
          group: 'bureau',
          totalWeight: 100,
          items: [
            { block: 'party', category: '党政建设', item: '党建', content: 'A', weight: 20, owner: null },
            { block: 'own', category: '共性指标', item: '', content: 'B\n第二行', weight: 80, owner: null },
          ],
        },
        {
          id: 'bureau-02',
          name: '乙局',
          group: 'bureau',
          totalWeight: 100,
          items: [
            { block: 'party', category: '党政建设', item: '党建', content: 'A2', weight: 20, owner: null },
            { block: 'own', category: '共性指标', item: '业务', content: 'C', weight: 80.5, owner: null },
          ],
        },
        { id: 'city-01', name: '空局', group: 'city', totalWeight: 0, items: [] },
      ],
    };
    const grid = catalogToMasterRows(catalog);
    expect(grid.filter((row) => row[COL.unit] === SHARED_UNIT_LABEL)).toEqual([]);
    expect(grid.at(-1)).toEqual(['空局', '市（州）局', '', '', '', '', '', '']);
    const back = read(grid);
    // Content lines are joined the way the document reader joins a wrapped cell.
    expect(back.units[0]!.items[1]!.content).toBe('B第二行');
    expect(back.units.slice(1).map((u) => u.items)).toEqual(catalog.units.slice(1).map((u) => u.items));
    expect(back.units.map((u) => [u.id, u.totalWeight])).toEqual([
      ['bureau-01', 100],
      ['bureau-02', 100.5],
      ['city-01', 0],
    ]);
    expect(codesAt(back)).toEqual([
      ['unit-total-mismatch', 5],
      ['party-block-missing', 7],
      ['unit-total-mismatch', 7],
      ['unit-without-items', 7],
    ]);
  });
});

describe('owners (考核单位) in the master sheet', () => {
  test('the 2019 round trip keeps every owner: 200 owned party items, the rest scored by the 考核组', () => {
    const back = read(sheet2019());
    const owned = back.units.flatMap((u) => u.items.filter((i) => i.owner !== null).map((i) => i.owner));
    expect(owned).toHaveLength(200);
    expect(back.units.map((u) => u.items.map((i) => i.owner))).toEqual(
      fromText.units.map((u) => u.items.map((i) => i.owner)),
    );
  });

  test('a sheet written before owners existed (no 考核单位 column) still reads, with no owners', () => {
    const old = sheet2019().map((row) => row.slice(0, COL.owner));
    const back = read(old);
    expect(back.units).toEqual(
      fromText.units.map((u) => ({ ...u, items: u.items.map((i) => ({ ...i, owner: null })) })),
    );
    expect(back.diagnostics.filter((d) => d.code.startsWith('owner-'))).toEqual([]);
  });

  test('the office corrects an owner: a unit name (or its department short name) resolves; other text is kept and reported on its row', () => {
    const grid = sheet2019();
    const rows = grid
      .map((row, index) => ({ row, line: index + 1 }))
      .filter(({ row }) => row[COL.owner] === '信息中心');
    expect(rows).toHaveLength(2);
    rows[0]!.row[COL.owner] = '省自然资源厅信息中心';
    // rows[1] keeps 信息中心: still ambiguous.
    const own = rowOf(grid, '人事处', 0);
    grid[own - 1]![COL.owner] = '厅办';
    const back = read(grid);
    const office = back.units.find((u) => u.name === '办公室')!;
    const institution = back.units.find((u) => u.group === 'institution')!;
    expect(office.items.find((i) => i.item === '信息化建设')!.owner).toBe('省自然资源厅信息中心');
    expect(institution.items.find((i) => i.item === '信息化建设')!.owner).toBe('信息中心');
    const personnel = back.units.find((u) => u.name === '人事处')!;
    expect(personnel.items.find((i) => i.block === 'own')!.owner).toBe('办公室');
    expect(back.diagnostics.filter((d) => d.code.startsWith('owner-'))).toEqual([
      {
        severity: 'warning',
        code: 'owner-ambiguous',
        unit: null,
        line: rows[1]!.line,
        params: { owner: '信息中心', candidates: '省自然资源厅信息中心、省基础地理信息中心' },
      },
    ]);
    grid[own - 1]![COL.owner] = '省财政厅';
    expect(read(grid).diagnostics.filter((d) => d.code.startsWith('owner-'))).toContainEqual({
      severity: 'warning',
      code: 'owner-unknown',
      unit: '人事处',
      line: own,
      params: { owner: '省财政厅' },
    });
  });

  test('party targets that differ only in their owner are not written once for the group', () => {
    const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
    const department = catalog.units.find((u) => u.group === 'department')!;
    department.items[0]!.owner = '人事处';
    const grid = catalogToMasterRows(catalog);
    expect(grid.some((row) => row[COL.unit] === SHARED_UNIT_LABEL && row[COL.group] === '厅机关处室')).toBe(false);
    expect(read(grid).units.map((u) => u.items.map((i) => i.owner))).toEqual(
      catalog.units.map((u) => u.items.map((i) => i.owner)),
    );
  });
});

describe('a master sheet read from the open workbook (Office.js gives a merged area’s value only in its first cell)', () => {
  test('指标类别 merged by staff over a unit’s rows reads as if written in every row', () => {
    const grid = sheet2019();
    const first = rowOf(grid, '办公室', 0);
    const last = rowOf(grid, '办公室', 2);
    expect(new Set(grid.slice(first - 1, last).map((row) => row[COL.category])).size).toBe(1);
    for (let r = first + 1; r <= last; r++) grid[r - 1]![COL.category] = '';
    const merged = [{ top: first, bottom: last, left: COL.category, right: COL.category }];
    expect(masterRowsToCatalog(fillMergedAreas(asRows(grid), merged), { source: 'open workbook' }).units).toEqual(
      fromText.units,
    );
    // Without the merge information, the emptied cells are reported.
    const unmerged = read(grid)
      .diagnostics.filter((d) => d.code === 'category-missing')
      .map((d) => d.line);
    expect(unmerged).toEqual([first + 1, last]);
  });
});

describe("the sheet's layout, applied by the .xlsx file and the open workbook alike", () => {
  test('the 2019 sheet: title and header rows and 单位 frozen, title over A:H, filter over header..last row, rules to last + spare rows', () => {
    const rows = catalogToMasterRows(fromText).length;
    const last = rows + MASTER_SPARE_ROWS;
    expect(masterSheetLayout(rows)).toEqual({
      freeze: { rows: MASTER_HEADER_ROW, cols: 1 },
      titleMerge: 'A1:H1',
      filter: `A${MASTER_HEADER_ROW}:H${rows}`,
      weightFormat: { column: 'weight', range: `G3:G${last}`, format: '0.0#' },
      validations: [
        {
          column: 'group',
          range: `B3:B${last}`,
          kind: 'list',
          values: ['事业局', '市（州）局', '厅机关处室', '厅直属单位'],
        },
        { column: 'block', range: `C3:C${last}`, kind: 'list', values: ['党政建设', '本单位'] },
        { column: 'weight', range: `G3:G${last}`, kind: 'decimal-min', min: 0 },
      ],
    });
  });

  test('a sheet with no target row still filters its header row only', () => {
    expect(masterSheetLayout(MASTER_HEADER_ROW).filter).toBe(`A${MASTER_HEADER_ROW}:H${MASTER_HEADER_ROW}`);
    expect(masterSheetLayout(MASTER_HEADER_ROW).validations[0]!.range).toBe(
      `B3:B${MASTER_HEADER_ROW + MASTER_SPARE_ROWS}`,
    );
  });
});
