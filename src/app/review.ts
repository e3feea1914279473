// 评分: the scoring workbooks of the assessment round, from a shared folder (a WebDAV share, a directory, or the
// files the user picked) and the catalog. The units' returned sheets are collected by ./collect, which decides each
// unit's latest valid submission; the core lays the workbooks out (src/core/scoring-workbook) and the ExcelJS
// renderer writes them (several sheets each). One use case for the CLI's `review` and the pane's 评分.
import type { Catalog } from '../core/catalog/model';
import type { Submission, Summary } from '../core/collect/model';
import type { SharedFolder } from '../core/folders';
import { catalogIdentity } from '../core/plan/fingerprint';
import {
  buildScoringWorkbook,
  scoringFileNames,
  scoringInputs,
  type ReturnedSheet,
  type ScoringTexts,
  type ScoringWorkbookPlan,
} from '../core/scoring-workbook';
import { scoringTexts } from '../i18n/scoring-texts';
import { renderWorkbookToXlsx } from '../xlsx/render';
import { collect, type CollectOptions } from './collect/collect';

export interface ReviewOptions extends CollectOptions {
  /** ISO 8601, recorded in each workbook (the caller decides it: deterministic output). */
  createdAt: string;
  /** The words of the workbooks (default: Chinese). */
  texts?: ScoringTexts;
  /** Sheet protection password (only its hash is stored). */
  password?: string;
}

/** One scoring workbook made. */
export interface ScoringWorkbookFile {
  /** File name: the scorer's name made safe, distinct within the run. */
  name: string;
  /** The scorer as the workbook names it (the 考核组 in the workbook's language). */
  scorer: string;
  scorerKind: ScoringWorkbookPlan['metadata']['scorerKind'];
  /** Units with at least one row, and rows ((unit, item) pairs) to score. */
  units: number;
  items: number;
  bytes: Uint8Array;
}

export interface ReviewResult {
  workbooks: ScoringWorkbookFile[];
  /** The collection the workbooks were made from (who returned what, and every problem). */
  summary: Summary;
  files: number;
  elapsedMs: number;
}

/** Each unit's latest valid returned sheet, as the summary chose it, with its rows. */
export function returnedSheets(summary: Summary, submissions: readonly Submission[]): Map<string, ReturnedSheet> {
  const byFile = new Map(submissions.map((s) => [s.file, s]));
  const out = new Map<string, ReturnedSheet>();
  for (const unit of summary.units) {
    if (unit.status !== 'valid' || unit.file === null) continue;
    const items = byFile.get(unit.file)?.items;
    if (!items) continue;
    out.set(unit.unitId, {
      file: unit.file,
      submittedAt: unit.submittedAt,
      rows: items.map((i) => ({
        completion: i.completion,
        selfScore: i.selfScore,
        deductionReason: i.deductionReason,
        evidence: i.evidence,
      })),
    });
  }
  return out;
}

/** The plans of every scorer's workbook, owners first, then the 考核组. */
export function planScoringWorkbooks(
  catalog: Catalog,
  returned: ReadonlyMap<string, ReturnedSheet>,
  options: { createdAt: string; texts?: ScoringTexts },
): ScoringWorkbookPlan[] {
  const texts = options.texts ?? scoringTexts();
  return scoringInputs(catalog, catalogIdentity(catalog), returned).map((input) =>
    buildScoringWorkbook(input, { createdAt: options.createdAt, texts }),
  );
}

/** The plans rendered, one file each, in order. */
export async function renderScoringWorkbooks(
  plans: readonly ScoringWorkbookPlan[],
  password?: string,
): Promise<ScoringWorkbookFile[]> {
  const names = scoringFileNames(plans);
  const out: ScoringWorkbookFile[] = [];
  for (const [i, plan] of plans.entries()) {
    out.push({
      name: names[i]!,
      scorer: plan.metadata.scorerName,
      scorerKind: plan.metadata.scorerKind,
      units: plan.input.units.length,
      items: plan.input.units.reduce((n, u) => n + u.rows.length, 0),
      bytes: await renderWorkbookToXlsx(plan, password ? { password } : {}),
    });
  }
  return out;
}

/** Collects the folder's returned sheets and makes every scorer's workbook from them. */
export async function review(folder: SharedFolder, options: ReviewOptions): Promise<ReviewResult> {
  const started = Date.now();
  const collected = await collect(folder, options);
  const plans = planScoringWorkbooks(
    options.catalog,
    returnedSheets(collected.summary, collected.submissions),
    options,
  );
  return {
    workbooks: await renderScoringWorkbooks(plans, options.password),
    summary: collected.summary,
    files: collected.files,
    elapsedMs: Date.now() - started,
  };
}
