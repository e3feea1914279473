// 评分表: the scoring workbooks of the assessment round, one per scorer. Built from the catalog's scorers and the
// units' returned sheets (./inputs, ./build), recorded (./record) and fingerprinted (./fingerprint) so that a
// returned one can be checked (./validate) and merged without the catalog.
import { uniqueFileNames } from '../filename';
import type { ScoringWorkbookPlan } from './model';

export { buildScoringWorkbook, scorerName, SCORING_COLUMN_LETTER, SCORING_COLUMN_NUMBER } from './build';
export { scoringInputs, sheetSeqs, type ReturnedRow, type ReturnedSheet } from './inputs';
export * from './model';
export { readRecord, type RecordedRow, type RecordRead } from './record';
export type { ScoringTexts } from './texts';

/** The workbooks' file names, in order: each scorer's name made safe, distinct within the run. */
export function scoringFileNames(plans: readonly Pick<ScoringWorkbookPlan, 'metadata'>[]): string[] {
  return uniqueFileNames(plans.map((p) => p.metadata.scorerName));
}
export {
  mergeScoring,
  type MergedItem,
  type MergedUnit,
  type MergeOptions,
  type MergeProblem,
  type ScorerMerge,
  type ScorerStatus,
  type ScoringFate,
  type ScoringMerge,
  type ScoringSubmission,
  type ScoringSubmissionRow,
  type UnscoredPair,
} from './merge';
