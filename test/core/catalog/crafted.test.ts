import { readCatalogText } from '../../../src/core/catalog/build';
import { type Catalog } from '../../../src/core/catalog/model';
import { catalogSchema } from '../../../src/core/catalog/schema';
import { readTargetsText } from '../../../src/core/catalog/read-text';
import { diagnosticMessage } from '../../../src/core/catalog/messages';
import { createTranslator } from '../../../src/i18n';
import { documentText, HEADER, ownTable, partyTable20, partyTable30, row, table } from './craft';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const read = (text: string): Catalog => {
  const catalog = readCatalogText(text, { source: 'crafted.txt' });
  expect(() => catalogSchema.parse(catalog)).not.toThrow();
  // Every diagnostic has a message in both languages with all its values filled in.
  for (const d of catalog.diagnostics) {
    for (const t of [zh, en]) expect(diagnosticMessage(t, d)).not.toMatch(/\{\{|^[a-z-]+$/);
  }
  return catalog;
};
const codes = (catalog: Catalog) => catalog.diagnostics.map((d) => d.code);
const own = (catalog: Catalog, index = 0) => catalog.units[index]!.items.filter((i) => i.block === 'own');

const BUREAUS = '2019年度各事业局考核任务目标';
const CITIES = '2019年度市（州）自然资源主管部门考核任务目标';
const DEPARTMENTS = '2019年度厅机关各部门考核任务目标';
const INSTITUTIONS = '2019年度厅直属事业单位考核目标';

describe('a well-formed document', () => {
  const text = documentText([
    ...partyTable20(),
    ...partyTable30(),
    BUREAUS,
    ...ownTable('甲局'),
    CITIES,
    ...ownTable('乙市局'),
    ...ownTable('丙州局'),
    DEPARTMENTS,
    ...ownTable('丁处', 70),
    INSTITUTIONS,
    ...ownTable('戊中心', 70),
  ]);

  test('gives every unit its group, its party block first and 100 points, with no diagnostics', () => {
    const catalog = read(text);
    expect(catalog.diagnostics).toEqual([]);
    expect(catalog.units.map((u) => [u.id, u.name, u.group, u.totalWeight])).toEqual([
      ['bureau-01', '甲局', 'bureau', 100],
      ['city-01', '乙市局', 'city', 100],
      ['city-02', '丙州局', 'city', 100],
      ['department-01', '丁处', 'department', 100],
      ['institution-01', '戊中心', 'institution', 100],
    ]);
    expect(catalog.units[0]!.items).toEqual([
      {
        block: 'party',
        category: '党政建设',
        item: '领导班子',
        content: '加强领导班子建设。',
        weight: 12,
        owner: null,
      },
      { block: 'party', category: '党政建设', item: '领导班子', content: '做好扶贫工作。', weight: 8, owner: null },
      { block: 'own', category: '共性指标', item: '重点工作', content: '完成年度重点工作。', weight: 40, owner: null },
      { block: 'own', category: '共性指标', item: '重点工作', content: '完成其他工作。', weight: 40, owner: null },
    ]);
    expect(catalog.units[3]!.items.slice(0, 2).map((i) => [i.item, i.weight])).toEqual([
      ['党风廉政', 18],
      ['保密工作', 12],
    ]);
  });

  test('works for next year: the year comes from the titles and any unit names are read', () => {
    const next = documentText([...partyTable20(2020), '2020年度各事业局考核任务目标', ...ownTable('新成立的测试局')]);
    const catalog = read(next);
    expect(catalog.year).toBe(2020);
    expect(catalog.units.map((u) => u.name)).toEqual(['新成立的测试局']);
    expect(catalog.diagnostics).toEqual([]);
  });

  test('Windows line endings and a byte-order mark read the same', () => {
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(read(crlf)).toEqual(read(text));
  });

  test('the document model keeps wrapped cell text as lines', () => {
    const { document } = readTargetsText(text);
    const first = document.blocks[1]!;
    expect(first.kind).toBe('table');
    if (first.kind !== 'table') return;
    expect(first.rows[1]!.cells[0]).toBe('党\n政\n建\n设\n20\n分');
    expect(first.rows[1]!.line).toBe(8);
  });
});

describe('tricky layouts', () => {
  const wrap = (unitRows: string[][], extra: string[] = []) =>
    documentText([...partyTable20(), BUREAUS, ...extra, '甲局', table([HEADER, ...unitRows])]);

  test('a header with spaces or wrapped over lines is still a header', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      table([
        ['指标\n\n类别', '考核\n\n项目', '考　　　核　　　内　　　容', '分值 '],
        ['共\n性 指\n标', '工作', '做好工作。', '80 '],
      ]),
    ]);
    const catalog = read(text);
    expect(own(catalog)).toEqual([
      { block: 'own', category: '共性指标', item: '工作', content: '做好工作。', weight: 80, owner: null },
    ]);
    expect(catalog.diagnostics).toEqual([]);
  });

  test('blank lines inside a vertical label do not split the row', () => {
    const catalog = read(wrap([['共\n\n性\n\n指\n\n标', '重\n\n点\n\n工\n\n作', '完成工作。', '80']]));
    expect(own(catalog)).toEqual([
      { block: 'own', category: '共性指标', item: '重点工作', content: '完成工作。', weight: 80, owner: null },
    ]);
  });

  test('an empty merged cell carries the label above down, but never content or weight', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '40'],
        ['', '', '第二项。', ''],
        ['', '', '第三项。', '40'],
      ]),
    );
    expect(own(catalog).map((i) => [i.category, i.item, i.content, i.weight])).toEqual([
      ['共性指标', '工作', '第一项。', 40],
      ['共性指标', '工作', '第二项。', 0],
      ['共性指标', '工作', '第三项。', 40],
    ]);
    const missing = catalog.diagnostics.find((d) => d.code === 'weight-missing')!;
    expect(missing).toMatchObject({ severity: 'error', unit: '甲局', params: { content: '第二项。' } });
  });

  test('a new category starts with a fresh item label', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '40'],
        ['个性指标', '', '第二项。', '40'],
      ]),
    );
    expect(own(catalog).map((i) => [i.category, i.item])).toEqual([
      ['共性指标', '工作'],
      ['个性指标', ''],
    ]);
  });

  test('a three-column table (no 考核项目) leaves the item empty and says so', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      table([
        ['指标类别', '考　核　内　容', '分值'],
        ['个\n性\n指\n标', '第一项。', '50'],
        ['', '第二项。', '30'],
      ]),
    ]);
    const catalog = read(text);
    expect(own(catalog).map((i) => [i.category, i.item, i.content, i.weight])).toEqual([
      ['个性指标', '', '第一项。', 50],
      ['个性指标', '', '第二项。', 30],
    ]);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'item-column-missing', unit: '甲局', params: { rows: 2 } }),
    ]);
  });

  test('rows whose item column is merged into the content (3 cells in a 4-column table) keep their columns apart', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '40'],
        ['个\n性\n指\n标', '第二项。', '20'],
        ['', '第三项。', '20'],
      ]),
    );
    expect(own(catalog).map((i) => [i.category, i.item, i.content, i.weight])).toEqual([
      ['共性指标', '工作', '第一项。', 40],
      ['个性指标', '', '第二项。', 20],
      ['个性指标', '', '第三项。', 20],
    ]);
    expect(catalog.diagnostics).toEqual([expect.objectContaining({ code: 'item-column-merged', params: { rows: 2 } })]);
  });

  test('a label written several times in one cell (repeated at page breaks) is read once and reported', () => {
    const catalog = read(wrap([['共\n性 指\n标\n共\n性 指\n标\n共\n性 指\n标', '工作', '做好工作。', '80']]));
    expect(own(catalog)[0]!.category).toBe('共性指标');
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'label-repeated', params: { label: '共性指标', times: 3 } }),
    ]);
  });

  test('a category written again after a page break is the same category, reported', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '40'],
        ['共\n性\n指\n标', '工作二', '第二项。', '40'],
      ]),
    );
    expect(own(catalog).map((i) => i.category)).toEqual(['共性指标', '共性指标']);
    expect(codes(catalog)).toEqual(['label-repeated']);
  });

  test('a row split by a page break mid-sentence is joined to the row above', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '完成县人民政府计', '80'],
        ['共\n性\n指\n标', '', '划审批的工作。', ''],
      ]),
    );
    expect(own(catalog)).toEqual([
      {
        block: 'own',
        category: '共性指标',
        item: '工作',
        content: '完成县人民政府计划审批的工作。',
        weight: 80,
        owner: null,
      },
    ]);
    expect(codes(catalog)).toEqual(['label-repeated', 'row-split']);
  });

  test('a finished sentence without a weight below a row is a separate target with its weight missing, not a continuation', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '80'],
        ['', '', '第二项。', ''],
      ]),
    );
    expect(own(catalog).map((i) => [i.content, i.weight])).toEqual([
      ['第一项。', 80],
      ['第二项。', 0],
    ]);
    expect(codes(catalog)).toEqual(['weight-missing']);
  });

  test('a weight alone on the row below a row without one belongs to that row', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', ''],
        ['', '', '', '80'],
      ]),
    );
    expect(own(catalog)).toEqual([
      { block: 'own', category: '共性指标', item: '工作', content: '第一项。', weight: 80, owner: null },
    ]);
    expect(codes(catalog)).toEqual(['row-split']);
  });

  test('a page break between the content and the weight of a row is reported but read as one row', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      `${table([HEADER])}\n\n${row(['共性指标', '工作', '一项很长的工作，'])}\n\n\n${row(['80'])}`,
    ]);
    const catalog = read(text);
    expect(own(catalog)).toEqual([
      { block: 'own', category: '共性指标', item: '工作', content: '一项很长的工作，', weight: 80, owner: null },
    ]);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ code: 'row-split', unit: '甲局', severity: 'info' }),
    ]);
  });

  test('odd weights: spaces are ignored, full-width digits and "分" are repaired, "3+2" is summed, text is an error', () => {
    const catalog = read(
      wrap([
        ['共性指标', '一', '第一项。', ' 20  '],
        ['', '二', '第二项。', '２０'],
        ['', '三', '第三项。', '10分'],
        ['', '四', '第四项。', '3+2'],
        ['', '五', '第五项。', '约15'],
      ]),
    );
    expect(own(catalog).map((i) => i.weight)).toEqual([20, 20, 10, 5, 0]);
    expect(catalog.diagnostics.map((d) => [d.severity, d.code, d.params])).toEqual([
      ['warning', 'unit-total-mismatch', { total: 75, expected: 100, party: 20, own: 55, expectedOwn: 80 }],
      ['info', 'weight-repaired', { text: '２０', weight: 20 }],
      ['info', 'weight-repaired', { text: '10分', weight: 10 }],
      ['warning', 'weight-sum', { text: '3+2', weight: 5 }],
      ['error', 'weight-not-numeric', { text: '约15', content: '第五项。' }],
    ]);
  });

  test('a unit name written with spaces is closed up and reported', () => {
    const text = documentText([...partyTable20(), BUREAUS, ...ownTable('执 法 局  ')]);
    const catalog = read(text);
    expect(catalog.units[0]!.name).toBe('执法局');
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unit-name-spaces',
        unit: '执法局',
        params: { written: '执 法 局', name: '执法局' },
      }),
    ]);
  });

  test('a unit whose weights do not add up to what its section implies is reported with both totals', () => {
    const catalog = read(documentText([...partyTable30(), DEPARTMENTS, ...ownTable('丁处', 80)]));
    expect(catalog.units[0]!.totalWeight).toBe(110);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unit-total-mismatch',
        unit: '丁处',
        params: { total: 110, expected: 100, party: 30, own: 80, expectedOwn: 70 },
      }),
    ]);
  });

  test('a party table whose label points differ from its weights is reported', () => {
    const text = documentText([
      '2019年度事业局领导班子党政建设',
      table([HEADER, ['党\n政\n建\n设\n\n25\n\n分', '班子', '加强建设。', '12'], ['', '', '做好工作。', '8']]),
      BUREAUS,
      ...ownTable('甲局'),
    ]);
    const catalog = read(text);
    expect(codes(catalog)).toEqual(['block-total-mismatch']);
    expect(catalog.diagnostics[0]!.params).toMatchObject({ points: 25, total: 20 });
  });

  test('a group without a party-building table is reported and its units keep their own targets', () => {
    const catalog = read(documentText([...partyTable20(), DEPARTMENTS, ...ownTable('丁处', 70)]));
    expect(catalog.units[0]!.items.every((i) => i.block === 'own')).toBe(true);
    expect(codes(catalog)).toEqual(['party-block-unused', 'party-block-missing', 'unit-total-mismatch']);
    expect(catalog.diagnostics[1]).toMatchObject({ severity: 'error', params: { group: 'department' } });
  });

  test('a section title naming no known group is reported and its units are reported, not guessed', () => {
    const catalog = read(
      documentText([
        ...partyTable20(),
        BUREAUS,
        ...ownTable('甲局'),
        '2019年度厅属企业考核任务目标',
        ...ownTable('某公司'),
      ]),
    );
    expect(catalog.units.map((u) => u.name)).toEqual(['甲局']);
    expect(catalog.diagnostics.map((d) => [d.severity, d.code, d.unit])).toEqual([
      ['warning', 'unknown-section', null],
      ['error', 'unit-without-group', '某公司'],
    ]);
    expect(catalog.diagnostics[1]!.params).toEqual({ rows: 2 });
  });

  test('stray text between tables is reported, not dropped silently', () => {
    const catalog = read(documentText([...partyTable20(), BUREAUS, '注：本表由办公室负责解释', ...ownTable('甲局')]));
    expect(catalog.units.map((u) => u.name)).toEqual(['甲局']);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'text-outside-table',
        params: { text: '注：本表由办公室负责解释' },
      }),
    ]);
  });

  test('a table that breaks and goes on with its header repeated belongs to the same unit', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      table([HEADER, ['共性指标', '工作', '第一项。', '40']]),
      table([HEADER, ['', '', '第二项。', '40']]),
    ]);
    const catalog = read(text);
    expect(catalog.units).toHaveLength(1);
    expect(own(catalog).map((i) => [i.category, i.item, i.content])).toEqual([
      ['共性指标', '工作', '第一项。'],
      ['共性指标', '工作', '第二项。'],
    ]);
    expect(codes(catalog)).toEqual(['table-continued', 'label-repeated']);
    expect(catalog.diagnostics[1]!.params).toEqual({ label: '指标类别', times: 2 });
  });

  test('a unit name glued to the last row of the table above (no blank line) is still a title', () => {
    const text =
      documentText([...partyTable20(), BUREAUS, ...ownTable('甲局')]).trimEnd() +
      `\n乙局\n${table([HEADER, ['共性指标', '工作', '做好工作。', '80']])}\n`;
    const catalog = read(text);
    expect(catalog.units.map((u) => [u.name, u.totalWeight])).toEqual([
      ['甲局', 100],
      ['乙局', 100],
    ]);
    expect(catalog.diagnostics).toEqual([]);
  });

  test('a row with labels but no content or weight is not a target, and is reported', () => {
    const catalog = read(
      wrap([
        ['共性指标', '工作', '第一项。', '80'],
        ['共性指标', '', '', ''],
      ]),
    );
    expect(own(catalog)).toHaveLength(1);
    expect(codes(catalog)).toContain('label-only-row');
  });
});

