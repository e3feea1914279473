// A result copy's record of itself, in its very hidden meta sheet (named as a template's, found the same way:
// "format | target-sheets"), readable by any xlsx reader:
//
//   key | value        one row per RESULT_META_KEYS entry (kind = result tells it from a template and a 评分表)
//   (empty row)
//   scoring            then SOURCE_HEADER and one row per scoring workbook the scores came from: scorer, file, SHA-256
//   (empty row)
//   items              then ITEM_HEADER and one row per item of the unit, in catalog order: the target, what the unit
//                      returned, and the 考核得分 and 考核扣分说明 merged
//
// That is everything the copy was built from (ResultCopyInput): the validator rebuilds the copy from it.
import { z } from 'zod';
import { BLOCKS, GROUPS, type Unit } from '../catalog/model';
import type { CellValue } from '../plan/model';
import { sumWeights } from '../scoring';
import type { ResultCopyInput, ResultCopyMetadata, ResultRowInput, ResultSource } from './model';

export const RESULT_META_KEYS = [
  'format',
  'kind',
  'version',
  'templateVersion',
  'catalogYear',
  'catalogSource',
  'catalogFingerprint',
  'unitId',
  'unitName',
  'group',
  'returnedFile',
  'returnedAt',
  'fingerprint',
  'createdAt',
] as const satisfies readonly (keyof ResultCopyMetadata)[];

export const SOURCE_HEADER = ['scorer', 'file', 'sha256'] as const;
export const ITEM_HEADER = [
  'block',
  'category',
  'item',
  'content',
  'weight',
  'completion',
  'selfScore',
  'deductionReason',
  'evidence',
  'assessedScore',
  'assessedReason',
] as const;

/** More items than any unit has: a record claiming more is not one of ours. */
const MAX_ITEMS = 1000;
const MAX_SOURCES = 1000;

export function resultMetaSheet(metadata: ResultCopyMetadata, input: ResultCopyInput): CellValue[][] {
  const rows: CellValue[][] = RESULT_META_KEYS.map((k) => [k, metadata[k]]);
  rows.push([], ['scoring'], [...SOURCE_HEADER]);
  for (const s of input.scoring) rows.push([s.scorer, s.file, s.sha256]);
  rows.push([], ['items'], [...ITEM_HEADER]);
  input.unit.items.forEach((item, i) => {
    const r = input.rows[i]!;
    rows.push([
      item.block,
      item.category,
      item.item,
      item.content,
      item.weight,
      r.completion,
      r.selfScore,
      r.deductionReason,
      r.evidence,
      r.assessedScore,
      r.assessedReason,
    ]);
  });
  return rows;
}

const metadataSchema = z.object({
  format: z.literal('target-sheets'),
  kind: z.literal('result'),
  version: z.number().int().positive(),
  templateVersion: z.number().int().positive(),
  catalogYear: z.number().int().min(1900).max(9999),
  catalogSource: z.string(),
  catalogFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  unitId: z.string().min(1),
  unitName: z.string().min(1),
  group: z.enum(GROUPS),
  returnedFile: z.string(),
  returnedAt: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});

const NUMERIC_KEYS = new Set(['version', 'templateVersion', 'catalogYear']);

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A recorded number: a blank cell is null; anything else that is no finite number is NaN (refused). */
function numberOrNull(v: CellValue | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  return s === '' ? NaN : Number(s);
}

function blank(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => v === null || v === undefined || v === '');
}

function table(rows: readonly CellValue[][], name: string, header: readonly string[]): CellValue[][] | null {
  const at = rows.findIndex((r) => text(r[0]).trim() === name && blank(r.slice(1)));
  if (at < 0) return null;
  const found = (rows[at + 1] ?? []).map(text);
  if (header.some((h, i) => found[i] !== h)) return null;
  const out: CellValue[][] = [];
  for (let i = at + 2; i < rows.length && !blank(rows[i]); i++) out.push(rows[i]!);
  return out;
}

export type ResultRecordRead =
  { ok: true; metadata: ResultCopyMetadata; input: ResultCopyInput } | { ok: false; field: string };

export function readResultRecord(rows: readonly CellValue[][]): ResultRecordRead {
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    const key = text(row[0]).trim();
    if (key === 'scoring') break;
    if ((RESULT_META_KEYS as readonly string[]).includes(key)) {
      raw[key] = NUMERIC_KEYS.has(key) ? (numberOrNull(row[1]) ?? NaN) : text(row[1]);
    }
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, field: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const metadata = parsed.data;

  const sourceRows = table(rows, 'scoring', SOURCE_HEADER);
  if (!sourceRows || sourceRows.length > MAX_SOURCES) return { ok: false, field: 'scoring' };
  const scoring: ResultSource[] = sourceRows.map((r) => ({ scorer: text(r[0]), file: text(r[1]), sha256: text(r[2]) }));

  const itemRows = table(rows, 'items', ITEM_HEADER);
  if (!itemRows || itemRows.length > MAX_ITEMS) return { ok: false, field: 'items' };
  const items: Unit['items'] = [];
  const values: ResultRowInput[] = [];
  for (const [i, r] of itemRows.entries()) {
    const block = text(r[0]);
    const weight = numberOrNull(r[4]);
    const selfScore = numberOrNull(r[6]);
    const assessedScore = numberOrNull(r[9]);
    const bad = (n: number | null) => n !== null && !Number.isFinite(n);
    if (!(BLOCKS as readonly string[]).includes(block) || weight === null || bad(weight) || weight < 0)
      return { ok: false, field: `items[${i + 1}]` };
    if (bad(selfScore) || bad(assessedScore)) return { ok: false, field: `items[${i + 1}]` };
    items.push({
      block: block as Unit['items'][number]['block'],
      category: text(r[1]),
      item: text(r[2]),
      content: text(r[3]),
      weight,
      owner: null,
    });
    values.push({
      completion: text(r[5]),
      selfScore,
      deductionReason: text(r[7]),
      evidence: text(r[8]),
      assessedScore,
      assessedReason: text(r[10]),
    });
  }
  const unit: Unit = {
    id: metadata.unitId,
    name: metadata.unitName,
    group: metadata.group,
    totalWeight: sumWeights(items.map((it) => it.weight)),
    items,
  };
  return {
    ok: true,
    metadata,
    input: {
      catalog: { year: metadata.catalogYear, source: metadata.catalogSource, fingerprint: metadata.catalogFingerprint },
      unit,
      returned: { file: metadata.returnedFile, submittedAt: metadata.returnedAt === '' ? null : metadata.returnedAt },
      scoring,
      rows: values,
    },
  };
}
