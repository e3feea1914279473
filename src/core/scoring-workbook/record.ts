// A scoring workbook's record of itself, in its very hidden meta sheet (named as a template's, found the same way:
// "format | target-sheets" in its first row), readable by any xlsx reader:
//
//   key | value            one row per SCORING_META_KEYS entry (kind = scoring tells it from a unit's record)
//   (empty row)
//   sheets                 then a header row SHEET_HEADER and one row per sheet: its name, group and fingerprint
//   (empty row)
//   units                  then UNIT_HEADER and one row per unit: id, name, group, whether it returned a sheet
//                          (1 / 0), and that sheet's file and submission time
//   (empty row)
//   rows                   then ROW_HEADER and one row per item row: where it is (sheet, row), which pair it is
//                          (unitId, itemIndex), and every locked value the row shows
//
// That is everything the workbook was built from (ScoringWorkbookInput): the validator rebuilds the plan from it,
// and the merge (issue 13's part C) reads which cell holds which pair's score from it without the catalog.
import { z } from 'zod';
import { BLOCKS, GROUPS, type Block, type Group } from '../catalog/model';
import type { Scorer } from '../catalog/scorers';
import { META_SHEET_NAME } from '../plan/meta';
import type { CellValue, MetaSheetPlan } from '../plan/model';
import type {
  ScoringMetadata,
  ScoringRowInput,
  ScoringSheetPlan,
  ScoringUnitInput,
  ScoringWorkbookInput,
} from './model';

export const SCORING_META_KEYS = [
  'format',
  'kind',
  'version',
  'catalogYear',
  'catalogSource',
  'catalogFingerprint',
  'scorerKind',
  'scorerName',
  'scorerUnitId',
  'fingerprint',
  'createdAt',
] as const satisfies readonly (keyof ScoringMetadata)[];

export const SHEET_HEADER = ['sheet', 'group', 'fingerprint'] as const;
export const UNIT_HEADER = ['unitId', 'unitName', 'group', 'submitted', 'file', 'submittedAt'] as const;
export const ROW_HEADER = [
  'sheet',
  'row',
  'unitId',
  'itemIndex',
  'seq',
  'block',
  'category',
  'item',
  'content',
  'weight',
  'completion',
  'selfScore',
  'selfReason',
  'evidence',
] as const;

/** More (unit, item) rows than any catalog has; a record claiming more is not one of ours. */
export const MAX_RECORD_ROWS = 20_000;
/** Rows of the meta sheet a reader looks at: the record's tables at their largest, and their headings. */
export const MAX_META_ROWS = MAX_RECORD_ROWS + 1_000;

/** Where an item row of the workbook is, and which pair it holds (read back from the record). */
export interface RecordedRow {
  sheet: string;
  row: number;
  unitId: string;
  itemIndex: number;
}

export interface RecordedSheet {
  name: string;
  group: Group;
  fingerprint: string;
}

export type RecordRead =
  | {
      ok: true;
      metadata: ScoringMetadata;
      input: ScoringWorkbookInput;
      sheets: RecordedSheet[];
      rows: RecordedRow[];
    }
  | { ok: false; field: string; version?: number };

export function recordSheet(
  metadata: ScoringMetadata,
  input: ScoringWorkbookInput,
  sheets: readonly ScoringSheetPlan[],
): MetaSheetPlan {
  const rows: CellValue[][] = SCORING_META_KEYS.map((k) => [k, metadata[k]]);
  rows.push([], ['sheets'], [...SHEET_HEADER]);
  for (const s of sheets) rows.push([s.sheetName, s.group, s.fingerprint]);
  rows.push([], ['units'], [...UNIT_HEADER]);
  for (const u of input.units) {
    rows.push([u.unitId, u.unitName, u.group, u.source ? 1 : 0, u.source?.file ?? null, u.source?.submittedAt ?? null]);
  }
  rows.push([], ['rows'], [...ROW_HEADER]);
  const byId = new Map(input.units.map((u) => [u.unitId, u]));
  for (const s of sheets) {
    for (const u of s.layout.units) {
      const unit = byId.get(u.unitId)!;
      for (const { row, rowIndex } of u.rows) {
        const r = unit.rows[rowIndex]!;
        rows.push([
          s.sheetName,
          row,
          unit.unitId,
          r.itemIndex,
          r.seq,
          r.block,
          r.category,
          r.item,
          r.content,
          r.weight,
          r.completion,
          r.selfScore,
          r.selfReason,
          r.evidence,
        ]);
      }
    }
  }
  return { name: META_SHEET_NAME, rows };
}

const metadataSchema = z.object({
  format: z.literal('target-sheets'),
  kind: z.literal('scoring'),
  version: z.number().int().positive(),
  catalogYear: z.number().int().min(1900).max(9999),
  catalogSource: z.string(),
  catalogFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  scorerKind: z.enum(['unit', 'text', 'team']),
  scorerName: z.string().min(1),
  scorerUnitId: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});

const NUMERIC_KEYS = new Set(['version', 'catalogYear']);

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function number(v: CellValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v.trim());
  return NaN;
}

