import {
  catalogFingerprint,
  fingerprintLockedContent,
  lockedContent,
  type LockedContent,
} from '../../../src/core/plan/fingerprint';
import { planFor, smallCatalog } from './catalog-2019';

const base = (): LockedContent => lockedContent(planFor(smallCatalog().units[0]!, smallCatalog()));

describe('the locked-content fingerprint', () => {
  test('is the same for the same catalog and for what a spreadsheet program writes back unchanged', () => {
    const a = base();
    expect(fingerprintLockedContent(a)).toBe(fingerprintLockedContent(base()));
    // Read back from a file: numbers as text, formulas with '=', '$', spaces and lower case, cells in any order.
    const readBack: LockedContent = {
      ...a,
      items: [...a.items].reverse().map((r) => ({ ...r, seq: String(r.seq), weight: String(r.weight) })),
      formulas: [...a.formulas]
        .reverse()
        .map((f) => ({ address: f.address, formula: `= ${f.formula.replace('SUM(', 'sum($')}` })),
    };
    expect(fingerprintLockedContent(readBack)).toBe(fingerprintLockedContent(a));
  });

  test('changes when a weight, a text, a row, a formula or the unit changes', () => {
    const a = base();
    const fp = fingerprintLockedContent(a);
    const variants: LockedContent[] = [
      { ...a, items: a.items.map((r, i) => (i === 2 ? { ...r, weight: 41 } : r)) },
      { ...a, items: a.items.map((r, i) => (i === 0 ? { ...r, content: r.content + ' ' } : r)) },
      { ...a, items: a.items.map((r, i) => (i === 1 ? { ...r, item: '改过' } : r)) },
      { ...a, items: a.items.map((r, i) => (i === 1 ? { ...r, category: '个性指标' } : r)) },
      { ...a, items: a.items.map((r, i) => (i === 3 ? { ...r, row: r.row + 1 } : r)) },
      { ...a, items: a.items.slice(1) },
      { ...a, formulas: a.formulas.map((f) => (f.address === 'E11' ? { ...f, formula: 'E7+E10+1' } : f)) },
      { ...a, formulas: a.formulas.filter((f) => f.address !== 'G11') },
      { ...a, unitName: '别的处' },
      { ...a, unitId: 'unit-b' },
      { ...a, year: 2020 },
      { ...a, templateVersion: a.templateVersion + 1 },
      {
        ...a,
        formulas: a.formulas.map((f) =>
          f.address === 'A1' ? { ...f, formula: f.formula.replace('已填 ', '已填') } : f,
        ),
      },
    ];
    const prints = variants.map((v) => fingerprintLockedContent(v));
    for (const p of prints) expect(p).not.toBe(fp);
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe('the catalog fingerprint', () => {
  test('depends on the items but not on the source file name or diagnostics', () => {
    const a = smallCatalog();
    const renamed = {
      ...a,
      source: 'other.txt',
      diagnostics: [{ severity: 'info' as const, code: 'x', unit: null, line: null, params: {} }],
    };
    expect(catalogFingerprint(renamed)).toBe(catalogFingerprint(a));
    const changed = smallCatalog();
    changed.units[0]!.items[0]!.weight = 19;
    expect(catalogFingerprint(changed)).not.toBe(catalogFingerprint(a));
  });
});

describe('a native SHA-256 passed in by an edge', () => {
  test('gives the same fingerprints as the core’s own', () => {
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const native = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const catalog = smallCatalog();
    expect(catalogFingerprint(catalog, native)).toBe(catalogFingerprint(catalog));
    expect(fingerprintLockedContent(base(), native)).toBe(fingerprintLockedContent(base()));
  });
});
