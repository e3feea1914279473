// The summary as sheets: cells, formulas, styles and the chart, as data. src/xlsx/summary.ts writes it to a file,
// src/office/summary.ts into the open workbook; neither decides layout.
//
// Text that came from a unit's sheet (unit names in file metadata, file names, deduction reasons, what was in a
// cell) is only ever a `text` cell: renderers write it as a string, never as a formula. The formulas are ours:
// rank within group (COUNTIFS), overall rank (COUNTIF) and group averages (AVERAGEIFS), so a second engine
// recalculating the file can be compared with the core's numbers.
import { BLOCKS, type Block, type Group } from '../catalog/model';
import { cellAddress } from '../validate/grid';
import type { ValidationIssue } from '../validate/issues';
import { safeSheetName } from '../plan/build';
import type { CellStyle } from '../plan/model';
import { scorerName } from '../scoring-workbook/build';
import type { SubmissionFate, Summary, UnitStatus } from './model';

export interface SummaryTexts {
  /** {year} */
  title: string;
  sheets: { summary: string; missing: string; problems: string; targets: string; files: string; deductions: string };
  summary: {
    seq: string;
    unit: string;
    group: string;
    status: string;
    self: string;
    assessed: string;
    /** {block} */
    blockSelf: string;
    /** {block} */
    blockAssessed: string;
    score: string;
    rankInGroup: string;
    rankOverall: string;
    problems: string;
    submittedAt: string;
    file: string;
    groupsTitle: string;
    units: string;
    valid: string;
    invalid: string;
    missing: string;
    selfAverage: string;
    assessedAverage: string;
    scoreAverage: string;
    chartTitle: string;
  };
  missing: { seq: string; unit: string; group: string };
  problems: { unit: string; file: string; fate: string; severity: string; cell: string; code: string; message: string };
  targets: {
    block: string;
    category: string;
    item: string;
    content: string;
    weight: string;
    units: string;
    selfCount: string;
    selfAverage: string;
    selfShare: string;
    assessedCount: string;
    assessedAverage: string;
    assessedShare: string;
  };
  files: {
    file: string;
    unit: string;
    submittedAt: string;
    status: string;
    fate: string;
    errors: string;
    warnings: string;
  };
  deductions: {
    unit: string;
    block: string;
    item: string;
    content: string;
    weight: string;
    self: string;
    assessed: string;
    reason: string;
    file: string;
  };
  status: Record<UnitStatus, string>;
  fileStatus: Record<'valid' | 'invalid' | 'unreadable', string>;
  fates: Record<SubmissionFate, string>;
  groups: Record<Group, string>;
  blocks: Record<Block, string>;
  severity: Record<'error' | 'warning', string>;
  /** A sheet per scorer (owners, then the 考核组) once any scoring workbook came back: how complete its scoring is. */
  scoring: {
    /** {scorer} (made a valid, distinct sheet name) */
    sheetName: string;
    /** {scorer} */
    title: string;
    scorer: string;
    file: string;
    /** Where no workbook came back. */
    noFile: string;
    status: string;
    scored: string;
    /** {scored} {pairs} */
    scoredValue: string;
    /** {count} */
    unscoredTitle: string;
    unit: string;
    item: string;
    /** The assessment team's name. */
    team: string;
  };
  /** The issue's message in the user's language (the validator's messages). */
  issue: (issue: ValidationIssue) => string;
}

export type SummaryCell =
  | { kind: 'text'; value: string; style?: string }
  | { kind: 'number'; value: number; style?: string }
  /** Formula without '='; `result` is the core's value, stored as the cached result. */
  | { kind: 'formula'; formula: string; result: number | string | null; style?: string }
  | { kind: 'empty'; style?: string };

export interface SummarySheet {
  name: string;
  columns: { width: number }[];
  /** Row-major from row 1; a row may be shorter than the column count. */
  rows: SummaryCell[][];
  freeze: { rows: number; cols: number };
  /**
   * The autofilter's A1 range: the table's header row to its last row, over every column; null when the table
   * has no rows under its header. Both writers (file and Excel) apply it as given.
   */
  filter: string | null;
}

export interface SummaryChart {
  sheet: string;
  title: string;
  /** A1 range of the category labels (the groups). */
  categories: string;
  /** A1 range of each series' values, with its name. */
  series: { name: string; values: string }[];
  /** Where the chart goes: top-left cell. */
  anchor: string;
}

