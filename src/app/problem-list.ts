// 问题清单: a checked file's problems as a list that can go back to the unit — each line 序号, 考核项目, the cell,
// what is wrong (the validator's issue, worded by the validate locale as everywhere) and what to do — and the same
// list as an .xlsx named for the unit, written by the summary writer (src/xlsx/summary.ts: no hand-written
// SpreadsheetML). 序号 and 考核项目 come from the unit's sheet plan: the row of the issue's cell is an item row of the
// template the unit was given (the plan is the one the template was rendered from).
import type { Catalog } from '../core/catalog/model';
import { SUMMARY_STYLES, type SummaryCell } from '../core/collect/sheets';
import { safeFileStem } from '../core/filename';
import type { Translate } from '../core/translate';
import { formatIssue } from '../core/validate/format';
import { INTEGRITY_CODES, UNREADABLE_CODES, type IssueCode } from '../core/validate/issues';
import type { ValidationReport } from '../core/validate/validate';
import { renderSummaryToXlsx, type WritableWorkbook } from '../xlsx/summary';
import { planRun, planUnit } from './plan';

export interface ProblemLine {
  /** The validator's code (stable; the wording is `problem`). */
  code: IssueCode;
  /** The item's 序号 on the sheet, or null for a problem of the whole file. */
  seq: string | null;
  /** 考核项目 of the item, or null. */
  item: string | null;
  cell: string | null;
  severity: 'error' | 'warning';
  problem: string;
  action: string;
}

export interface ProblemList {
  /** The unit the file says it is, or null (a foreign file). */
  unit: string | null;
  /** The checked file's name, as shown. */
  file: string;
  lines: ProblemLine[];
}

const INTEGRITY: ReadonlySet<IssueCode> = new Set(INTEGRITY_CODES);

/** Which "what to do" a code takes (validate:actions.<key>): one per kind of fix, not one per message. */
function actionKey(code: IssueCode): string {
  if (UNREADABLE_CODES.has(code)) return 'unreadable';
  if (INTEGRITY.has(code)) return 'integrity';
  if (code.startsWith('self-score-')) return 'self-score';
  if (code.startsWith('assessed-score-')) return 'assessed-score';
  return code; // deduction-reason-missing, total-mismatch
}

const rowOf = (cell: string | null): number | null => {
  const match = cell ? /^[A-Z]+(\d+)$/.exec(cell) : null;
  return match ? Number(match[1]) : null;
};

/** The report's problems as lines, in the order the validator found them, worded by `t`. */
export function problemList(report: ValidationReport, file: string, catalog: Catalog, t: Translate): ProblemList {
  const unit = report.identity ? catalog.units.find((u) => u.id === report.identity!.unitId) : undefined;
  const plan = unit ? planUnit(unit, planRun(catalog, { createdAt: '2000-01-01T00:00:00Z' })) : null;
  const lines = report.issues.map((issue): ProblemLine => {
    const row = rowOf(issue.cell);
    const itemRow = plan && row !== null ? plan.layout.itemRows.find((r) => r.row === row) : undefined;
    const seqCell =
      plan && itemRow ? plan.cells.find((c) => c.row === itemRow.row && c.col === plan.layout.columns.seq) : undefined;
    return {
      code: issue.code,
      seq: seqCell && seqCell.value !== null && seqCell.value !== undefined ? String(seqCell.value) : null,
      item: unit && itemRow ? (unit.items[itemRow.itemIndex]?.item ?? null) : null,
      cell: issue.cell,
      severity: issue.severity,
      problem: formatIssue(t, issue),
      action: t(`validate:actions.${actionKey(issue.code)}`),
    };
  });
  return { unit: report.unit, file, lines };
}

/** The list's file name: named for the unit (or the file, for a foreign one), e.g. 人事处-问题清单.xlsx. */
export function problemListFileName(list: ProblemList, t: Translate): string {
  const stem = safeFileStem(list.unit ?? list.file.replace(/\.[^.]*$/, ''), 'file');
  return t('validate:problemList.fileName', { name: stem });
}

/**
 * The list as a one-sheet workbook: a title line, then 序号 | 考核项目 | 单元格 | 问题 | 处理办法; it prints on A4,
 * landscape, one page wide, the title and header rows on every page.
 */
export function problemListWorkbook(list: ProblemList, t: Translate): WritableWorkbook {
  const text = (value: string | null, style = 'text'): SummaryCell => ({ kind: 'text', value: value ?? '', style });
  const header = ['seq', 'item', 'cell', 'problem', 'action'].map((k) =>
    text(t(`validate:problemList.columns.${k}`), 'header'),
  );
  const title = t('validate:problemList.title', { name: list.unit ?? list.file, count: list.lines.length });
  const rows: SummaryCell[][] = [
    [text(title, 'title')],
    header,
    ...list.lines.map((l) => [text(l.seq), text(l.item), text(l.cell), text(l.problem), text(l.action)]),
  ];
  return {
    sheets: [
      {
        name: t('validate:problemList.sheet'),
        columns: [{ width: 6 }, { width: 22 }, { width: 8 }, { width: 48 }, { width: 40 }],
        rows,
        freeze: { rows: 2, cols: 0 },
        filter: list.lines.length > 0 ? `A2:E${list.lines.length + 2}` : null,
        print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: 1, fitToHeight: 0, titleRows: [1, 2] },
      },
    ],
    styles: SUMMARY_STYLES,
    chart: null,
  };
}

/** The .xlsx bytes and name of a problem list. */
export async function problemListFile(
  list: ProblemList,
  t: Translate,
  options: { date?: Date } = {},
): Promise<{ name: string; bytes: Uint8Array }> {
  return {
    name: problemListFileName(list, t),
    bytes: await renderSummaryToXlsx(problemListWorkbook(list, t), options),
  };
}
