// A small catalog (one unit named like a formula) and valid submissions for it: the summary tests' shared input.
import type { Catalog, Item, Unit } from '../../../src/core/catalog/model';
import type { Submission } from '../../../src/core/collect/model';

export const items: Item[] = [
  { block: 'party', category: '党政建设', item: '党建', content: '党建工作', weight: 20, owner: null },
  { block: 'own', category: '共性指标', item: '业务', content: '业务工作', weight: 80, owner: null },
];
export const unit = (id: string, name: string, group: Unit['group']): Unit => ({
  id,
  name,
  group,
  totalWeight: 100,
  items,
});
export const catalog: Catalog = {
  year: 2019,
  source: 't',
  diagnostics: [],
  units: [
    unit('a', '甲局', 'bureau'),
    unit('b', '=HYPERLINK("x")', 'bureau'),
    unit('c', '乙市局', 'city'),
    unit('d', '丙处', 'department'),
  ],
};
export const valid = (u: Unit, self: number, file: string, reason = ''): Submission => ({
  file,
  submittedAt: '2020-01-10T08:30:00.000Z',
  report: {
    status: 'valid',
    identity: { unitId: u.id, unitName: u.name, group: u.group, year: 2019 },
    totals: { self, assessed: null },
    issues: [],
  },
  items: [
    { ...items[0]!, selfScore: 20, assessedScore: null, deductionReason: '', completion: '已完成', evidence: '' },
    {
      ...items[1]!,
      selfScore: self - 20,
      assessedScore: null,
      deductionReason: reason,
      completion: '部分完成',
      evidence: '',
    },
  ],
});
