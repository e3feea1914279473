// The template's own record of itself, read back from the metadata sheet the plan builder wrote
// (src/core/plan/meta.ts: `key | value` rows for META_KEYS, then "items", a header row and one row per item).
// Checked field by field: a returned workbook's metadata is outside input like any other.
import { z } from 'zod';
import { BLOCKS, GROUPS, type Unit } from '../catalog/model';
import { META_ITEM_HEADER, META_KEYS } from '../plan/meta';
import type { CellValue, SheetMetadata } from '../plan/model';
import { sumWeights } from '../scoring';
import type { SheetContents, WorkbookContents } from './grid';
import { SheetGrid } from './sheet';

/** More item rows than any unit could have. */
export const MAX_ITEMS = 1000;

export type MetaRead =
  { ok: true; metadata: SheetMetadata; unit: Unit } | { ok: false; field: string; version?: number };

const metadataSchema = z.object({
  format: z.literal('target-sheets'),
  templateVersion: z.number().int().positive(),
  catalogYear: z.number().int().min(1900).max(9999),
  catalogSource: z.string(),
  catalogFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  unitId: z.string().min(1),
  unitName: z.string().min(1),
  group: z.enum(GROUPS),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});

const NUMERIC_KEYS = new Set(['templateVersion', 'catalogYear']);

function asText(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function asNumber(v: CellValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v.trim());
  return NaN;
}

export function readMetaRows(rows: CellValue[][]): MetaRead {
  const raw: Record<string, unknown> = {};
  let itemsAt = -1;
  for (let i = 0; i < rows.length; i++) {
    const key = asText(rows[i]?.[0]).trim();
    if (key === 'items') {
      itemsAt = i;
      break;
    }
    if ((META_KEYS as readonly string[]).includes(key)) {
      const value = rows[i]?.[1];
      raw[key] = NUMERIC_KEYS.has(key) ? asNumber(value ?? null) : asText(value);
    }
  }
  const version =
    typeof raw.templateVersion === 'number' && Number.isFinite(raw.templateVersion) ? raw.templateVersion : undefined;
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, field: parsed.error.issues.map((i) => i.path.join('.')).join(', '), version };
  }
  const metadata = parsed.data;
  if (itemsAt < 0) return { ok: false, field: 'items', version };
  const header = (rows[itemsAt + 1] ?? []).map((v) => asText(v));
  if (META_ITEM_HEADER.some((h, i) => header[i] !== h)) return { ok: false, field: 'items', version };
  const items: Unit['items'] = [];
  // A unit has a few dozen targets; a record claiming thousands is not one of ours (and would make checking slow).
  if (rows.length - itemsAt - 2 > MAX_ITEMS) return { ok: false, field: 'items', version };
  for (let i = itemsAt + 2; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.every((v) => v === null || v === '')) continue;
    const block = asText(r[2]);
    const weight = asNumber(r[6]);
    if (!(BLOCKS as readonly string[]).includes(block) || !Number.isFinite(weight) || weight < 0) {
      return { ok: false, field: `items[${i - itemsAt - 1}]`, version };
    }
    items.push({
      block: block as Unit['items'][number]['block'],
      category: asText(r[3]),
      item: asText(r[4]),
      content: asText(r[5]),
      weight,
      // A template does not record who scores its items (units do not see it): the catalog says.
      owner: null,
    });
  }
  const unit: Unit = {
    id: metadata.unitId,
    name: metadata.unitName,
    group: metadata.group,
    totalWeight: sumWeights(items.map((it) => it.weight)),
    items,
  };
  return { ok: true, metadata, unit };
}

const META_MARKER = 'target-sheets';

/** The sheet holding a template's record: hidden first (where the template keeps it), a visible one accepted too
 *  (some programs unhide on save). */
export function findMetaSheet(contents: WorkbookContents): SheetContents | undefined {
  const candidates = [...contents.sheets].sort(
    (a, b) => Number(a.visibility === 'visible') - Number(b.visibility === 'visible'),
  );
  return candidates.find((s) => s.cells.some((c) => c.col === 2 && c.value === META_MARKER));
}

/** A workbook's template record (which unit, which catalog year, …), or null when it has none that reads. */
export function readWorkbookMetadata(contents: WorkbookContents): SheetMetadata | null {
  const sheet = findMetaSheet(contents);
  const meta = sheet ? readMetaRows(new SheetGrid(sheet).toRows()) : undefined;
  return meta?.ok ? meta.metadata : null;
}

/**
 * What a workbook's record says it is: a unit's template (a record without `kind`), a scoring workbook, a result copy
 * (评分结果), or none.
 */
export type WorkbookKind = 'template' | 'scoring' | 'result';

/** The kind a record gives in its `kind | …` row (scoring workbooks have one; templates do not). */
export function workbookKind(contents: WorkbookContents): WorkbookKind | null {
  const sheet = findMetaSheet(contents);
  if (!sheet) return null;
  const kindRow = sheet.cells.find((c) => c.col === 1 && c.value === 'kind');
  if (!kindRow) return 'template';
  const value = sheet.cells.find((c) => c.row === kindRow.row && c.col === 2)?.value;
  return value === 'scoring' || value === 'result' ? value : 'template';
}
