// The words a sheet shows (title, labels, status line, validation messages). They come from the `sheet` locale
// namespace at the edge (src/i18n/locales/*/sheet.json, key "texts") and reach the core as plain data, so the
// core never touches i18n. Placeholders are written {name} (single braces, which i18next leaves alone).
import { z } from 'zod';
import { BLOCKS, GROUPS } from '../catalog/model';

const recordOf = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.string()])) as { [P in K[number]]: z.ZodString });

export const sheetTextsSchema = z.object({
  /** {year} {unit} */
  title: z.string(),
  /** {unit} {group} {year} */
  info: z.string(),
  groups: recordOf(GROUPS),
  blocks: recordOf(BLOCKS),
  /** First text cell of a block's subtotal row. */
  subtotal: z.string(),
  /** First text cell of the final row (合计). */
  total: z.string(),
  /** {filled} {count} {problems} {weightCheck}: becomes one formula. */
  status: z.string(),
  weightOk: z.string(),
  /** {weight} */
  weightBad: z.string(),
  validation: z.object({
    errorTitle: z.string(),
    error: z.string(),
    promptTitle: z.string(),
    prompt: z.string(),
  }),
});
export type SheetTexts = z.infer<typeof sheetTextsSchema>;

/** Replaces {name} placeholders with values; unknown names stay as written. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
