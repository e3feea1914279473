// The scoring workbook (评分表) as data: one per scorer (an item's owner, or the assessment team 考核组), built from
// the units' returned sheets and the catalog, with a sheet per group. What it is made from (ScoringWorkbookInput) is
// exactly what its record (the very hidden meta sheet, ./record.ts) keeps, so a returned scoring workbook can be
// rebuilt and checked cell by cell without the catalog or the returned sheets, as a unit's template can.
import type { Block, Group } from '../catalog/model';
import type { Scorer } from '../catalog/scorers';
import type { CatalogIdentity, MetaSheetPlan, SheetDrawing, WorkbookDrawing } from '../plan/model';

/** Columns of a scoring sheet, in order. The header texts are a file-format contract (issue 13, the glossary). */
export const SCORING_COLUMNS = [
  { key: 'unit', header: '单位', input: false },
  { key: 'seq', header: '序号', input: false },
  { key: 'category', header: '指标类别', input: false },
  { key: 'item', header: '考核项目', input: false },
  { key: 'content', header: '考核内容', input: false },
  { key: 'weight', header: '分值', input: false },
  { key: 'completion', header: '完成情况', input: false },
  { key: 'selfScore', header: '自评得分', input: false },
  { key: 'selfReason', header: '自评扣分说明', input: false },
  { key: 'evidence', header: '佐证材料', input: false },
  { key: 'assessedScore', header: '考核得分', input: true },
  { key: 'assessedReason', header: '考核扣分说明', input: true },
] as const;
export type ScoringColumnKey = (typeof SCORING_COLUMNS)[number]['key'];

/** The format version of scoring workbooks (their layout and record); the validator checks it. */
export const SCORING_VERSION = 1;

/** One (unit, item) pair as the scorer sees it: the target, and what the unit's returned sheet says about it. */
export interface ScoringRowInput {
  /** Index of the item in the unit's items (catalog order). */
  itemIndex: number;
  /** The item's 序号 in the unit's own sheet (party block first), so both sheets name the same row alike. */
  seq: number;
  block: Block;
  category: string;
  item: string;
  content: string;
  weight: number;
  /** 完成情况, 自评得分, 扣分说明 and 佐证材料 of the unit's returned sheet; empty / null when it returned nothing. */
  completion: string;
  selfScore: number | null;
  selfReason: string;
  evidence: string;
}

/** Which returned sheet a unit's rows come from. */
export interface ScoringSource {
  /** The file as collected (a path relative to the shared folder, or a URL without credentials). */
  file: string;
  /** ISO 8601, when known. */
  submittedAt: string | null;
}

export interface ScoringUnitInput {
  unitId: string;
  unitName: string;
  group: Group;
  /** The unit's latest valid returned sheet, or null: it returned nothing usable and 完成情况 says 未提交. */
  source: ScoringSource | null;
  /** The pairs of this unit the scorer scores, in the unit's sheet order. */
  rows: ScoringRowInput[];
}

export interface ScoringWorkbookInput {
  catalog: CatalogIdentity;
  scorer: Scorer;
  /** Units with at least one row, in catalog order. */
  units: ScoringUnitInput[];
}

/** What a scoring workbook records about itself (meta sheet rows and custom document properties). */
export interface ScoringMetadata {
  /** Always "target-sheets" (as a template's), so readers find the record the same way. */
  format: 'target-sheets';
  /** Tells a scoring workbook from a unit's template, whose record has no kind. */
  kind: 'scoring';
  version: number;
  catalogYear: number;
  catalogSource: string;
  catalogFingerprint: string;
  scorerKind: Scorer['kind'];
  /** The scorer's name as the sheets show it (the assessment team's in the workbook's language). */
  scorerName: string;
  /** The scorer's unit id, '' unless the scorer is a unit of the catalog. */
  scorerUnitId: string;
  /** Fingerprint of the whole workbook's locked content: of its sheets' fingerprints, in order. */
  fingerprint: string;
  createdAt: string;
}

/** Where things are on one scoring sheet, so that readers need not search. */
export interface ScoringLayout {
  titleRow: number;
  infoRow: number;
  statusRow: number;
  headerRow: number;
  units: {
    unitId: string;
    /** Item rows, first to last, with the input's index in ScoringUnitInput.rows. */
    rows: { row: number; rowIndex: number }[];
    subtotalRow: number;
  }[];
  totalRow: number;
  lastRow: number;
  columns: Record<ScoringColumnKey, number>;
}

/** One sheet: a group's units. */
export interface ScoringSheetPlan extends SheetDrawing {
  group: Group;
  title: string;
  columns: { key: ScoringColumnKey; header: string; width: number }[];
  layout: ScoringLayout;
  /** Fingerprint of this sheet's locked content (./fingerprint.ts). */
  fingerprint: string;
}

export interface ScoringWorkbookPlan extends WorkbookDrawing {
  input: ScoringWorkbookInput;
  sheets: ScoringSheetPlan[];
  metadata: ScoringMetadata;
  metaSheet: MetaSheetPlan;
}
