// Plans for the sync bench (bench/office-syncs.bench.mjs): the real 2019 catalog's units.
import type { SheetPlan } from '../../src/core/plan/model';
import { plans2019 } from './real-plans';

export function benchPlans(): { units: SheetPlan[]; source: string } {
  const units = plans2019();
  const targets = units.map((p) => p.layout.itemRows.length);
  return {
    units,
    source: `buildSheetPlan on the 2019 catalog: ${units.length} units, ${Math.min(...targets)}–${Math.max(...targets)} targets each`,
  };
}