describe('less common shapes', () => {
  test('a row with too few cells is read by its contents and reported', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      `${table([HEADER, ['共性指标', '工作', '第一项。', '40']])}\n\n${table([['第二项。', '40']])}`,
    ]);
    const catalog = read(text);
    expect(own(catalog).map((i) => [i.category, i.item, i.content, i.weight])).toEqual([
      ['共性指标', '工作', '第一项。', 40],
      ['共性指标', '工作', '第二项。', 40],
    ]);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'column-count', params: { cells: 2, expected: 4 } }),
    ]);
  });

  test('an unknown header column is reported, the known ones are read', () => {
    const text = documentText([
      ...partyTable20(),
      BUREAUS,
      '甲局',
      table([
        ['指标类别', '考核项目', '考核内容', '分值', '备注'],
        ['共性指标', '工作', '做好工作。', '80', '无'],
      ]),
    ]);
    const catalog = read(text);
    expect(own(catalog)).toEqual([
      { block: 'own', category: '共性指标', item: '工作', content: '做好工作。', weight: 80, owner: null },
    ]);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ code: 'column-unknown', params: { column: 5, text: '备注' } }),
    ]);
  });

  test('titles that disagree on the year are reported; the first one wins', () => {
    const catalog = read(documentText([...partyTable20(2019), '2020年度各事业局考核任务目标', ...ownTable('甲局')]));
    expect(catalog.year).toBe(2019);
    expect(catalog.diagnostics).toEqual([
      expect.objectContaining({ code: 'year-inconsistent', params: { year: 2019, other: 2020 } }),
    ]);
  });

  test('a second party table for the same group is reported and not used', () => {
    const second = ['2019年度事业局党政建设补充目标', table([HEADER, ['党政建设', '其他', '另一项。', '20']])];
    const catalog = read(documentText([...partyTable20(), ...second, BUREAUS, ...ownTable('甲局')]));
    expect(catalog.units[0]!.items.filter((i) => i.block === 'party').map((i) => i.content)).toEqual([
      '加强领导班子建设。',
      '做好扶贫工作。',
    ]);
    expect(codes(catalog)).toEqual(['party-block-duplicate', 'party-block-unused']);
  });
});

describe('documents that are not targets documents', () => {
  test('an empty document gives an empty catalog and errors', () => {
    const catalog = read('');
    expect(catalog.units).toEqual([]);
    expect(codes(catalog)).toEqual(['no-units', 'year-missing']);
    expect(catalog.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  test('plain prose gives no units and says so', () => {
    const catalog = read('会议纪要\n\n今天讨论了明年的工作。\n');
    expect(catalog.units).toEqual([]);
    expect(codes(catalog)).toContain('no-units');
    expect(codes(catalog)).toContain('text-outside-table');
  });

  test('a unit table with no section above it is reported, not guessed', () => {
    const catalog = read(documentText(ownTable('甲局')));
    expect(catalog.units).toEqual([]);
    expect(catalog.diagnostics.map((d) => [d.code, d.unit])).toEqual([
      ['unit-without-group', '甲局'],
      ['no-units', null],
      ['year-missing', null],
    ]);
  });

  test('a table with no title is reported with the number of rows not read', () => {
    const catalog = read(documentText([table([HEADER, ['共性指标', '工作', '第一项。', '80']])]));
    expect(catalog.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unit-name-missing', params: { rows: 1 } });
  });
});