export interface SummaryWorkbook {
  sheets: SummarySheet[];
  styles: Record<string, CellStyle>;
  chart: SummaryChart | null;
}

export const SUMMARY_STYLES: Record<string, CellStyle> = {
  title: { font: { bold: true, size: 14 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  header: {
    font: { bold: true },
    fill: 'D9E1F2',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: 'thin',
  },
  text: { alignment: { vertical: 'top', wrapText: true }, border: 'thin', numberFormat: '@' },
  number: { alignment: { horizontal: 'right', vertical: 'top' }, border: 'thin', numberFormat: 'General' },
  share: { alignment: { horizontal: 'right', vertical: 'top' }, border: 'thin', numberFormat: '0.0%' },
  invalid: { fill: 'FCE4D6', border: 'thin', numberFormat: '@', alignment: { vertical: 'top' } },
  missing: { fill: 'FFF2CC', border: 'thin', numberFormat: '@', alignment: { vertical: 'top' } },
};

const text = (value: string, style = 'text'): SummaryCell => ({ kind: 'text', value, style });
const num = (value: number | null, style = 'number'): SummaryCell =>
  value === null ? { kind: 'empty', style } : { kind: 'number', value, style };
const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

/** "2019-12-31 23:59 UTC"-style text for a submission time (shown as text: no locale-dependent date cells). */
export function showTime(iso: string | null): string {
  if (iso === null) return '';
  return iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');
}

/** Row of the first unit in 汇总 (title, header, then units). */
export const SUMMARY_FIRST_ROW = 3;
/** Column letters of 汇总 used by formulas and tests. */
export const SUMMARY_COLUMNS = {
  seq: 'A',
  unit: 'B',
  group: 'C',
  status: 'D',
  self: 'E',
  assessed: 'F',
  partySelf: 'G',
  partyAssessed: 'H',
  ownSelf: 'I',
  ownAssessed: 'J',
  score: 'K',
  rankInGroup: 'L',
  rankOverall: 'M',
  problems: 'N',
  submittedAt: 'O',
  file: 'P',
} as const;

function summarySheet(summary: Summary, texts: SummaryTexts): { sheet: SummarySheet; chart: SummaryChart | null } {
  const s = texts.summary;
  const C = SUMMARY_COLUMNS;
  const first = SUMMARY_FIRST_ROW;
  const last = first + summary.units.length - 1;
  const abs = (col: string): string => `$${col}$${first}:$${col}$${Math.max(last, first)}`;
  const header = [
    s.seq,
    s.unit,
    s.group,
    s.status,
    s.self,
    s.assessed,
    ...BLOCKS.flatMap((b) => [
      fill(s.blockSelf, { block: texts.blocks[b] }),
      fill(s.blockAssessed, { block: texts.blocks[b] }),
    ]),
    s.score,
    s.rankInGroup,
    s.rankOverall,
    s.problems,
    s.submittedAt,
    s.file,
  ];
  const rows: SummaryCell[][] = [
    [text(fill(texts.title, { year: summary.year }), 'title')],
    header.map((h) => text(h, 'header')),
  ];
  summary.units.forEach((u, i) => {
    const r = first + i;
    const statusStyle = u.status === 'valid' ? 'text' : u.status;
    const block = (b: Block) => u.blocks.find((x) => x.block === b);
    const rankGuard = `${C.score}${r}=""`;
    rows.push([
      num(u.seq),
      text(u.name),
      text(texts.groups[u.group]),
      text(texts.status[u.status], statusStyle),
      num(u.self),
      num(u.assessed),
      ...BLOCKS.flatMap((b) => [num(block(b)?.self ?? null), num(block(b)?.assessed ?? null)]),
      num(u.score),
      {
        kind: 'formula',
        formula: `IF(${rankGuard},"",COUNTIFS(${abs(C.group)},${C.group}${r},${abs(C.score)},">"&${C.score}${r})+1)`,
        result: u.rankInGroup ?? '',
        style: 'number',
      },
      {
        kind: 'formula',
        formula: `IF(${rankGuard},"",COUNTIF(${abs(C.score)},">"&${C.score}${r})+1)`,
        result: u.rankOverall ?? '',
        style: 'number',
      },
      num(u.problems),
      text(showTime(u.submittedAt)),
      text(u.file ?? ''),
    ]);
  });

  // Group averages, as formulas over the table above (the chart plots them).
  const groupsTitleRow = last + 2; // one blank row after the table
  rows.push([], [text(s.groupsTitle, 'title')]);
  rows.push(
    [s.group, s.units, s.valid, s.invalid, s.missing, s.selfAverage, s.assessedAverage, s.scoreAverage].map((h) =>
      text(h, 'header'),
    ),
  );
  const validLabel = texts.status.valid;
  const q = (x: string): string => `"${x.replace(/"/g, '""')}"`;
  summary.groups.forEach((g, i) => {
    const r = groupsTitleRow + 2 + i;
    const by = `${abs(C.group)},$A${r}`;
    const avg = (col: string, withStatus: boolean): string =>
      `IFERROR(AVERAGEIFS(${abs(col)},${by}${withStatus ? `,${abs(C.status)},${q(validLabel)}` : ''}),"")`;
    rows.push([
      text(texts.groups[g.group]),
      { kind: 'formula', formula: `COUNTIF(${abs(C.group)},$A${r})`, result: g.units, style: 'number' },
      {
        kind: 'formula',
        formula: `COUNTIFS(${by},${abs(C.status)},${q(validLabel)})`,
        result: g.valid,
        style: 'number',
      },
      {
        kind: 'formula',
        formula: `COUNTIFS(${by},${abs(C.status)},${q(texts.status.invalid)})`,
        result: g.invalid,
        style: 'number',
      },
      {
        kind: 'formula',
        formula: `COUNTIFS(${by},${abs(C.status)},${q(texts.status.missing)})`,
        result: g.missing,
        style: 'number',
      },
      { kind: 'formula', formula: avg(C.self, true), result: g.selfAverage ?? '', style: 'number' },
      { kind: 'formula', formula: avg(C.assessed, true), result: g.assessedAverage ?? '', style: 'number' },
      { kind: 'formula', formula: avg(C.score, false), result: g.scoreAverage ?? '', style: 'number' },
    ]);
  });
  const g0 = groupsTitleRow + 2;
  const g1 = g0 + summary.groups.length - 1;
  const name = texts.sheets.summary;
  const chart: SummaryChart | null =
    summary.groups.length === 0
      ? null
      : {
          sheet: name,
          title: s.chartTitle,
          categories: `A${g0}:A${g1}`,
          series: [
            { name: s.selfAverage, values: `F${g0}:F${g1}` },
            { name: s.assessedAverage, values: `G${g0}:G${g1}` },
          ],
          anchor: cellAddress(groupsTitleRow, 10),
        };
  const widths = [6, 28, 16, 10, 10, 10, 12, 12, 12, 12, 10, 10, 10, 8, 20, 48];
  return {
    sheet: {
      name,
      columns: widths.map((width) => ({ width })),
      rows,
      freeze: { rows: 2, cols: 2 },
      filter: tableFilter(2, last, widths.length),
    },
    chart,
  };
}

function table(name: string, headers: string[], widths: number[], body: SummaryCell[][]): SummarySheet {
  return {
    name,
    columns: widths.map((width) => ({ width })),
    rows: [headers.map((h) => text(h, 'header')), ...body],
    freeze: { rows: 1, cols: 0 },
    filter: tableFilter(1, body.length + 1, widths.length),
  };
}

/** A filter over a table from its header row to its last row, if it has rows under the header (and columns). */
function tableFilter(headerRow: number, lastRow: number, cols: number): string | null {
  if (lastRow <= headerRow || cols === 0) return null;
  return `${cellAddress(headerRow, 1)}:${cellAddress(lastRow, cols)}`;
}

export function summaryToSheets(summary: Summary, texts: SummaryTexts): SummaryWorkbook {
  const { sheet: main, chart } = summarySheet(summary, texts);
  const m = texts.missing;
  const missing = table(
    texts.sheets.missing,
    [m.seq, m.unit, m.group],
    [6, 32, 20],
    summary.missing.map((u) => [num(u.seq), text(u.name), text(texts.groups[u.group])]),
  );
  const p = texts.problems;
  const problems = table(
    texts.sheets.problems,
    [p.unit, p.file, p.fate, p.severity, p.cell, p.code, p.message],
    [24, 40, 12, 8, 8, 22, 60],
    summary.problems.map((x) => [
      text(x.unitName ?? ''),
      text(x.file),
      text(texts.fates[x.fate]),
      text(texts.severity[x.issue.severity]),
      text(x.issue.cell ?? ''),
      text(x.issue.code),
      text(texts.issue(x.issue)),
    ]),
  );
  const t = texts.targets;
  const targets = table(
    texts.sheets.targets,
    [
      t.block,
      t.category,
      t.item,
      t.content,
      t.weight,
      t.units,
      t.selfCount,
      t.selfAverage,
      t.selfShare,
      t.assessedCount,
      t.assessedAverage,
      t.assessedShare,
    ],
    [12, 14, 22, 50, 8, 8, 8, 10, 10, 8, 10, 10],
    summary.targets.map((x) => [
      text(texts.blocks[x.block]),
      text(x.category),
      text(x.item),
      text(x.content),
      num(x.weight),
      num(x.units),
      num(x.selfCount),
      num(x.selfAverage),
      num(x.selfShare, 'share'),
      num(x.assessedCount),
      num(x.assessedAverage),
      num(x.assessedShare, 'share'),
    ]),
  );
  const f = texts.files;
  const files = table(
    texts.sheets.files,
    [f.file, f.unit, f.submittedAt, f.status, f.fate, f.errors, f.warnings],
    [48, 24, 20, 10, 12, 8, 8],
    summary.submissions.map((x) => [
      text(x.file),
      text(x.unitName ?? ''),
      text(showTime(x.submittedAt)),
      text(texts.fileStatus[x.status]),
      text(texts.fates[x.fate]),
      num(x.errors),
      num(x.warnings),
    ]),
  );
  const d = texts.deductions;
  const deductions = table(
    texts.sheets.deductions,
    [d.unit, d.block, d.item, d.content, d.weight, d.self, d.assessed, d.reason, d.file],
    [24, 12, 22, 44, 8, 8, 8, 44, 40],
    summary.deductions.map((x) => [
      text(x.unitName),
      text(texts.blocks[x.block]),
      text(x.item),
      text(x.content),
      num(x.weight),
      num(x.self),
      num(x.assessed),
      text(x.reason),
      text(x.file),
    ]),
  );
  const sheets = [main, missing, problems, targets, files, deductions];
  return { sheets: [...sheets, ...scorerSheets(summary, texts, sheets)], styles: SUMMARY_STYLES, chart };
}

/**
 * Once any scoring workbook came back (the merge exists), one sheet per scorer in the merge's order (owners, then the
 * 考核组): the scorer, its counted workbook (or 未提交), its status, pairs scored of its pairs, then the (unit, item)
 * pairs not scored, as a table with a filter. Before that, none: the summary is what it was.
 */
function scorerSheets(summary: Summary, texts: SummaryTexts, taken: readonly SummarySheet[]): SummarySheet[] {
  if (!summary.scoring) return [];
  const w = texts.scoring;
  const names = new Set(taken.map((s) => s.name));
  return summary.scoring.scorers.map((s, i) => {
    const scorer = scorerName(s.scorer, { team: w.team });
    let name = safeSheetName(fill(w.sheetName, { scorer }), `${w.scorer}${i + 1}`);
    for (let n = 2; names.has(name); n++) name = safeSheetName(`${name.slice(0, 27)}(${n})`, `${w.scorer}${i + 1}`);
    names.add(name);
    const status = s.status === 'missing' ? texts.status.missing : texts.status[s.status];
    const headerRow = 7;
    const unscored = s.unscored.map((p) => [text(p.unitName), text(p.item)]);
    return {
      name,
      columns: [{ width: 24 }, { width: 48 }],
      rows: [
        [text(fill(w.title, { scorer }), 'title')],
        [text(w.scorer, 'header'), text(scorer)],
        [text(w.file, 'header'), text(s.file ?? w.noFile, s.file === null ? 'missing' : 'text')],
        [text(w.status, 'header'), text(status, s.status === 'valid' ? 'text' : s.status)],
        [text(w.scored, 'header'), text(fill(w.scoredValue, { scored: s.scored, pairs: s.pairs }))],
        [text(fill(w.unscoredTitle, { count: s.unscored.length }), 'title')],
        [text(w.unit, 'header'), text(w.item, 'header')],
        ...unscored,
      ],
      freeze: { rows: headerRow, cols: 0 },
      filter: tableFilter(headerRow, headerRow + unscored.length, 2),
    };
  });
}
