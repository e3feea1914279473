// 评分: the scoring workbooks of the assessment round, from a shared folder (a WebDAV share, a directory, or the
// files the user picked) and the catalog. The units' returned sheets are collected by ./collect, which decides each
// unit's latest valid submission; the core lays the workbooks out (src/core/scoring-workbook) and the ExcelJS
// renderer writes them (several sheets each). One use case for the CLI's `review` and the pane's 评分 (which may
// make only the scorers the user ticks, and may be cancelled: then it makes none).
import type { Catalog } from '../core/catalog/model';
import { scorerKey } from '../core/catalog/scorers';
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
import { createTranslator, type TFunction } from '../i18n';
import { scoringTexts } from '../i18n/scoring-texts';
import { renderWorkbookToXlsx } from '../xlsx/render';
import { collect, type CollectOptions } from './collect/collect';
import { TEMPLATE_LANG } from './plan';

export interface ReviewOptions extends CollectOptions {
  /** ISO 8601, recorded in each workbook (the caller decides it: deterministic output). */
  createdAt: string;
  /** The words of the workbooks (default: Chinese). */
  texts?: ScoringTexts;
  /** Sheet protection password (only its hash is stored). */
  password?: string;
  /** Only these scorers' workbooks (scorerKey of src/core/catalog/scorers.ts); default every scorer's. */
  scorers?: readonly string[];
  /** After each workbook is written (the pane shows progress and lets the page repaint). */
  onWorkbook?: (progress: { done: number; total: number; scorer: string }) => void | Promise<void>;
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
  /** The signal stopped the run (while reading, or between workbooks): no workbook is returned. */
  cancelled: boolean;
}

let zipWords: TFunction | undefined;

/**
 * The name of the zip that holds a run's workbooks, e.g. 2019年度评分表（4份）.zip: in the workbooks' language
 * (TEMPLATE_LANG), as 生成 names its zip.
 */
export function scoringZipName(year: number, count: number): string {
  zipWords ??= createTranslator(TEMPLATE_LANG);
  return zipWords('scoring:zipName', { year, count });
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
  options: { createdAt: string; texts?: ScoringTexts; scorers?: readonly string[] },
): ScoringWorkbookPlan[] {
  const texts = options.texts ?? scoringTexts();
  const wanted = options.scorers ? new Set(options.scorers) : null;
  return scoringInputs(catalog, catalogIdentity(catalog), returned)
    .filter((input) => wanted === null || wanted.has(scorerKey(input.scorer)))
    .map((input) => buildScoringWorkbook(input, { createdAt: options.createdAt, texts }));
}

/** The plans rendered, one file each, in order. */
export async function renderScoringWorkbooks(
  plans: readonly ScoringWorkbookPlan[],
  password?: string,
  options: Pick<ReviewOptions, 'signal' | 'onWorkbook'> = {},
): Promise<ScoringWorkbookFile[]> {
  const names = scoringFileNames(plans);
  const out: ScoringWorkbookFile[] = [];
  for (const [i, plan] of plans.entries()) {
    if (options.signal?.aborted) return out;
    out.push({
      name: names[i]!,
      scorer: plan.metadata.scorerName,
      scorerKind: plan.metadata.scorerKind,
      units: plan.input.units.length,
      items: plan.input.units.reduce((n, u) => n + u.rows.length, 0),
      bytes: await renderWorkbookToXlsx(plan, password ? { password } : {}),
    });
    await options.onWorkbook?.({ done: i + 1, total: plans.length, scorer: plan.metadata.scorerName });
  }
  return out;
}

/** Collects the folder's returned sheets and makes every scorer's workbook from them. */
export async function review(folder: SharedFolder, options: ReviewOptions): Promise<ReviewResult> {
  const started = Date.now();
  const collected = await collect(folder, options);
  const done = (workbooks: ScoringWorkbookFile[], cancelled: boolean): ReviewResult => ({
    workbooks: cancelled ? [] : workbooks,
    summary: collected.summary,
    files: collected.files,
    elapsedMs: Date.now() - started,
    cancelled,
  });
  // Workbooks from half the returned sheets would show units as 未提交 that did return: none are made.
  if (collected.cancelled) return done([], true);
  const plans = planScoringWorkbooks(
    options.catalog,
    returnedSheets(collected.summary, collected.submissions),
    options,
  );
  const workbooks = await renderScoringWorkbooks(plans, options.password, options);
  return done(workbooks, options.signal?.aborted === true);
}
