// The settings file (--settings FILE.json): its shape as a zod schema, then the rules of ./settings. Every key is
// optional and falls back to DEFAULT_SETTINGS; a weight left out counts 0; an unknown key is refused (a misspelt
// "bonuscap" must not silently mean "no cap"). Nothing is computed from a refused file.
//
//   {"weights": {"self": 20, "assessed": 80, "survey": 0},
//    "grades": [{"name": "优秀", "min": 95}, …, {"name": "不合格", "min": 0}],
//    "quota": {"grade": "优秀", "share": 0.3},
//    "bonusCap": 5}
import { z } from 'zod';
import type { ResultIssue, ResultIssueCode, Settings } from './model';
import { checkSettings, DEFAULT_SETTINGS } from './settings';

const points = z.number();

export const settingsFileSchema = z
  .object({
    weights: z
      .object({ self: points.default(0), assessed: points.default(0), survey: points.default(0) })
      .strict()
      .nullable()
      .optional(),
    grades: z
      .array(z.object({ name: z.string().trim(), min: points }).strict())
      .nullable()
      .optional(),
    quota: z.object({ grade: z.string().trim(), share: z.number() }).strict().nullable().optional(),
    bonusCap: points.nullable().optional(),
  })
  .strict();

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; issues: ResultIssue[] };

/** "grades[2].min" from a zod path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** What was there, as JSON text (shortened): the file's own words, whatever the user's language. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value); // JSON's 1e400 is read as Infinity
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}

/** The schema's values are numbers, texts, objects and lists; zod names the one it expected. */
const TYPE_CODES: Partial<Record<string, ResultIssueCode>> = {
  number: 'settings-field-not-a-number',
  string: 'settings-field-not-text',
  object: 'settings-field-not-an-object',
  array: 'settings-field-not-a-list',
};

/** A parsed JSON value → settings, or every reason it is refused, each naming its field. */
export function parseSettings(input: unknown): SettingsResult {
  const parsed = settingsFileSchema.safeParse(input);
  if (!parsed.success) {
    const issues: ResultIssue[] = [];
    for (const problem of parsed.error.issues) {
      if (problem.code === 'unrecognized_keys') {
        for (const key of problem.keys)
          issues.push({
            code: 'settings-field-unknown',
            field: fieldName([...problem.path, key]),
            cell: null,
            params: { key },
          });
        continue;
      }
      const value = valueAt(input, problem.path);
      if (problem.path.length === 0) {
        issues.push({ code: 'settings-not-an-object', field: null, cell: null, params: { read: describe(value) } });
        continue;
      }
      const field = fieldName(problem.path);
      if (value === undefined) issues.push({ code: 'settings-field-required', field, cell: null, params: {} });
      else {
        const expected = problem.code === 'invalid_type' ? String(problem.expected) : '';
        const code = TYPE_CODES[expected] ?? 'settings-field-not-an-object';
        issues.push({ code, field, cell: null, params: { read: describe(value) } });
      }
    }
    return { ok: false, issues };
  }
  const data = parsed.data;
  const settings: Settings = {
    weights: data.weights ?? DEFAULT_SETTINGS.weights,
    grades: data.grades ?? [],
    quota: data.quota ?? null,
    bonusCap: data.bonusCap ?? null,
  };
  const issues = checkSettings(settings);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}

/** The text of a settings file → settings, or why it is refused. */
export function parseSettingsJson(text: string): SettingsResult {
  let input: unknown;
  try {
    // A UTF-8 byte-order mark (Windows Notepad writes one) is not part of the JSON.
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, issues: [{ code: 'settings-not-json', field: null, cell: null, params: {} }] };
  }
  return parseSettings(input);
}

/** The settings as a file holds them (parseSettings(settingsToJson(s)) gives s back). */
export function settingsToJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}
