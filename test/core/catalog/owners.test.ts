import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCatalogText } from '../../../src/core/catalog/build';
import type { Catalog, Unit } from '../../../src/core/catalog/model';
import { ownerOf, resolveOwner, statedOwner } from '../../../src/core/catalog/owners';
import { catalogScorers } from '../../../src/core/catalog/scorers';
import { catalogFingerprint } from '../../../src/core/plan/fingerprint';
import { documentText, HEADER, ownTable, table } from './craft';

const unit = (name: string, id = name): Unit => ({ id, name, group: 'department', totalWeight: 0, items: [] });
const units = [
  '办公室',
  '自然资源开发利用处',
  '人事处',
  '省自然资源厅信息中心',
  '省基础地理信息中心',
  '省国土整治中心',
].map((name, i) => unit(name, `u-${i}`));

describe('the owner a target states', () => {
  test.each([
    ['由自然资源开发利用处提出考核方案。', '自然资源开发利用处'],
    ['由厅办公室提出考核方案。', '厅办公室'],
    ['由厅办提出考核方案', '厅办'],
    ['由人事处负责考核。', '人事处'],
    ['做好保密工作，由 信息中心 牵头组织考核。', '信息中心'],
    ['年底前完成。由人事处负责考评', '人事处'],
  ])('%s → %s', (content, owner) => {
    expect(statedOwner(content)).toBe(owner);
  });

  test.each([
    '以各单位签订的责任书为考核依据。',
    '由于工作需要，按期考核。', // 由于 = because
    '说明理由并考核。',
    '由人事处汇总，年底考核。', // another clause: not who assesses
    '',
  ])('%s → none', (content) => {
    expect(statedOwner(content)).toBeNull();
  });
});

describe('resolving an owner to a unit, only where certain', () => {
  test('an exact unit name is that unit', () => {
    expect(resolveOwner('自然资源开发利用处', units)).toEqual({ kind: 'unit', unit: units[1] });
  });

  test('"厅" before a name means the department itself, and "厅办" is its 办公室', () => {
    expect(resolveOwner('厅办公室', units)).toEqual({ kind: 'unit', unit: units[0] });
    expect(resolveOwner('厅办', units)).toEqual({ kind: 'unit', unit: units[0] });
    expect(resolveOwner('厅人事处', units)).toEqual({ kind: 'unit', unit: units[2] });
  });

  test('a suffix of exactly one unit name is certain', () => {
    expect(resolveOwner('国土整治中心', units)).toEqual({ kind: 'unit', unit: units[5] });
  });

  test('a suffix of several unit names is ambiguous, the candidates listed in catalog order', () => {
    expect(resolveOwner('信息中心', units)).toEqual({ kind: 'ambiguous', candidates: [units[3], units[4]] });
    expect(ownerOf('信息中心', units)).toEqual({
      owner: '信息中心',
      problem: {
        code: 'owner-ambiguous',
        params: { owner: '信息中心', candidates: '省自然资源厅信息中心、省基础地理信息中心' },
      },
    });
  });

  test('a name no unit has is unknown and kept as written; one character is never a suffix match', () => {
    expect(ownerOf('省财政厅', units)).toEqual({
      owner: '省财政厅',
      problem: { code: 'owner-unknown', params: { owner: '省财政厅' } },
    });
    expect(resolveOwner('处', units)).toEqual({ kind: 'unknown' });
  });

  test('the unit name wins over the naming rules', () => {
    const withOffice = [...units, unit('厅办', 'u-x')];
    expect(resolveOwner('厅办', withOffice)).toEqual({ kind: 'unit', unit: withOffice[6] });
  });
});

