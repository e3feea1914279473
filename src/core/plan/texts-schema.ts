// The zod schema of SheetTexts (./texts): the tests check every locale's sheet texts against it.
import { z } from 'zod';
import { BLOCKS, GROUPS } from '../catalog/model';
import type { Same } from '../catalog/schema';
import type { SheetTexts } from './texts';

const recordOf = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.string().min(1)])) as { [P in K[number]]: z.ZodString });

export const sheetTextsSchema = z.strictObject({
  title: z.string().min(1),
  info: z.string().min(1),
  groups: recordOf(GROUPS),
  blocks: recordOf(BLOCKS),
  subtotal: z.string().min(1),
  total: z.string().min(1),
  status: z.string().min(1),
  weightOk: z.string(),
  weightBad: z.string().min(1),
  validation: z.strictObject({
    errorTitle: z.string().min(1),
    error: z.string().min(1),
    promptTitle: z.string().min(1),
    prompt: z.string().min(1),
  }),
  completionPrompt: z.strictObject({ title: z.string().min(1), prompt: z.string().min(1) }),
  signature: recordOf(['unit', 'head', 'filler', 'phone', 'date'] as const),
  footer: z.strictObject({ left: z.string(), center: z.string(), right: z.string() }),
  notes: z.strictObject({
    sheetName: z.string().min(1),
    title: z.string().min(1),
    lines: z.array(z.string().min(1)).min(1),
    deadline: z.string().min(1),
    date: z.string().min(1),
  }),
});

const sameTexts: Same<z.infer<typeof sheetTextsSchema>, SheetTexts> = true;
void sameTexts;
