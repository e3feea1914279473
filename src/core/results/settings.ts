// The year's rules (考核设置): the defaults and every rule a settings value must keep, each broken rule an issue
// naming its field. The JSON file (./settings-schema) and the 考核设置 sheet (./settings-sheet) both end here, so
// the two are refused for the same reasons.
//
// Rules:
//  - weights: each ≥ 0 with two decimals at most, adding up to exactly 100;
//  - grades: names not empty and all different; mins ≥ 0 with two decimals at most, strictly decreasing, the last
//    one 0 (so every final, which is never below 0, falls in a band);
//  - quota: its grade is one of the bands but not the last (a unit over the limit must have a band to drop to);
//    its share is between 0 and 1 with four decimals at most (whole hundredths of a percent: floor(share × n) is
//    then computed exactly);
//  - bonusCap: ≥ 0 with two decimals at most, or null (no cap).
import { hasMoreThanTwoDecimals } from '../validate/score';
import { COMPONENTS, type ResultIssue, type ResultIssueCode, type Settings } from './model';
import { toHundredths } from './round';

/** Today's behaviour: the assessed total, or the self total while unassessed; no grades, no quota, no cap. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  weights: null,
  grades: [],
  quota: null,
  bonusCap: null,
}) as Settings;

/** A quota share in ten-thousandths: exact for the four decimals a share may have. */
export function shareInTenThousandths(share: number): number {
  return Math.round(share * 10000);
}

function moreThanFourDecimals(value: number): boolean {
  const scaled = value * 10000;
  return Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled));
}

function issue(code: ResultIssueCode, field: string, params: Record<string, string | number> = {}): ResultIssue {
  return { code, field, cell: null, params };
}

/** A points figure: ≥ 0, two decimals at most. */
function checkPoints(value: number, field: string, out: ResultIssue[]): boolean {
  if (value < 0) {
    out.push(issue('settings-number-negative', field, { value }));
    return false;
  }
  if (hasMoreThanTwoDecimals(value)) {
    out.push(issue('settings-too-many-decimals', field, { value, decimals: 2 }));
    return false;
  }
  return true;
}

/** Every broken rule of a settings value (its shape already checked), in field order; empty when it is sound. */
export function checkSettings(settings: Settings): ResultIssue[] {
  const out: ResultIssue[] = [];
  const { weights, grades, quota, bonusCap } = settings;

  if (weights !== null) {
    const sound = COMPONENTS.map((c) => checkPoints(weights[c], `weights.${c}`, out)).every(Boolean);
    if (sound) {
      const sum = COMPONENTS.reduce((s, c) => s + toHundredths(weights[c]), 0);
      if (sum !== 10000) out.push(issue('settings-weights-sum', 'weights', { sum: sum / 100 }));
    }
  }

  const seen = new Map<string, number>();
  grades.forEach((band, i) => {
    const name = band.name.trim();
    if (name === '') out.push(issue('settings-grade-name-empty', `grades[${i}].name`));
    else if (seen.has(name))
      out.push(issue('settings-grade-duplicate', `grades[${i}].name`, { name, first: seen.get(name)! + 1 }));
    else seen.set(name, i);
    if (!checkPoints(band.min, `grades[${i}].min`, out)) return;
    const previous = grades[i - 1];
    if (previous && toHundredths(band.min) >= toHundredths(previous.min))
      out.push(issue('settings-grades-order', `grades[${i}].min`, { name, min: band.min, previous: previous.min }));
  });
  const last = grades[grades.length - 1];
  if (last && last.min > 0)
    out.push(issue('settings-grade-last-min', `grades[${grades.length - 1}].min`, { name: last.name, min: last.min }));

  if (quota !== null) {
    const index = grades.findIndex((b) => b.name.trim() === quota.grade.trim());
    if (index < 0) out.push(issue('settings-quota-grade-unknown', 'quota.grade', { grade: quota.grade }));
    else if (index === grades.length - 1)
      out.push(issue('settings-quota-grade-lowest', 'quota.grade', { grade: quota.grade }));
    if (quota.share < 0 || quota.share > 1)
      out.push(issue('settings-quota-share-range', 'quota.share', { share: quota.share }));
    else if (moreThanFourDecimals(quota.share))
      out.push(issue('settings-too-many-decimals', 'quota.share', { value: quota.share, decimals: 4 }));
  }

  if (bonusCap !== null) checkPoints(bonusCap, 'bonusCap', out);
  return out;
}
