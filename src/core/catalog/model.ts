// The targets catalog: what the department's targets document says, as data. Plain types; their zod schemas,
// checked wherever a catalog enters from outside (JSON files, master sheets, settings), are in ./schema.

/** 事业局 / 市（州）局 / 厅机关处室 / 厅直属单位 */
export const GROUPS = ['bureau', 'city', 'department', 'institution'] as const;
export type Group = (typeof GROUPS)[number];

/** party: the shared 党政建设 block; own: the unit's own business targets. */
export const BLOCKS = ['party', 'own'] as const;
export type Block = (typeof BLOCKS)[number];

export interface Item {
  block: Block;
  /** 指标类别, e.g. 共性指标 / 个性指标 / 党政建设 */
  category: string;
  /** 考核项目 */
  item: string;
  /** 考核内容 */
  content: string;
  /** 分值 (points); may be fractional, never negative */
  weight: number;
  /**
   * Who scores the item (its 牵头考核单位): the name of the catalog's unit when the owner stated in the source was
   * resolved to one with certainty; the text as written when it was not (a diagnostic says why); null when no owner
   * is stated, so the assessment team (考核组) scores it. See ./owners.
   */
  owner: string | null;
}

export interface Unit {
  /** Stable, path-safe identifier (ASCII, /^[a-z0-9][a-z0-9-]*$/), unique within the catalog. */
  id: string;
  /** 单位 name as written in the document. */
  name: string;
  group: Group;
  /** Sum of the items' weights (party block included); 100 for a well-formed unit. */
  totalWeight: number;
  items: Item[];
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Something the reader repaired, guessed or could not read. `code` is stable (tests and tools match on it);
 * the human message is looked up from the locale by code with `params`.
 */
export interface Diagnostic {
  severity: Severity;
  code: string;
  /** Unit name, or null for document-level findings. */
  unit: string | null;
  /** 1-based line (or row, for a master sheet) in the source; null when there is none. */
  line: number | null;
  params: Record<string, string | number>;
}

export interface Catalog {
  year: number;
  /** Where it came from, e.g. "2019-targets.txt" (a name, never a full path). */
  source: string;
  units: Unit[];
  diagnostics: Diagnostic[];
}

/** Points every unit is scored out of. */
export const UNIT_TOTAL_POINTS = 100;