describe('owners in a document', () => {
  const partyWithOwners = [
    '厅机关和厅直属单位2019年度党政建设考核目标',
    table([
      HEADER,
      ['党政建设\n\n30', '党风廉政', '落实党风廉政建设责任制。', '24'],
      ['', '信息化建设', '由信息中心提出考核方案。', '2'],
      ['', '政务公开', '由厅办公室提出考核方案。', '2'],
      ['', '外事', '由省外事办负责考核。', '2'],
    ]),
  ];
  const text = documentText([
    '2019年度厅机关处室考核任务目标',
    ...partyWithOwners,
    ...ownTable('办公室', 70),
    ...ownTable('人事处', 70),
    '2019年度厅直属单位考核任务目标',
    ...ownTable('省自然资源厅信息中心', 70),
    ...ownTable('省基础地理信息中心', 70),
  ]);

  test('owners resolve where certain, stay as written where not, and each is reported once where it is written', () => {
    const catalog = readCatalogText(text, { source: 'owners.txt' });
    expect(catalog.units).toHaveLength(4);
    for (const u of catalog.units) {
      expect(u.items.slice(0, 4).map((i) => i.owner)).toEqual([null, '信息中心', '办公室', '省外事办']);
      expect(u.items.slice(4).every((i) => i.owner === null)).toBe(true);
    }
    const owners = catalog.diagnostics.filter((d) => d.code.startsWith('owner-'));
    expect(owners).toEqual([
      {
        severity: 'warning',
        code: 'owner-ambiguous',
        unit: null,
        line: expect.any(Number),
        params: { owner: '信息中心', candidates: '省自然资源厅信息中心、省基础地理信息中心' },
      },
      {
        severity: 'warning',
        code: 'owner-unknown',
        unit: null,
        line: expect.any(Number),
        params: { owner: '省外事办' },
      },
    ]);
    // The line is the item's row, as for the other diagnostics of a row.
    const row = (line: number) =>
      text
        .split('\n')
        .slice(line - 1, line + 3)
        .join('\n');
    expect(row(owners[0]!.line!)).toContain('信息化建设\n\t由信息中心');
    expect(row(owners[1]!.line!)).toContain('外事\n\t由省外事办');
  });

  test("an owner stated in a unit's own table is reported with that unit", () => {
    const own = documentText([
      '2019年度厅机关处室考核任务目标',
      ...partyWithOwners.slice(0, 1),
      table([HEADER, ['党政建设\n\n30', '党风廉政', '落实党风廉政建设责任制。', '30']]),
      '办公室',
      table([HEADER, ['共性指标', '重点工作', '由计财处负责考核。', '70']]),
    ]);
    const catalog = readCatalogText(own, { source: 'own.txt' });
    expect(catalog.units[0]!.items[1]!.owner).toBe('计财处');
    expect(catalog.diagnostics.filter((d) => d.code.startsWith('owner-'))).toEqual([
      expect.objectContaining({ code: 'owner-unknown', unit: '办公室', params: { owner: '计财处' } }),
    ]);
  });
});

describe('owners in the 2019 document', () => {
  let catalog: Catalog;
  beforeAll(() => {
    const text = readFileSync(path.join(__dirname, '../../../seeds/2019-targets.txt'), 'utf8');
    catalog = readCatalogText(text, { source: '2019-targets.txt' });
  });

  test('5 party-block items of the 40 厅机关 and 厅直属 units are owned by three departments', () => {
    const owned = catalog.units.flatMap((u) =>
      u.items.filter((i) => i.owner !== null).map((i) => ({ unit: u, item: i })),
    );
    expect(owned).toHaveLength(5 * 40);
    const withOwners = [...new Set(owned.map((o) => o.unit))];
    expect(withOwners).toHaveLength(40);
    for (const u of withOwners) expect(['department', 'institution']).toContain(u.group);
    for (const { item } of owned) expect(item.block).toBe('party');
    const first = withOwners[0]!;
    expect(first.items.filter((i) => i.owner !== null).map((i) => [i.item, i.owner])).toEqual([
      ['信用体系建设', '自然资源开发利用处'],
      ['信息化建设', '信息中心'],
      ['省政府督办事项', '办公室'],
      ['政务公开', '办公室'],
      ['保密工作', '办公室'],
    ]);
    expect(new Set(owned.map((o) => o.item.owner))).toEqual(new Set(['自然资源开发利用处', '信息中心', '办公室']));
  });

  test('信息化建设 is reported ambiguous, not guessed; nothing else about owners is reported', () => {
    const owners = catalog.diagnostics.filter((d) => d.code.startsWith('owner-'));
    expect(owners).toEqual([
      {
        severity: 'warning',
        code: 'owner-ambiguous',
        unit: null,
        line: 124, // the row of 信息化建设 (its content is on line 126)
        params: { owner: '信息中心', candidates: '省自然资源厅信息中心、省基础地理信息中心' },
      },
    ]);
  });

  test('the scorers: two units, the text 信息中心 and the 考核组, every pair once', () => {
    const scorers = catalogScorers(catalog);
    expect(
      scorers.map((s) => [
        s.scorer.kind === 'team' ? '考核组' : s.scorer.name,
        s.scorer.kind,
        s.items.length,
        s.unitIds.length,
        s.pairs.length,
      ]),
    ).toEqual([
      ['自然资源开发利用处', 'unit', 1, 40, 40],
      ['信息中心', 'text', 1, 40, 40],
      ['办公室', 'unit', 3, 40, 120],
      ['考核组', 'team', expect.any(Number), 52, expect.any(Number)],
    ]);
    const pairs = catalog.units.reduce((t, u) => t + u.items.length, 0);
    expect(scorers.reduce((t, s) => t + s.pairs.length, 0)).toBe(pairs);
  });

  test('owners are not part of the catalog fingerprint: correcting one leaves every template and returned sheet valid', () => {
    // Unit templates do not show owners, and a returned sheet is checked against the fingerprint: an owner set
    // or corrected in the master sheet must not turn every returned sheet into one of another catalog.
    const before = catalogFingerprint(catalog);
    const edited = {
      ...catalog,
      units: catalog.units.map((u) => ({ ...u, items: u.items.map((i) => ({ ...i, owner: '人事处' })) })),
    };
    expect(catalogFingerprint(edited)).toBe(before);
  });
});
