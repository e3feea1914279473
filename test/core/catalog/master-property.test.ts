// Any catalog the builder could produce survives the master sheet: catalog → rows → catalog gives the same units.
import fc from 'fast-check';
import { catalogToMasterRows, masterRowsToCatalog, SHARED_UNIT_LABEL } from '../../../src/core/catalog/master';
import { GROUPS, type Catalog, type Item, type Unit } from '../../../src/core/catalog/model';

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

// Labels as the builder writes them: no layout spaces, never empty for a unit name.
const cjk = fc.constantFrom(...'党政建设共性个指标重点工作任务省局处室测绘地质海西州办公'.split(''));
const label = fc
  .array(fc.oneof(cjk, fc.constantFrom('A', 'b', '1', '（', '）', '、')), { minLength: 0, maxLength: 8 })
  .map((cs) => cs.join(''));
const content = fc
  .tuple(label, fc.constantFrom('', '。', ' 2019年完成 3 处', '“两个维护”'))
  .map(([a, b]) => `${a}${b}`.trim());
const weight = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0.5, 1.5, 2.25));

const itemArb: fc.Arbitrary<Item> = fc.record({
  block: fc.constantFrom('party' as const, 'own' as const),
  category: label,
  item: label,
  content,
  weight,
  owner: fc.constant(null),
});

const catalogArb: fc.Arbitrary<Catalog> = fc
  .array(
    fc.record({
      name: fc.array(cjk, { minLength: 1, maxLength: 6 }).map((cs) => cs.join('')),
      group: fc.constantFrom(...GROUPS),
      items: fc.array(itemArb, { maxLength: 6 }),
      sharedParty: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .chain((drafts) =>
    fc
      .array(
        itemArb.map((i) => ({ ...i, block: 'party' as const })),
        { minLength: 1, maxLength: 3 },
      )
      .map((party) => ({ drafts, party })),
  )
  .map(({ drafts, party }) => {
    const seen = new Set<string>();
    const ordinals = new Map<string, number>();
    const units: Unit[] = [];
    for (const d of drafts) {
      if (seen.has(d.name) || d.name === SHARED_UNIT_LABEL) continue;
      seen.add(d.name);
      const n = (ordinals.get(d.group) ?? 0) + 1;
      ordinals.set(d.group, n);
      // Some units carry the group's common party block first (as the document gives it), others their own mix.
      const items = d.sharedParty
        ? [...party.map((i) => ({ ...i })), ...d.items.map((i) => ({ ...i, block: 'own' as const }))]
        : d.items;
      const partyTotal = round(items.filter((i) => i.block === 'party').reduce((t, i) => t + i.weight, 0));
      const ownTotal = round(items.filter((i) => i.block === 'own').reduce((t, i) => t + i.weight, 0));
      units.push({
        id: `${d.group}-${String(n).padStart(2, '0')}`,
        name: d.name,
        group: d.group,
        totalWeight: round(partyTotal + ownTotal),
        items,
      });
    }
    return { year: 2020, source: 'generated', units, diagnostics: [] };
  });

test('catalog → master rows → catalog keeps every unit, target and weight, in order', () => {
  fc.assert(
    fc.property(catalogArb, (catalog) => {
      const grid = catalogToMasterRows(catalog);
      const back = masterRowsToCatalog(
        grid.map((cells, i) => ({ row: i + 1, cells })),
        { source: 'm' },
      );
      expect(back.year).toBe(2020);
      expect(back.units).toEqual(catalog.units);
      // Every diagnostic points at a row of the sheet, or at none.
      for (const d of back.diagnostics) expect(d.line === null || (d.line >= 3 && d.line <= grid.length)).toBe(true);
    }),
    { numRuns: 300 },
  );
});
