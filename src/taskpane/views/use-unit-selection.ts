// 生成's choice of units: a filter (group, part of the name) deciding which units are shown, and the set of chosen
// units, which the filter does not change (units chosen and then filtered out stay chosen).
import { useMemo, useState } from 'react';
import type { Catalog, Group, Unit } from '../../core/catalog/model';

export type GroupFilter = Group | 'all';

export interface UnitSelection {
  group: GroupFilter;
  setGroup: (group: GroupFilter) => void;
  query: string;
  setQuery: (query: string) => void;
  /** The units the filter shows, in catalog order. */
  visible: Unit[];
  /** The chosen units, in catalog order. */
  chosen: Unit[];
  isChosen: (id: string) => boolean;
  toggle: (id: string, on: boolean) => void;
  /** Chooses (or lets go of) every unit shown. */
  chooseVisible: (on: boolean) => void;
  clear: () => void;
}

export function useUnitSelection(catalog: Catalog | null): UnitSelection {
  const [group, setGroup] = useState<GroupFilter>('all');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const visible = useMemo(() => {
    if (!catalog) return [];
    // Names are matched without their spaces: the document writes some with spaces between characters.
    const q = query.replace(/\s+/g, '');
    return catalog.units.filter(
      (u) => (group === 'all' || u.group === group) && (q === '' || u.name.replace(/\s+/g, '').includes(q)),
    );
  }, [catalog, group, query]);

  const update = (change: (next: Set<string>) => void) =>
    setSelected((prev) => {
      const next = new Set(prev);
      change(next);
      return next;
    });

  return {
    group,
    setGroup,
    query,
    setQuery,
    visible,
    chosen: catalog ? catalog.units.filter((u) => selected.has(u.id)) : [],
    isChosen: (id) => selected.has(id),
    toggle: (id, on) => update((next) => (on ? next.add(id) : next.delete(id))),
    chooseVisible: (on) =>
      update((next) => {
        for (const u of visible) {
          if (on) next.add(u.id);
          else next.delete(u.id);
        }
      }),
    clear: () => setSelected(new Set()),
  };
}
