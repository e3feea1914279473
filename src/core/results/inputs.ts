// From what the year produced to the computation's input: one ResultUnitInput per catalog unit, in catalog order,
// with its totals, its survey votes and its register entries.
import type { Summary } from '../collect/model';
import type { RegisterEntry, ResultUnit, ResultUnitInput, SurveyRow } from './model';

export interface UnitTotals {
  self: number | null;
  assessed: number | null;
}

/**
 * Joins the catalog's units with their totals (by unit id; a unit without totals has none), the survey's rows and
 * the register's entries (both as the readers matched them to unit ids).
 */
export function resultInputs(
  units: readonly ResultUnit[],
  totals: ReadonlyMap<string, UnitTotals>,
  register: readonly RegisterEntry[],
  survey: readonly SurveyRow[],
): ResultUnitInput[] {
  const entries = new Map<string, RegisterEntry[]>();
  for (const e of register) {
    const list = entries.get(e.unitId);
    if (list) list.push(e);
    else entries.set(e.unitId, [e]);
  }
  const votes = new Map(survey.map((s) => [s.unitId, s.votes]));
  return units.map((unit) => ({
    unit: { id: unit.id, name: unit.name, group: unit.group },
    self: totals.get(unit.id)?.self ?? null,
    assessed: totals.get(unit.id)?.assessed ?? null,
    survey: votes.get(unit.id) ?? null,
    entries: entries.get(unit.id) ?? [],
  }));
}

/**
 * The summary's units as the result's: only a unit whose submission is valid has totals (the summary ranks only
 * those), so an invalid or missing unit's composite is missing.
 */
export function resultInputsFromSummary(
  summary: Summary,
  register: readonly RegisterEntry[],
  survey: readonly SurveyRow[],
): ResultUnitInput[] {
  const units = summary.units.map((u) => ({ id: u.unitId, name: u.name, group: u.group }));
  const totals = new Map(
    summary.units
      .filter((u) => u.status === 'valid')
      .map((u): [string, UnitTotals] => [u.unitId, { self: u.self, assessed: u.assessed }]),
  );
  return resultInputs(units, totals, register, survey);
}
