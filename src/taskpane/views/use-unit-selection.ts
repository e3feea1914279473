// 生成's choice of units: a filter (group, part of the name) deciding which units are shown, and the set of ticked
// units, which the filter does not change (units ticked and then filtered out stay ticked, and come back with the
// filter). What 生成 and 发布模板 act on is what the screen shows: the units both shown and ticked; the ticked units
// the filter hides are counted, so the view can say plainly that they are left out.
import { useMemo, useState } from 'react';
import type { CatalogIndex, UnitEntry } from '../../app/catalog-index';
import type { Group } from '../../core/catalog/model';

export type GroupFilter = Group | 'all';

export interface UnitSelection {
  group: GroupFilter;
  setGroup: (group: GroupFilter) => void;
  query: string;
  setQuery: (query: string) => void;
  /** The units the filter shows, in catalog order. */
  visible: UnitEntry[];
  /** The units shown and ticked, in catalog order: what 生成 and 发布模板 act on. */
  chosen: UnitEntry[];
  /** How many ticked units the filter hides (left out of 生成 and 发布模板 until shown again). */
  hiddenChosen: number;
  isChosen: (id: string) => boolean;
  toggle: (id: string, on: boolean) => void;
  /** Chooses (or lets go of) every unit shown. */
  chooseVisible: (on: boolean) => void;
  clear: () => void;
}

export function useUnitSelection(catalog: CatalogIndex | null): UnitSelection {
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

  const chosenShown = visible.filter((u) => selected.has(u.id)).length;

  return {
    group,
    setGroup,
    query,
    setQuery,
    visible,
    chosen: visible.filter((u) => selected.has(u.id)),
    hiddenChosen: catalog ? catalog.units.filter((u) => selected.has(u.id)).length - chosenShown : 0,
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
