import type { Catalog, Item, Unit } from '../../../src/core/catalog/model';
import { catalogSchema } from '../../../src/core/catalog/schema';
import { catalogScorers, scorerKey, scorerOf, type Scorer } from '../../../src/core/catalog/scorers';

const item = (content: string, owner: string | null, block: Item['block'] = 'own'): Item => ({
  block,
  category: block === 'party' ? '党政建设' : '共性指标',
  item: content,
  content,
  weight: 10,
  owner,
});

const unit = (id: string, name: string, items: Item[]): Unit => ({
  id,
  name,
  group: 'department',
  totalWeight: items.reduce((t, i) => t + i.weight, 0),
  items,
});

/** Two offices and an institution sharing a party block whose items name owners; own items scored by the team. */
function sample(): Catalog {
  const party = [
    item('保密工作', '办公室', 'party'),
    item('信息化建设', '信息中心', 'party'),
    item('党建', null, 'party'),
  ];
  return {
    year: 2019,
    source: 'sample.json',
    diagnostics: [],
    units: [
      unit('department-01', '办公室', [...party.map((i) => ({ ...i })), item('公文办理', null)]),
      unit('department-02', '人事处', [
        ...party.map((i) => ({ ...i })),
        item('干部培训', null),
        item('档案', '办公室'),
      ]),
      unit('institution-01', '省基础地理信息中心', [...party.map((i) => ({ ...i })), item('测绘', null)]),
    ],
  };
}

describe('who scores an item', () => {
  test('an owner that is the name of a catalog unit is that unit; another name stays text; no owner is the 考核组', () => {
    const catalog = sample();
    const [office] = catalog.units;
    expect(scorerOf(catalog, office!.items[0]!)).toEqual({ kind: 'unit', name: '办公室', unitId: 'department-01' });
    expect(scorerOf(catalog, office!.items[1]!)).toEqual({ kind: 'text', name: '信息中心' });
    expect(scorerOf(catalog, office!.items[2]!)).toEqual({ kind: 'team' });
  });

  test('a name two units share is no certain owner: it stays text', () => {
    const catalog = sample();
    catalog.units.push(unit('department-03', '办公室', [item('x', null)]));
    expect(scorerOf(catalog, { owner: '办公室' })).toEqual({ kind: 'text', name: '办公室' });
  });

  test('scorer keys tell every scorer apart', () => {
    const scorers: Scorer[] = [
      { kind: 'unit', name: '办公室', unitId: 'department-01' },
      { kind: 'text', name: '办公室' },
      { kind: 'team' },
    ];
    expect(new Set(scorers.map(scorerKey)).size).toBe(3);
  });
});

describe('the scorers of a catalog', () => {
  test('owners in the order of their first item, then the 考核组, with their items, units and pairs', () => {
    const scorers = catalogScorers(sample());
    expect(scorers.map((s) => [scorerKey(s.scorer), s.items.length, s.unitIds.length, s.pairs.length])).toEqual([
      ['unit:department-01', 2, 3, 4],
      ['text:信息中心', 1, 3, 3],
      ['team', 4, 3, 6],
    ]);
    const office = scorers[0]!;
    // The shared party item once, with every unit that has it; 人事处's own 档案 item apart.
    expect(office.items.map((i) => [i.item.item, i.unitIds])).toEqual([
      ['保密工作', ['department-01', 'department-02', 'institution-01']],
      ['档案', ['department-02']],
    ]);
    expect(office.pairs).toEqual([
      { unitId: 'department-01', index: 0 },
      { unitId: 'department-02', index: 0 },
      { unitId: 'department-02', index: 4 },
      { unitId: 'institution-01', index: 0 },
    ]);
  });

  test('every (unit, item) pair has exactly one scorer', () => {
    const catalog = sample();
    const pairs = catalogScorers(catalog).flatMap((s) => s.pairs.map((p) => `${p.unitId}#${p.index}`));
    const expected = catalog.units.flatMap((u) => u.items.map((_, index) => `${u.id}#${index}`));
    expect(pairs.sort()).toEqual(expected.sort());
  });

  test('a catalog without owners is scored by the 考核组 alone', () => {
    const catalog = sample();
    for (const u of catalog.units) for (const i of u.items) i.owner = null;
    expect(catalogScorers(catalog).map((s) => s.scorer)).toEqual([{ kind: 'team' }]);
  });
});

describe('owners in catalog JSON', () => {
  const json = (owner?: unknown) => ({
    year: 2019,
    source: 'x.json',
    diagnostics: [],
    units: [
      {
        id: 'department-01',
        name: '办公室',
        group: 'department',
        totalWeight: 10,
        items: [
          {
            block: 'own',
            category: '共性指标',
            item: '公文',
            content: '公文办理',
            weight: 10,
            ...(owner === undefined ? {} : { owner }),
          },
        ],
      },
    ],
  });

  test('a catalog saved before items had owners reads with every owner null (the 考核组)', () => {
    expect(catalogSchema.parse(json()).units[0]!.items[0]!.owner).toBeNull();
  });

  test('an owner is kept; an empty or non-text owner is refused', () => {
    expect(catalogSchema.parse(json('办公室')).units[0]!.items[0]!.owner).toBe('办公室');
    expect(catalogSchema.parse(json(null)).units[0]!.items[0]!.owner).toBeNull();
    expect(catalogSchema.safeParse(json('')).success).toBe(false);
    expect(catalogSchema.safeParse(json(3)).success).toBe(false);
  });
});
