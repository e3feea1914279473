// 回传评分结果: each unit's result copy (评分结果) — its latest valid returned sheet with 考核得分 and 考核扣分说明
// filled in from the merge of the scoring workbooks (the scorer's latest valid workbook per pair), locked and
// fingerprinted (src/core/result-copy). From the same inputs as collect: a shared folder in the shared-folder
// layout, any folder, or the files the user picked. One use case for the CLI's `review --results` and the pane's
// 汇总 view.
//
// A unit gets no copy, and is reported with the reason, when it returned no valid sheet (`not-returned`) or when
// none of its items is scored yet (`not-scored`): a copy without a single score would tell the unit nothing.
import type { SharedFolder } from '../core/folders';
import { uniqueFileNames } from '../core/filename';
import { catalogIdentity } from '../core/plan/fingerprint';
import type { SheetTexts } from '../core/plan/texts';
import { sha256Hex } from '../core/hash/sha256';
import { buildResultCopy, type ResultCopyPlan, type ResultSource } from '../core/result-copy';
import { scoringTexts } from '../i18n/scoring-texts';
import { sheetTexts } from '../i18n/sheet-texts';
import { renderWorkbookToXlsx } from '../xlsx/render';
import { collect, type CollectOptions } from './collect/collect';

export interface ResultCopiesOptions extends CollectOptions {
  /** ISO 8601, recorded in each copy (the caller decides it: deterministic output). */
  createdAt: string;
  /** The copies' words (the unit sheet's; default Chinese). */
  texts?: SheetTexts;
  /** A copy's file name without extension, from the unit's name (the edge's words: "办公室-评分结果"). */
  fileStem: (unitName: string) => string;
  /** Sheet protection password (only its hash is stored). */
  password?: string;
}

export interface ResultCopyFile {
  /** File name: the unit's name made safe, distinct within the run. */
  name: string;
  unit: string;
  unitId: string;
  /** Sum of the merged 考核得分; assessedItems of items have one. */
  assessed: number | null;
  assessedItems: number;
  items: number;
  bytes: Uint8Array;
}

/** A unit that gets no copy, and why. */
export interface ResultCopySkipped {
  unit: string;
  unitId: string;
  reason: 'not-returned' | 'not-scored';
}

export interface ResultCopiesResult {
  /** Catalog order. */
  copies: ResultCopyFile[];
  /** Catalog order. */
  skipped: ResultCopySkipped[];
  /** How many scoring workbooks the merge counted. */
  scoringUsed: number;
  files: number;
  elapsedMs: number;
  /** The signal stopped the run: nothing was made. */
  cancelled: boolean;
}

/** Collects the folder and makes every unit's copy that can be made; the others are listed with their reason. */
export async function resultCopies(folder: SharedFolder, options: ResultCopiesOptions): Promise<ResultCopiesResult> {
  const started = Date.now();
  const locate = options.locate ?? ((p: string) => p);
  // Collected with the folder's own paths: the scoring workbooks used are read again for their SHA-256.
  const collected = await collect(folder, { ...options, locate: (p) => p });
  const empty = (cancelled: boolean): ResultCopiesResult => ({
    copies: [],
    skipped: [],
    scoringUsed: 0,
    files: collected.files,
    elapsedMs: Date.now() - started,
    cancelled,
  });
  if (collected.cancelled) return empty(true);
  const { catalog } = options;
  const merge = collected.merge;
  const submissions = new Map(collected.submissions.map((s) => [s.file, s]));

  // The scoring workbooks counted, each read once more for its hash.
  const sources = new Map<string, ResultSource>();
  for (const s of merge?.scorers ?? []) {
    if (s.status !== 'valid' || s.file === null) continue;
    if (options.signal?.aborted) return empty(true);
    const bytes = await folder.read(s.file);
    const scorer = s.scorer.kind === 'team' ? (options.teamName ?? scoringTexts().team) : s.scorer.name;
    sources.set(s.file, { scorer, file: locate(s.file), sha256: sha256Hex(bytes) });
  }

  const identity = catalogIdentity(catalog);
  const texts = options.texts ?? sheetTexts();
  const plans: { plan: ResultCopyPlan; assessed: number | null; assessedItems: number }[] = [];
  const skipped: ResultCopySkipped[] = [];
  for (const [i, unit] of catalog.units.entries()) {
    const summary = collected.summary.units.find((u) => u.unitId === unit.id);
    const returned = summary?.status === 'valid' && summary.file !== null ? submissions.get(summary.file) : undefined;
    if (!summary || !returned?.items) {
      skipped.push({ unit: unit.name, unitId: unit.id, reason: 'not-returned' });
      continue;
    }
    const merged = merge?.units[i];
    if (!merged || merged.unitId !== unit.id || merged.assessedItems === 0) {
      skipped.push({ unit: unit.name, unitId: unit.id, reason: 'not-scored' });
      continue;
    }
    const used = [...new Set(merged.scores.flatMap((s) => (s.file === null ? [] : [s.file])))];
    const plan = buildResultCopy(
      {
        catalog: identity,
        unit,
        returned: { file: locate(returned.file), submittedAt: returned.submittedAt },
        scoring: [...sources.entries()].filter(([file]) => used.includes(file)).map(([, s]) => s),
        rows: returned.items.map((item, index) => ({
          completion: item.completion,
          selfScore: item.selfScore,
          deductionReason: item.deductionReason,
          evidence: item.evidence,
          assessedScore: merged.scores[index]!.score,
          assessedReason: merged.scores[index]!.reason,
        })),
      },
      { createdAt: options.createdAt, texts },
    );
    plans.push({ plan, assessed: merged.assessed, assessedItems: merged.assessedItems });
  }

  const names = uniqueFileNames(plans.map((p) => options.fileStem(p.plan.input.unit.name)));
  const copies: ResultCopyFile[] = [];
  for (const [i, { plan, assessed, assessedItems }] of plans.entries()) {
    if (options.signal?.aborted) return empty(true);
    copies.push({
      name: names[i]!,
      unit: plan.input.unit.name,
      unitId: plan.input.unit.id,
      assessed,
      assessedItems,
      items: plan.input.unit.items.length,
      bytes: await renderWorkbookToXlsx(plan, options.password ? { password: options.password } : {}),
    });
  }
  return {
    copies,
    skipped,
    scoringUsed: sources.size,
    files: collected.files,
    elapsedMs: Date.now() - started,
    cancelled: false,
  };
}
