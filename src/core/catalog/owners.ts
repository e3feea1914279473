// Item owners (牵头考核单位): the unit a target's text names as its scorer ("由X提出考核方案", "由X负责考核"…), and
// how such a name is resolved to a unit of the catalog — only where the match is certain. Every reader (the
// document, the master sheet) uses these two functions, so an owner reads the same from any source.
//
// Resolution is by rules, tried in order, never by guessing:
//   1. the name, or one of its forms below, is exactly the name of one unit;
//   2. else the first form (in the order below) that ends the name of some unit: one such unit is certain, several
//      are ambiguous (信息中心: 省自然资源厅信息中心 or 省基础地理信息中心?) and none is unknown.
// The forms of a name are the name itself, then the name read by the department's own naming rules (DEPARTMENT_NAMING).
import { matchKey, normaliseLabel } from './labels';
import type { Unit } from './model';

/**
 * How the department writes the names of its own offices, as data. These are rules of the department's naming,
 * not of one year's document: "厅" (and 本厅, 省厅) before a name means the department itself, so 厅办公室 is its
 * 办公室; "厅办" is the short name of the department's 办公室.
 */
export const DEPARTMENT_NAMING: {
  /** A name that starts with one of these (longest first) names the department's own unit called by the rest. */
  readonly selfPrefixes: readonly string[];
  /** Short names: [as written, the unit's name]. */
  readonly shortNames: ReadonlyArray<readonly [string, string]>;
} = {
  selfPrefixes: ['本厅', '省厅', '厅'],
  shortNames: [['厅办', '办公室']],
};

/** Verbs between the owner's name and 考核 ("由X提出考核方案", "由X负责考核", "由X牵头组织考核"). */
const OWNER_VERBS = ['提出', '负责', '牵头', '组织', '制定', '拟定', '进行', '实施', '开展'];
/** Where a clause ends: the owner's name and its 考核 are in one clause. */
const CLAUSE_END = /[，,。；;：:！!？?\n]/;
/** A name longer than this is a sentence, not a unit. */
const MAX_NAME_LENGTH = 30;

/**
 * The owner a target's text states, as written (layout spaces removed), or null. "由X…考核…" in one clause, where
 * only verbs (提出, 负责, 牵头…) stand between X and 考核; the first such statement counts.
 */
export function statedOwner(content: string): string | null {
  for (let at = content.indexOf('由'); at >= 0; at = content.indexOf('由', at + 1)) {
    // 由于 / 由此 (because, hence) and 理由 / 事由 / 缘由 / 自由 / 经由 are other words.
    if (/[理事缘自经]/.test(content[at - 1] ?? '') || /[于此]/.test(content[at + 1] ?? '')) continue;
    const rest = content.slice(at + 1);
    const end = rest.search(CLAUSE_END);
    const clause = end < 0 ? rest : rest.slice(0, end);
    const assess = clause.search(/考核|考评/);
    if (assess < 0) continue;
    let name = clause.slice(0, assess).trim();
    for (let stripped = true; stripped;) {
      stripped = false;
      for (const verb of OWNER_VERBS) {
        if (name.endsWith(verb)) {
          name = name.slice(0, -verb.length).trimEnd();
          stripped = true;
        }
      }
    }
    const normal = normaliseLabel(name);
    if (normal !== '' && Array.from(normal).length <= MAX_NAME_LENGTH) return normal;
  }
  return null;
}

/** The forms a written name may take for the department's naming rules, the name itself first. */
function formsOf(written: string): string[] {
  const forms = [written];
  for (const prefix of DEPARTMENT_NAMING.selfPrefixes) {
    if (written.startsWith(prefix) && written.length > prefix.length) {
      forms.push(written.slice(prefix.length));
      break;
    }
  }
  for (const [short, full] of DEPARTMENT_NAMING.shortNames) if (written === short) forms.push(full);
  return [...new Set(forms)];
}

export type OwnerResolution =
  | { kind: 'unit'; unit: Unit }
  /** Several units fit; the candidates in catalog order. */
  | { kind: 'ambiguous'; candidates: Unit[] }
  | { kind: 'unknown' };

/** Resolves an owner as written (see statedOwner) against the catalog's units; certain matches only. */
export function resolveOwner(written: string, units: readonly Unit[]): OwnerResolution {
  const forms = formsOf(normaliseLabel(written)).map(matchKey);
  const keyed = units.map((unit) => ({ unit, key: matchKey(unit.name) }));
  const found = (hits: Array<{ unit: Unit }>): OwnerResolution | null => {
    if (hits.length === 0) return null;
    return hits.length === 1
      ? { kind: 'unit', unit: hits[0]!.unit }
      : { kind: 'ambiguous', candidates: hits.map((h) => h.unit) };
  };
  for (const form of forms) {
    const exact = found(keyed.filter((k) => k.key === form));
    if (exact) return exact;
  }
  for (const form of forms) {
    // One character ends too many names to mean anything (处, 局).
    if (Array.from(form).length < 2) continue;
    const suffix = found(keyed.filter((k) => k.key.endsWith(form)));
    if (suffix) return suffix;
  }
  return { kind: 'unknown' };
}

/** What a reader records for an owner: Item.owner, and the diagnostic to report when it is not certain. */
export interface ResolvedOwner {
  owner: string;
  problem:
    | { code: 'owner-ambiguous'; params: { owner: string; candidates: string } }
    | { code: 'owner-unknown'; params: { owner: string } }
    | null;
}

/** Item.owner for a written owner: the unit's name when certain, else the text as written with why. */
export function ownerOf(written: string, units: readonly Unit[]): ResolvedOwner {
  const owner = normaliseLabel(written);
  const resolution = resolveOwner(owner, units);
  if (resolution.kind === 'unit') return { owner: resolution.unit.name, problem: null };
  if (resolution.kind === 'ambiguous') {
    const candidates = resolution.candidates.map((u) => u.name).join('、');
    return { owner, problem: { code: 'owner-ambiguous', params: { owner, candidates } } };
  }
  return { owner, problem: { code: 'owner-unknown', params: { owner } } };
}
