// The 2019 catalog with the owners its party block states (issue 13): 信用体系建设 by 自然资源开发利用处;
// 省政府督办事项, 政务公开 and 保密工作 by the 办公室 (厅办公室 / 厅办); 信息化建设 by "信息中心", kept as written
// (two units could be meant). Set here by hand until the reader takes them from the document (branch owners).
import type { Catalog, Item } from '../../../src/core/catalog/model';
import { catalog2019 } from '../plan/catalog-2019';

export const OWNERS_2019: Readonly<Record<string, string>> = {
  信用体系建设: '自然资源开发利用处',
  信息化建设: '信息中心',
  省政府督办事项: '办公室',
  政务公开: '办公室',
  保密工作: '办公室',
};

export function withOwners(catalog: Catalog, owners: Readonly<Record<string, string>> = OWNERS_2019): Catalog {
  return {
    ...catalog,
    units: catalog.units.map((unit) => ({
      ...unit,
      items: unit.items.map((item): Item =>
        Object.assign({}, item, {
          owner: item.block === 'party' && owners[item.item] !== undefined ? owners[item.item]! : null,
        }),
      ),
    })),
  };
}

let cached: Catalog | undefined;
export function owned2019(): Catalog {
  cached ??= withOwners(catalog2019());
  return cached;
}
