// The survey (民主测评) read from a sheet's cells — any sheet with the header row 单位 | 优秀 | 良好 | 一般 | 差 (under
// a title, any column order, other columns ignored) — and its score.
// Rows below the header:
//  - a row with a unit and no count at all is a unit not surveyed (the empty survey lists every unit): no entry,
//    no problem;
//  - a row with counts: a blank count is 0; every count must be a whole number ≥ 0 in a number cell; at least one
//    vote in all;
//  - 单位 empty, unknown (the catalog's names, exactly, after trimming) or naming two catalog units is refused;
//  - a unit with counts on two rows or more: every one of those rows is refused (which is right is not guessed).
// Every refused row is reported with its cells and left out.
import { cellOf } from '../address';
import { cellAddress, type SheetContents } from '../validate/grid';
import { parseScore } from '../validate/score';
import { cellText, SheetGrid } from '../validate/sheet';
import type { ResultIssue, ResultIssueCode, ResultUnit, SurveyRow, SurveyVotes } from './model';
import { divideRounded, fromHundredths } from './round';
import { findTableHeader, unitMatcher } from './table';

export const SURVEY_HEADERS = { unit: '单位', excellent: '优秀', good: '良好', fair: '一般', poor: '差' } as const;
export type SurveyColumn = keyof typeof SURVEY_HEADERS;
export const SURVEY_COLUMNS: readonly SurveyColumn[] = ['unit', 'excellent', 'good', 'fair', 'poor'];
export const VOTE_COLUMNS = ['excellent', 'good', 'fair', 'poor'] as const satisfies readonly (keyof SurveyVotes)[];

/** Points of a vote of each kind. */
export const VOTE_POINTS: Readonly<SurveyVotes> = { excellent: 100, good: 80, fair: 60, poor: 40 };

export function totalVotes(votes: SurveyVotes): number {
  return votes.excellent + votes.good + votes.fair + votes.poor;
}

/**
 * (100·优秀 + 80·良好 + 60·一般 + 40·差) ÷ votes, in hundredths, rounded half away from zero; null without votes.
 * Counts are whole numbers, so this is exact.
 */
export function surveyHundredths(votes: SurveyVotes): number | null {
  const total = totalVotes(votes);
  if (total === 0) return null;
  const points = VOTE_COLUMNS.reduce((s, k) => s + VOTE_POINTS[k] * votes[k], 0);
  return divideRounded(points * 100, total);
}

/** The survey score rounded to two decimals; null without votes. */
export function surveyScore(votes: SurveyVotes): number | null {
  const h = surveyHundredths(votes);
  return h === null ? null : fromHundredths(h);
}

export interface SurveyRead {
  rows: SurveyRow[];
  issues: ResultIssue[];
}

interface Candidate {
  row: number;
  unit: ResultUnit;
  votes: SurveyVotes | null;
  issues: ResultIssue[];
}

export function readSurvey(sheet: SheetContents, units: readonly ResultUnit[]): SurveyRead {
  const grid = new SheetGrid(sheet);
  const header = findTableHeader(grid, SURVEY_HEADERS, SURVEY_COLUMNS);
  if (!header) {
    const headers = SURVEY_COLUMNS.map((c) => SURVEY_HEADERS[c]).join(' | ');
    return { rows: [], issues: [{ code: 'survey-header-missing', field: null, cell: null, params: { headers } }] };
  }
  const columns = header.columns as Record<SurveyColumn, number>;
  const match = unitMatcher(units);
  const issues: ResultIssue[] = [];
  const candidates: Candidate[] = [];

  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    const unitText = cellText(grid.value(r, columns.unit));
    const counted = VOTE_COLUMNS.filter((k) => cellText(grid.value(r, columns[k])) !== '');
    if (unitText === '' && counted.length === 0) continue;
    const rowIssues: ResultIssue[] = [];
    const refuse = (c: SurveyColumn, code: ResultIssueCode, params: Record<string, string | number> = {}): void => {
      rowIssues.push({ code, field: null, cell: cellAddress(r, columns[c]), params });
    };

    let unit: ResultUnit | null = null;
    if (unitText === '') refuse('unit', 'survey-unit-missing');
    else {
      const found = match(unitText);
      if (found.kind === 'unit') unit = found.unit;
      else
        refuse('unit', found.kind === 'unknown' ? 'survey-unit-unknown' : 'survey-unit-ambiguous', { unit: unitText });
    }

    let votes: SurveyVotes | null = null;
    if (counted.length > 0) {
      const read: SurveyVotes = { excellent: 0, good: 0, fair: 0, poor: 0 };
      for (const k of VOTE_COLUMNS) {
        const parsed = parseScore(grid.value(r, columns[k]));
        const column = SURVEY_HEADERS[k];
        if (parsed.kind === 'empty') continue;
        if (parsed.kind === 'invalid') refuse(k, 'survey-votes-not-a-number', { column, read: parsed.read });
        else if (parsed.kind === 'numeric-text') refuse(k, 'survey-votes-numeric-text', { column, read: parsed.read });
        else if (parsed.value < 0) refuse(k, 'survey-votes-negative', { column, value: parsed.value });
        else if (!Number.isSafeInteger(parsed.value))
          refuse(k, 'survey-votes-not-whole', { column, value: parsed.value });
        else read[k] = parsed.value;
      }
      if (rowIssues.every((i) => i.code.startsWith('survey-unit')) && totalVotes(read) === 0)
        refuse('unit', 'survey-no-votes', { unit: unitText });
      votes = read;
    }

    if (unit === null) {
      issues.push(...rowIssues);
      continue;
    }
    // A listed unit without counts is not surveyed; it is still no repeat of another row.
    if (votes !== null) candidates.push({ row: r, unit, votes, issues: rowIssues });
  }

  const rowsOf = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const same = rowsOf.get(c.unit.id);
    if (same) same.push(c);
    else rowsOf.set(c.unit.id, [c]);
  }
  const rows: SurveyRow[] = [];
  const refused: { row: number; issues: ResultIssue[] }[] = [];
  for (const c of candidates) {
    const same = rowsOf.get(c.unit.id)!;
    if (same.length > 1) {
      const cells = same.map((s) => cellAddress(s.row, columns.unit)).join(', ');
      const repeated: ResultIssue = {
        code: 'survey-unit-repeated',
        field: null,
        cell: cellAddress(c.row, columns.unit),
        params: { unit: c.unit.name, cells },
      };
      refused.push({ row: c.row, issues: [repeated, ...c.issues] });
    } else if (c.issues.length > 0) refused.push({ row: c.row, issues: c.issues });
    else rows.push({ row: c.row, unitId: c.unit.id, votes: c.votes! });
  }
  // Issues in row order, whichever check found them.
  const all = issues.map((issue) => ({ row: (issue.cell === null ? undefined : cellOf(issue.cell)?.row) ?? 0, issue }));
  for (const r of refused) for (const issue of r.issues) all.push({ row: r.row, issue });
  all.sort((a, b) => a.row - b.row);
  return { rows, issues: all.map((x) => x.issue) };
}
