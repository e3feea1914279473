// The result copy (评分结果) as data: a unit's sheet as the unit returned it, with 考核得分 and 考核扣分说明 filled in
// from the merge of the scoring workbooks, every cell locked. What it is made from (ResultCopyInput) is exactly what
// its record (the very hidden meta sheet, ./record.ts) keeps, so a copy can be rebuilt and compared cell by cell
// without the catalog, the returned sheet or the scoring workbooks, as a unit's template can.
import type { Unit } from '../catalog/model';
import type { CatalogIdentity, SheetDrawing, SheetLayout, WorkbookDrawing } from '../plan/model';

/** The format version of result copies (layout and record); the validator checks it. */
export const RESULT_COPY_VERSION = 1;

/** One item of the unit, in catalog order: what the unit returned, and what its scorer gave it. */
export interface ResultRowInput {
  completion: string;
  selfScore: number | null;
  deductionReason: string;
  evidence: string;
  /** null: not scored (yet), or a conflict the merge left unscored. */
  assessedScore: number | null;
  assessedReason: string;
}

/** A scoring workbook a copy's scores came from: its scorer, where it was, and its SHA-256. */
export interface ResultSource {
  scorer: string;
  file: string;
  sha256: string;
}

export interface ResultCopyInput {
  catalog: CatalogIdentity;
  /** The unit as the catalog has it (items in catalog order). */
  unit: Unit;
  /** The unit's latest valid returned sheet the copy shows. */
  returned: { file: string; submittedAt: string | null };
  /** The scoring workbooks the copy's 考核得分 came from, in the merge's scorer order. */
  scoring: ResultSource[];
  /** Per item of `unit`, in catalog order. */
  rows: ResultRowInput[];
}

/** What a result copy records about itself (meta sheet rows and custom document properties). */
export interface ResultCopyMetadata {
  format: 'target-sheets';
  /** Tells a result copy from a unit's template (no kind) and a scoring workbook (kind = scoring). */
  kind: 'result';
  version: number;
  /** The unit sheet's edition the copy is laid out in (src/core/plan/edition.ts). */
  templateVersion: number;
  catalogYear: number;
  catalogSource: string;
  catalogFingerprint: string;
  unitId: string;
  unitName: string;
  group: Unit['group'];
  returnedFile: string;
  /** ISO 8601, or '' when not known. */
  returnedAt: string;
  /** SHA-256 over the record and every cell of the copy (./fingerprint in ./build.ts). */
  fingerprint: string;
  createdAt: string;
}

/** The copy's one drawn sheet: the unit's sheet plan with the 考核扣分说明 column after 佐证材料. */
export interface ResultSheetPlan extends SheetDrawing {
  layout: SheetLayout;
  /** Column of 考核扣分说明 (1-based). */
  assessedReasonColumn: number;
}

export interface ResultCopyPlan extends WorkbookDrawing {
  input: ResultCopyInput;
  sheet: ResultSheetPlan;
  metadata: ResultCopyMetadata;
}
