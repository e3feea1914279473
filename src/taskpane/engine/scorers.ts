// 评分's list of scorers (a small chunk, without the workbook writer): every scorer of the catalog — each item's
// owner, then the 考核组 — with what it scores, from the core's one rule of who scores a pair.
import { catalogScorers, scorerKey } from '../../core/catalog/scorers';
import type { Catalog } from '../../core/catalog/model';
import type { ScorerView } from '../operations';

/** Every scorer of the catalog, owners first, then the 考核组: what 评分 offers to tick. */
export function listScorers(catalog: Catalog): ScorerView[] {
  return catalogScorers(catalog).map(({ scorer, items, unitIds, pairs }) => ({
    key: scorerKey(scorer),
    name: scorer.kind === 'team' ? null : scorer.name,
    resolved: scorer.kind !== 'text',
    items: items.length,
    units: unitIds.length,
    pairs: pairs.length,
  }));
}