function blank(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => v === null || v === undefined || v === '');
}

/** The rows of the table after the heading `name` (its header checked), up to the next blank row. */
function table(
  rows: readonly CellValue[][],
  name: string,
  header: readonly string[],
): { ok: true; rows: CellValue[][] } | { ok: false } {
  const at = rows.findIndex((r) => text(r[0]).trim() === name && blank(r.slice(1)));
  if (at < 0) return { ok: false };
  const found = (rows[at + 1] ?? []).map(text);
  if (header.some((h, i) => found[i] !== h)) return { ok: false };
  const out: CellValue[][] = [];
  for (let i = at + 2; i < rows.length && !blank(rows[i]); i++) out.push(rows[i]!);
  return { ok: true, rows: out };
}

export function readRecord(rows: readonly CellValue[][]): RecordRead {
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    const key = text(row[0]).trim();
    if (key === 'sheets') break;
    if ((SCORING_META_KEYS as readonly string[]).includes(key)) {
      raw[key] = NUMERIC_KEYS.has(key) ? number(row[1]) : text(row[1]);
    }
  }
  const version = typeof raw.version === 'number' && Number.isFinite(raw.version) ? raw.version : undefined;
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, field: parsed.error.issues.map((i) => i.path.join('.')).join(', '), version };
  const metadata = parsed.data;
  const fail = (field: string): RecordRead => ({ ok: false, field, version });

  const sheetTable = table(rows, 'sheets', SHEET_HEADER);
  const unitTable = table(rows, 'units', UNIT_HEADER);
  const rowTable = table(rows, 'rows', ROW_HEADER);
  if (!sheetTable.ok) return fail('sheets');
  if (!unitTable.ok) return fail('units');
  if (!rowTable.ok || rowTable.rows.length > MAX_RECORD_ROWS) return fail('rows');

  const sheets: RecordedSheet[] = [];
  for (const [i, r] of sheetTable.rows.entries()) {
    const group = text(r[1]);
    const fingerprint = text(r[2]);
    if (text(r[0]) === '' || !(GROUPS as readonly string[]).includes(group) || !/^[0-9a-f]{64}$/.test(fingerprint))
      return fail(`sheets[${i}]`);
    sheets.push({ name: text(r[0]), group: group as Group, fingerprint });
  }

  const units: ScoringUnitInput[] = [];
  const byId = new Map<string, ScoringUnitInput>();
  for (const [i, r] of unitTable.rows.entries()) {
    const unitId = text(r[0]);
    const group = text(r[2]);
    const submitted = number(r[3]);
    if (
      unitId === '' ||
      byId.has(unitId) ||
      !(GROUPS as readonly string[]).includes(group) ||
      ![0, 1].includes(submitted)
    )
      return fail(`units[${i}]`);
    const unit: ScoringUnitInput = {
      unitId,
      unitName: text(r[1]),
      group: group as Group,
      source: submitted === 1 ? { file: text(r[4]), submittedAt: text(r[5]) || null } : null,
      rows: [],
    };
    units.push(unit);
    byId.set(unitId, unit);
  }

  const recorded: RecordedRow[] = [];
  for (const [i, r] of rowTable.rows.entries()) {
    const unit = byId.get(text(r[2]));
    const row = number(r[1]);
    const itemIndex = number(r[3]);
    const seq = number(r[4]);
    const block = text(r[5]);
    const weight = number(r[9]);
    const self = r[11] === null || r[11] === undefined || r[11] === '' ? null : number(r[11]);
    if (
      !unit ||
      !Number.isInteger(row) ||
      row < 1 ||
      !Number.isInteger(itemIndex) ||
      itemIndex < 0 ||
      !Number.isFinite(seq) ||
      !(BLOCKS as readonly string[]).includes(block) ||
      !Number.isFinite(weight) ||
      weight < 0 ||
      (self !== null && !Number.isFinite(self))
    )
      return fail(`rows[${i}]`);
    const input: ScoringRowInput = {
      itemIndex,
      seq,
      block: block as Block,
      category: text(r[6]),
      item: text(r[7]),
      content: text(r[8]),
      weight,
      completion: text(r[10]),
      selfScore: self,
      selfReason: text(r[12]),
      evidence: text(r[13]),
    };
    unit.rows.push(input);
    recorded.push({ sheet: text(r[0]), row, unitId: unit.unitId, itemIndex });
  }

  const scorer: Scorer =
    metadata.scorerKind === 'unit'
      ? { kind: 'unit', name: metadata.scorerName, unitId: metadata.scorerUnitId }
      : metadata.scorerKind === 'text'
        ? { kind: 'text', name: metadata.scorerName }
        : { kind: 'team' };
  const input: ScoringWorkbookInput = {
    catalog: {
      year: metadata.catalogYear,
      source: metadata.catalogSource,
      fingerprint: metadata.catalogFingerprint,
    },
    scorer,
    units: units.filter((u) => u.rows.length > 0),
  };
  return { ok: true, metadata: metadata as ScoringMetadata, input, sheets, rows: recorded };
}
