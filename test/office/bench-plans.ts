// Plans for the sync bench (bench/office-syncs.bench.mjs): 50 units.
import type { SheetPlan } from '../../src/core/plan/model';
import { samplePlan } from './sample-plan';

export function benchPlans(): { units: SheetPlan[]; source: string } {
  const units = Array.from({ length: 50 }, (_, i) =>
    samplePlan({ unitId: `unit-${i + 1}`, unitName: `单位${i + 1}`, partyItems: 6, ownItems: 12 }),
  );
  return { units, source: 'hand-built sample plans (test/office/sample-plan.ts), 18 targets each' };
}
