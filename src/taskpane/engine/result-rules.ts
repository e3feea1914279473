// 考核设置 in the pane (async chunk): the year's rules, kept per year in localStorage (per user and computer, like the
// destination in ./settings.ts; nothing secret in them). Guarantees:
//  - what 保存 stores has passed the core's rules (src/core/results/settings-schema.ts → settings.ts), the very
//    check `collect --settings` runs: the form is turned into the settings file's shape and parsed as a file would
//    be, so a refusal names the same field (`weights`, `grades[1].min`, `quota.share`, …) and nothing is stored;
//  - a stored value that no longer passes (edited by hand, an older rule) is not used: the defaults are.
import type { ResultIssue, Settings } from '../../core/results/model';
import { DEFAULT_SETTINGS } from '../../core/results/settings';
import { parseSettings, parseSettingsJson, settingsToJson } from '../../core/results/settings-schema';
import type { StorageLike } from '../../folders/queue-store';
import type { RulesForm } from '../operations';

export const RULES_KEY_PREFIX = 'target-sheets.results-settings.';

export function rulesKey(year: number): string {
  return `${RULES_KEY_PREFIX}${year}`;
}

function defaultStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): the rules last for this session only.
    return null;
  }
}

const memory = new Map<number, Settings>();

/** A typed number, or the text itself (the core then refuses it as "not a number", naming the field). */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : text;
}

/**
 * The form as a settings file holds it. A blank weight is left out (it counts 0, as in the file), a blank cap is no
 * cap; every other blank stays a text, for the core to refuse by its field.
 */
export function rulesInput(form: RulesForm): unknown {
  const weights: Record<string, number | string> = {};
  for (const key of ['self', 'assessed', 'survey'] as const) {
    if (form.weights[key].trim() !== '') weights[key] = numberOrText(form.weights[key]);
  }
  return {
    weights: form.weighted ? weights : null,
    grades: form.grades.map((g) => ({ name: g.name, min: numberOrText(g.min) })),
    quota: form.quota.enabled ? { grade: form.quota.grade, share: numberOrText(form.quota.share) } : null,
    bonusCap: form.bonusCap.trim() === '' ? null : numberOrText(form.bonusCap),
  };
}

export function loadRules(
  year: number,
  storage: StorageLike | null = defaultStorage(),
): { settings: Settings; saved: boolean } {
  let text: string | null;
  try {
    text = storage?.getItem(rulesKey(year)) ?? null;
  } catch {
    text = null;
  }
  if (text === null) {
    const kept = memory.get(year);
    return kept ? { settings: kept, saved: true } : { settings: DEFAULT_SETTINGS, saved: false };
  }
  const parsed = parseSettingsJson(text);
  return parsed.ok ? { settings: parsed.settings, saved: true } : { settings: DEFAULT_SETTINGS, saved: false };
}

/** 保存: the core's check first; the settings are stored for the year only when nothing is refused. */
export function saveRules(
  year: number,
  form: RulesForm,
  storage: StorageLike | null = defaultStorage(),
): ResultIssue[] {
  const parsed = parseSettings(rulesInput(form));
  if (!parsed.ok) return parsed.issues;
  memory.set(year, parsed.settings);
  try {
    storage?.setItem(rulesKey(year), settingsToJson(parsed.settings));
  } catch {
    // Kept in memory for this session.
  }
  return [];
}
