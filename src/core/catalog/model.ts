// The targets catalog: what the department's targets document says, as data.
// Checked with zod wherever a catalog enters from outside (JSON files, master sheets, settings).
import { z } from 'zod';

/** 事业局 / 市（州）局 / 厅机关处室 / 厅直属单位 */
export const GROUPS = ['bureau', 'city', 'department', 'institution'] as const;
export type Group = (typeof GROUPS)[number];

/** party: the shared 党政建设 block; own: the unit's own business targets. */
export const BLOCKS = ['party', 'own'] as const;
export type Block = (typeof BLOCKS)[number];

export const itemSchema = z.object({
  block: z.enum(BLOCKS),
  /** 指标类别, e.g. 共性指标 / 个性指标 / 党政建设 */
  category: z.string(),
  /** 考核项目 */
  item: z.string(),
  /** 考核内容 */
  content: z.string(),
  /** 分值 (points); may be fractional, never negative */
  weight: z.number().finite().nonnegative(),
});
export type Item = z.infer<typeof itemSchema>;

export const unitSchema = z.object({
  /** Stable, path-safe identifier (ASCII), unique within the catalog. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** 单位 name as written in the document. */
  name: z.string().min(1),
  group: z.enum(GROUPS),
  /** Sum of the items' weights (party block included); 100 for a well-formed unit. */
  totalWeight: z.number().finite(),
  items: z.array(itemSchema),
});
export type Unit = z.infer<typeof unitSchema>;

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Something the reader repaired, guessed or could not read. `code` is stable (tests and tools match on it);
 * the human message is looked up from the locale by code with `params`.
 */
export const diagnosticSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Unit name, or null for document-level findings. */
  unit: z.string().nullable(),
  /** 1-based line (or row, for a master sheet) in the source; null when there is none. */
  line: z.number().int().positive().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const catalogSchema = z.object({
  year: z.number().int().min(1900).max(9999),
  /** Where it came from, e.g. "2019-targets.txt" (a name, never a full path). */
  source: z.string(),
  units: z.array(unitSchema),
  diagnostics: z.array(diagnosticSchema),
});
export type Catalog = z.infer<typeof catalogSchema>;

/** Points every unit is scored out of. */
export const UNIT_TOTAL_POINTS = 100;
