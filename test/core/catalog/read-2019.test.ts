import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCatalogText } from '../../../src/core/catalog/build';
import { type Catalog, type Group } from '../../../src/core/catalog/model';
import { catalogSchema } from '../../../src/core/catalog/schema';
import { readTargetsText } from '../../../src/core/catalog/read-text';
import { headerColumn } from '../../../src/core/catalog/labels';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';

const text2019 = readFileSync(path.join(__dirname, '../../../seeds/2019-targets.txt'), 'utf8');
let catalog: Catalog;

beforeAll(() => {
  catalog = readCatalogText(text2019, { source: '2019-targets.txt' });
});

const unit = (name: string) => {
  const found = catalog.units.find((u) => u.name === name);
  if (!found) throw new Error(`no unit ${name}`);
  return found;
};

describe('the 2019 targets document', () => {
  test('the embedded default is the shipped 2019 document', () => {
    expect(EMBEDDED_SOURCE_TEXT).toBe(text2019);
    expect(EMBEDDED_SOURCE_NAME).toBe('2019-targets.txt');
  });

  test('reads as a valid catalog for 2019 with 52 units', () => {
    expect(() => catalogSchema.parse(catalog)).not.toThrow();
    expect(catalog.year).toBe(2019);
    expect(catalog.source).toBe('2019-targets.txt');
    expect(catalog.units).toHaveLength(52);
  });

  test('has 4 bureaus, 8 city bureaus, 24 department offices and 16 institutions, in document order', () => {
    const count = (group: Group) => catalog.units.filter((u) => u.group === group).length;
    expect([count('bureau'), count('city'), count('department'), count('institution')]).toEqual([4, 8, 24, 16]);
    expect(catalog.units.map((u) => u.group)).toEqual([
      ...Array(4).fill('bureau'),
      ...Array(8).fill('city'),
      ...Array(24).fill('department'),
      ...Array(16).fill('institution'),
    ]);
    expect(catalog.units.slice(0, 2).map((u) => u.name)).toEqual(['省地质矿产勘查开发局', '省有色地质矿产勘查局']);
    expect(catalog.units[4]!.name).toBe('西宁市自然资源和规划局');
    expect(catalog.units[12]!.name).toBe('办公室');
    expect(catalog.units[51]!.name).toBe('省测绘科学技术研究院');
  });

  test('unit ids are group + ordinal, ASCII, path-safe and unique', () => {
    const ids = catalog.units.map((u) => u.id);
    expect(new Set(ids).size).toBe(52);
    expect(ids.slice(0, 5)).toEqual(['bureau-01', 'bureau-02', 'bureau-03', 'bureau-04', 'city-01']);
    expect(ids[12]).toBe('department-01');
    expect(ids[35]).toBe('department-24');
    expect(ids[51]).toBe('institution-16');
    for (const id of ids) expect(id).toMatch(/^[a-z]+-\d{2}$/);
  });

  test('every unit starts with its party-building block: 20 points for bureaus and cities, 30 for the others', () => {
    for (const u of catalog.units) {
      const party = u.items.filter((i) => i.block === 'party');
      const firstOwn = u.items.findIndex((i) => i.block === 'own');
      expect(firstOwn).toBe(party.length); // party items first
      const points = party.reduce((t, i) => t + i.weight, 0);
      expect(points).toBe(u.group === 'bureau' || u.group === 'city' ? 20 : 30);
      expect(party.length).toBe(u.group === 'bureau' || u.group === 'city' ? 12 : 8);
      for (const item of party) expect(item.category).toBe('党政建设');
    }
  });

  test('party items carry their merged item labels down', () => {
    const party = unit('省地质矿产勘查开发局').items.filter((i) => i.block === 'party');
    expect(party.map((i) => i.item)).toEqual([
      '领导班子建设',
      '领导班子建设',
      '领导班子建设',
      '领导班子建设',
      '机关党的建设',
      '机关党的建设',
      '机关党的建设',
      '党风廉政',
      '精神文明建设',
      '精神文明建设',
      '信访督办',
      '扶贫工作',
    ]);
    const party30 = unit('办公室').items.filter((i) => i.block === 'party');
    expect(party30.map((i) => [i.item, i.weight])).toEqual([
      ['党风廉政建设', 8],
      ['党建工作', 7],
      ['精神文明建设', 5],
      ['信用体系建设', 2],
      ['信息化建设', 2],
      ['省政府督办事项', 2],
      ['政务公开', 2],
      ['保密工作', 2],
    ]);
  });

  test('every unit adds up to 100 except 海西州 (105) and 果洛州 (103), as the document says', () => {
    const off = catalog.units.filter((u) => u.totalWeight !== 100).map((u) => [u.name, u.totalWeight]);
    expect(off).toEqual([
      ['海西州自然资源局', 105],
      ['果洛州自然资源局', 103],
    ]);
    for (const u of catalog.units) expect(u.totalWeight).toBe(u.items.reduce((t, i) => t + i.weight, 0));
  });

  test('省地质矿产勘查开发局 has its 12 party targets and 17 own targets (5 重点工作任务, 6 经济发展指标, 2 安全生产目标, 4 个性指标)', () => {
    const own = unit('省地质矿产勘查开发局').items.filter((i) => i.block === 'own');
    expect(own).toHaveLength(17);
    const byItem = (name: string) => own.filter((i) => i.item === name).length;
    expect([byItem('重点工作任务'), byItem('经济发展指标'), byItem('安全生产目标'), byItem('')]).toEqual([5, 6, 2, 4]);
    expect(own.reduce((t, i) => t + i.weight, 0)).toBe(80);
  });

  test('labels are normalised: vertical labels joined, spaced unit names closed up', () => {
    const bureau = unit('省地质矿产勘查开发局').items.filter((i) => i.block === 'own');
    expect(bureau[0]).toMatchObject({ category: '共性指标', item: '重点工作任务', weight: 16 });
    expect(bureau[5]).toMatchObject({ category: '共性指标', item: '经济发展指标', weight: 2 });
    expect(bureau.slice(-4).every((i) => i.category === '个性指标' && i.item === '')).toBe(true);
    expect(catalog.units.map((u) => u.name)).toEqual(
      expect.arrayContaining(['执法局', '人事处', '矿产资源保护监督处', '离退休干部处']),
    );
    for (const u of catalog.units) expect(u.name).not.toMatch(/\s/);
  });

  test('content is kept as written, with wrapped and page-split text joined', () => {
    const items = catalog.units.flatMap((u) => u.items);
    for (const item of items) expect(item.content).toBe(item.content.trim());
    const union = unit('省自然资源工会').items.find((i) => i.content.startsWith('积极开展“安康杯”竞赛活动'))!;
    expect(union.content).toContain('最大限度把职工群众吸引到竞赛活动中来。');
    expect(union.weight).toBe(5);
    const huangnan = unit('黄南州自然资源局').items.find((i) =>
      i.content.startsWith('根据《建设项目选址规划管理办法》'),
    )!;
    expect(huangnan.content).toContain('完成县人民政府计划审批的建设项目选址意见书核发并建成台账上报州级备案。');
    expect(huangnan.weight).toBe(1.5);
    expect(
      unit('省地质矿产勘查开发局').items.some((i) => i.content === '新发现地质遗迹群1处、 富硒成果应用研究示范1处'),
    ).toBe(true);
  });

  test('odd weights: "3+2" is read as 5, "1．5" as 1.5, missing weights as 0 (reported)', () => {
    const haixi = unit('海西州自然资源局').items.find((i) =>
      i.content.startsWith('按照《自然资源部 农业农村部关于加强和改进永久基本农田保护'),
    )!;
    expect(haixi.weight).toBe(5);
    const huangnan = unit('黄南州自然资源局').items.find((i) =>
      i.content.startsWith('根据《建设项目用地预审管理办法》'),
    )!;
    expect(huangnan.weight).toBe(1.5);
    const haibei = unit('海北州自然资源局').items;
    expect(haibei.find((i) => i.content.startsWith('基本完成全州房地一体'))!.weight).toBe(0);
    expect(haibei.find((i) => i.content.startsWith('按时上报辖区年度新增矿山'))!.weight).toBe(0);
  });

  test('the three-column table of 省国土空间规划研究院 leaves 考核项目 empty', () => {
    const own = unit('省国土空间规划研究院').items.filter((i) => i.block === 'own');
    expect(own).toHaveLength(13);
    expect(own.every((i) => i.item === '' && i.category === '个性指标')).toBe(true);
    expect(own[0]).toMatchObject({ content: '开展国土空间规划前期研究和省级国土空间规划编制工作。', weight: 10 });
  });

  test('every content cell of every unit table becomes exactly one item (page-split continuations joined)', () => {
    const { document } = readTargetsText(text2019);
    let contentCells = 0;
    for (const block of document.blocks) {
      if (block.kind !== 'table') continue;
      const columns = block.rows[0]!.cells.map(headerColumn);
      const contentAt = columns.indexOf('content');
      for (const r of block.rows.slice(1)) {
        // Rows without the item column hold their content one cell to the left.
        const at = r.cells.length === columns.length ? contentAt : r.cells.length - 2;
        if ((r.cells[at] ?? '').trim() !== '') contentCells++;
      }
    }
    const partyCells = 12 + 8; // the two party tables' rows, counted once each above
    const items = catalog.units.reduce(
      (t, u) => t + u.items.filter((i) => i.block === 'own' && i.content !== '').length,
      0,
    );
    const continuations = catalog.diagnostics.filter((d) => d.code === 'row-split' && d.line === 2681).length;
    expect(items + partyCells + continuations).toBe(contentCells);
  });

  test('reports exactly what it repaired, guessed or could not read', () => {
    const found = catalog.diagnostics.map((d) => [d.severity, d.code, d.unit, d.line]);
    expect(found).toEqual([
      ['warning', 'owner-ambiguous', null, 124],
      ['info', 'item-column-merged', '省地质矿产勘查开发局', 247],
      ['info', 'item-column-merged', '省有色地质矿产勘查局', 341],
      ['info', 'item-column-merged', '省核工业地质局', 441],
      ['info', 'item-column-merged', '省环境地质勘查局', 543],
      ['info', 'label-repeated', '西宁市自然资源和规划局', 658],
      ['info', 'label-repeated', '西宁市自然资源和规划局', 776],
      ['info', 'item-column-merged', '西宁市自然资源和规划局', 848],
      ['info', 'label-repeated', '海东市自然资源和规划局', 954],
      ['info', 'item-column-merged', '海东市自然资源和规划局', 1093],
      ['warning', 'unit-total-mismatch', '海西州自然资源局', 1117],
      ['info', 'label-repeated', '海西州自然资源局', 1124],
      ['warning', 'weight-sum', '海西州自然资源局', 1420],
      ['info', 'item-column-merged', '海西州自然资源局', 1420],
      ['info', 'label-repeated', '海南州自然资源局', 1520],
      ['info', 'item-column-merged', '海南州自然资源局', 1704],
      ['info', 'label-repeated', '海北州自然资源局', 1724],
      ['error', 'weight-missing', '海北州自然资源局', 1863],
      ['error', 'weight-missing', '海北州自然资源局', 1894],
      ['warning', 'content-missing', '海北州自然资源局', 2013],
      ['info', 'item-column-merged', '海北州自然资源局', 2033],
      ['warning', 'unit-total-mismatch', '果洛州自然资源局', 2289],
      ['info', 'item-column-merged', '果洛州自然资源局', 2539],
      ['info', 'weight-repaired', '黄南州自然资源局', 2671],
      ['info', 'label-repeated', '黄南州自然资源局', 2681],
      ['info', 'row-split', '黄南州自然资源局', 2681],
      ['info', 'item-column-merged', '黄南州自然资源局', 2872],
      ['info', 'row-split', '国土空间生态修复处', 3657],
      ['info', 'unit-name-spaces', '矿产资源保护监督处', 3912],
      ['info', 'unit-name-spaces', '执法局', 4305],
      ['info', 'unit-name-spaces', '人事处', 4527],
      ['info', 'item-column-missing', '省国土空间规划研究院', 5089],
      ['info', 'row-split', '省自然资源工会', 5613],
    ]);
  });

  test('the total mismatches name the points the section implies', () => {
    const haixi = catalog.diagnostics.find((d) => d.code === 'unit-total-mismatch' && d.unit === '海西州自然资源局')!;
    expect(haixi.params).toEqual({ total: 105, expected: 100, party: 20, own: 85, expectedOwn: 80 });
    const guoluo = catalog.diagnostics.find((d) => d.code === 'unit-total-mismatch' && d.unit === '果洛州自然资源局')!;
    expect(guoluo.params).toMatchObject({ total: 103, own: 83, expectedOwn: 80 });
    expect(catalog.diagnostics.find((d) => d.line === 1124)!.params).toEqual({ label: '共性指标', times: 4 });
  });
});
