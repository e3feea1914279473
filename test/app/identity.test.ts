// Submitting names a sheet's destination from the workbook's own record (the core's reading of its metadata sheet);
// when the workbook has no record that reads, the caller's fallback decides (the CLI reads the file name).
import { identityFromWorkbook } from '../../src/app/check';
import { renderPlanDirect } from '../../src/xlsx/render-direct';
import { catalog2019, planFor } from '../core/plan/catalog-2019';

test('a generated template gives its unit and catalog year; a workbook whose record does not read gives nothing', async () => {
  const unit = catalog2019().units[3]!;
  const plan = planFor(unit);
  expect(identityFromWorkbook(await renderPlanDirect(plan))).toEqual({ unit: unit.name, year: 2019 });
  // A record with its format marker but a broken fingerprint is not one the core accepts.
  const broken = {
    ...plan,
    metaSheet: {
      ...plan.metaSheet,
      rows: plan.metaSheet.rows.map((r) => (r[0] === 'fingerprint' ? ['fingerprint', 'not-hex'] : r)),
    },
  };
  expect(identityFromWorkbook(await renderPlanDirect(broken))).toEqual({});
  expect(identityFromWorkbook(new Uint8Array([1, 2, 3]))).toEqual({});
});
