// The catalog's zod schemas: checked wherever a catalog enters from outside (catalog JSON files, master sheets,
// settings). Kept apart from ./model (the plain types) so that reading the embedded document and generating
// templates do not load zod, a large part of the CLI's start-up (README, Performance).
import { z } from 'zod';
import { BLOCKS, GROUPS, SEVERITIES, type Catalog, type Diagnostic, type Item, type Unit } from './model';

export const itemSchema = z.object({
  block: z.enum(BLOCKS),
  category: z.string(),
  item: z.string(),
  content: z.string(),
  weight: z.number().finite().nonnegative(),
  // A catalog saved before items had owners reads as scored by the assessment team.
  owner: z.string().min(1).nullable().default(null),
});

export const unitSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  group: z.enum(GROUPS),
  totalWeight: z.number().finite(),
  items: z.array(itemSchema),
});

export const diagnosticSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  unit: z.string().nullable(),
  line: z.number().int().positive().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

export const catalogSchema = z.object({
  year: z.number().int().min(1900).max(9999),
  source: z.string(),
  units: z.array(unitSchema),
  diagnostics: z.array(diagnosticSchema),
});

// The schemas and the plain types in ./model must describe the same data: these fail to compile otherwise.
/** `true` exactly when A and B are the same type: `const check: Same<z.infer<typeof schema>, Type> = true`. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameItem: Same<z.infer<typeof itemSchema>, Item> = true;
const sameUnit: Same<z.infer<typeof unitSchema>, Unit> = true;
const sameDiagnostic: Same<z.infer<typeof diagnosticSchema>, Diagnostic> = true;
const sameCatalog: Same<z.infer<typeof catalogSchema>, Catalog> = true;
void [sameItem, sameUnit, sameDiagnostic, sameCatalog];
