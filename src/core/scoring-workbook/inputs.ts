// What each scorer's workbook is made of: the catalog's scorers (../catalog/scorers, so the workbooks and the merge
// cannot disagree about who scores a pair) and, per unit, what its latest valid returned sheet says about each item.
// Every (unit, item) pair of the catalog lands in exactly one workbook: the pairs of catalogScorers partition them.
import { BLOCKS, type Catalog, type Unit } from '../catalog/model';
import { catalogScorers } from '../catalog/scorers';
import type { CatalogIdentity } from '../plan/model';
import type { ScoringRowInput, ScoringSource, ScoringUnitInput, ScoringWorkbookInput } from './model';

/** One item row of a unit's returned sheet, as the validator read it. */
export interface ReturnedRow {
  completion: string;
  selfScore: number | null;
  deductionReason: string;
  evidence: string;
}

/** A unit's latest valid returned sheet: where it is, and its rows in the unit's item order. */
export interface ReturnedSheet extends ScoringSource {
  rows: readonly ReturnedRow[];
}

/** 序号 of each item of a unit (by item index) as its own sheet numbers them: the party block first. */
export function sheetSeqs(unit: Pick<Unit, 'items'>): number[] {
  const seqs = new Array<number>(unit.items.length);
  let seq = 1;
  for (const block of BLOCKS) unit.items.forEach((item, i) => item.block === block && (seqs[i] = seq++));
  return seqs;
}

/**
 * One input per scorer of the catalog (owners first, then the 考核组), each with every unit that has an item of
 * that scorer. `returned` maps a unit id to its latest valid returned sheet; a unit absent from it shows 未提交.
 */
export function scoringInputs(
  catalog: Catalog,
  identity: CatalogIdentity,
  returned: ReadonlyMap<string, ReturnedSheet>,
): ScoringWorkbookInput[] {
  const unitsById = new Map(catalog.units.map((u) => [u.id, u]));
  const seqsById = new Map(catalog.units.map((u) => [u.id, sheetSeqs(u)]));
  return catalogScorers(catalog).map(({ scorer, pairs }) => {
    const byUnit = new Map<string, number[]>();
    for (const { unitId, index } of pairs) {
      const list = byUnit.get(unitId);
      if (list) list.push(index);
      else byUnit.set(unitId, [index]);
    }
    const units: ScoringUnitInput[] = [];
    for (const [unitId, indexes] of byUnit) {
      const unit = unitsById.get(unitId)!;
      const seqs = seqsById.get(unitId)!;
      const sheet = returned.get(unitId);
      // A returned sheet that does not hold this unit's items one for one is no source for them.
      const usable = sheet && sheet.rows.length === unit.items.length ? sheet : undefined;
      const rows = indexes
        .map((index): ScoringRowInput => {
          const item = unit.items[index]!;
          const got = usable?.rows[index];
          return {
            itemIndex: index,
            seq: seqs[index]!,
            block: item.block,
            category: item.category,
            item: item.item,
            content: item.content,
            weight: item.weight,
            completion: got?.completion ?? '',
            selfScore: got?.selfScore ?? null,
            selfReason: got?.deductionReason ?? '',
            evidence: got?.evidence ?? '',
          };
        })
        .sort((a, b) => a.seq - b.seq);
      units.push({
        unitId,
        unitName: unit.name,
        group: unit.group,
        source: usable ? { file: usable.file, submittedAt: usable.submittedAt } : null,
        rows,
      });
    }
    return { catalog: identity, scorer, units };
  });
}
