// The validator's report, presented for the pane: messages through the shared formatIssue (same wording as the
// CLI), each issue tied to the template sheet so that it can jump to its cell. A checked workbook of any kind (a unit's
// sheet, a scoring workbook, a result copy) has its own presentation: checkedPaneReport.
import type { CheckedWorkbook } from '../../app/check';
import type { ResultCopyReport } from '../../core/result-copy/validate';
import { isScoringReport, type ScoringReport } from '../../core/scoring-workbook/validate';
import { formatIssue } from '../../core/validate/format';
import type { ValidationReport } from '../../core/validate/validate';
import type { PaneReport } from '../operations';

export function toPaneReport(report: ValidationReport | ScoringReport, source: string | null): PaneReport {
  if (isScoringReport(report)) return scoringPaneReport(report, source);
  const sheet = report.identity?.sheetName ?? null;
  return {
    source,
    unitName: report.unit,
    valid: report.status === 'valid',
    status: report.status,
    filled: report.score ? { done: report.score.total.filled, total: report.score.total.items } : null,
    blocks: report.score
      ? report.score.blocks.map((b) => ({ block: b.block, weight: b.weight, self: b.selfScore }))
      : [],
    total: report.totals
      ? { weight: report.totals.weight, self: report.totals.self, assessed: report.totals.assessed }
      : null,
    issues: report.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      sheet: issue.cell ? sheet : null,
      cell: issue.cell,
      message: (t) => formatIssue(t, issue),
    })),
  };
}

/** What checkWorkbookContents / checkWorkbookBytes found, whatever the workbook is, presented for the pane. */
export function checkedPaneReport(checked: CheckedWorkbook, source: string | null): PaneReport {
  return checked.kind === 'result' ? resultPaneReport(checked.report, source) : toPaneReport(checked.report, source);
}

/** A result copy (评分结果): the unit, its totals as recorded, and any change made to it since it was sent. */
function resultPaneReport(report: ResultCopyReport, source: string | null): PaneReport {
  const sheet = report.identity?.sheetName ?? null;
  return {
    source,
    unitName: report.unit,
    valid: report.status === 'valid',
    status: report.status,
    filled: null,
    blocks: [],
    resultCopy: true,
    total: report.totals
      ? { weight: report.totals.weight, self: report.totals.self, assessed: report.totals.assessed }
      : null,
    issues: report.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      sheet: issue.cell ? sheet : null,
      cell: issue.cell,
      message: (t) => formatIssue(t, issue),
    })),
  };
}

/** A scoring workbook's report (评分表): the scorer in place of the unit, rows scored as the filled count. */
function scoringPaneReport(report: ScoringReport, source: string | null): PaneReport {
  return {
    source,
    unitName: report.identity?.scorerName ?? null,
    valid: report.status === 'valid',
    status: report.status,
    filled: report.totals ? { done: report.totals.scored, total: report.totals.items } : null,
    blocks: [],
    scoring: {
      units: report.units.map((u) => ({
        name: u.unitName,
        items: u.items,
        scored: u.scored,
        weight: u.weight,
        assessed: u.assessed,
      })),
    },
    total: report.totals
      ? { weight: report.totals.weight, self: report.totals.self, assessed: report.totals.assessed }
      : null,
    issues: report.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      sheet: issue.cell ? (issue.sheet ?? null) : null,
      cell: issue.cell,
      message: (t) => formatIssue(t, issue),
    })),
  };
}
