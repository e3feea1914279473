// The published table (考核结果) as sheets of the summary workbook, and its register entries (加减分明细) beside it.
// Guarantees:
//  - per group (catalog group order), units in rank order (vetoed units after the others, as ranked; units without
//    a final last, in catalog order): 名次 | 单位 | 自评 | 考核 | 测评 | 综合 | 加分 | 扣分 | 最终得分 | 等次;
//  - what a spreadsheet can compute is a formula over cells the reader sees, with the core's figure as its cached
//    result: 综合 from the components and the weights on row 3, 加分 = MIN(SUMIFS of the unit's 加分 in 加减分明细,
//    the cap), 扣分 = SUMIFS of its 扣分, 最终得分 = MAX(0, 综合 + 加分 − 扣分), each ROUND(…, 2) — Excel's and
//    LibreOffice's ROUND round half away from zero, as the core does, and later figures use the rounded ones;
//  - what the rules decide beyond arithmetic (rank with ties and vetoes, grade with the quota, the survey score
//    from the votes) is the core's value; a unit whose final is missing has no formulas and its grade is pending;
//  - decisions for the committee and vetoes are listed under the tables; A4 landscape, fitted to the page width,
//    title, date and header rows repeated on every page.
import { GROUPS, type Group } from '../catalog/model';
import type { SummaryCell, SummarySheet } from '../collect/sheets';
import type { CellStyle, PlanPrint } from '../plan/model';
import type { RegisterEntry, Results, Settings, UnitResult } from './model';
import { ENTRY_KIND_LABELS } from './register';

export interface ResultsSheetTexts {
  /** {year} */
  title: string;
  /** {date} */
  date: string;
  sheet: string;
  detailsSheet: string;
  headers: {
    rank: string;
    unit: string;
    self: string;
    assessed: string;
    survey: string;
    composite: string;
    bonus: string;
    deduction: string;
    final: string;
    grade: string;
  };
  /** Row 3's labels. */
  weights: { self: string; assessed: string; survey: string; bonusCap: string };
  /** Row 3 without weights: the composite is the assessed total, or the self total while unassessed. */
  noWeights: string;
  noCap: string;
  pending: string;
  groups: Record<Group, string>;
  /** The details sheet's header: 单位, 类型, 分值, 事由, 文号, 日期 (the register's own texts). */
  detailsHeaders: string[];
  notesTitle: string;
  /** {unit}, {reasons} */
  vetoNote: string;
  /** Worded decisions, in order. */
  decisions: string[];
}

export interface ResultsSheet extends SummarySheet {
  print: Pick<PlanPrint, 'orientation' | 'paperSize' | 'fitToWidth' | 'fitToHeight' | 'titleRows'>;
}

export const RESULTS_STYLES: Record<string, CellStyle> = {
  score: { alignment: { horizontal: 'right', vertical: 'top' }, border: 'thin', numberFormat: '0.00' },
  group: { font: { bold: true, size: 12 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  note: { alignment: { horizontal: 'left', vertical: 'top', wrapText: false } },
};

/** Columns of 考核结果 (tests and formulas refer to them). */
export const RESULTS_COLUMNS = {
  rank: 'A',
  unit: 'B',
  self: 'C',
  assessed: 'D',
  survey: 'E',
  composite: 'F',
  bonus: 'G',
  deduction: 'H',
  final: 'I',
  grade: 'J',
} as const;

/** Row of the weights and the cap; the first group starts below it. */
export const RESULTS_PARAMETER_ROW = 3;

const text = (value: string, style = 'text'): SummaryCell => ({ kind: 'text', value, style });
const num = (value: number | null, style = 'score'): SummaryCell =>
  value === null ? { kind: 'empty', style } : { kind: 'number', value, style };
const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
/** A text in a formula: quoted, quotes doubled. */
const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function rankOrder(a: UnitResult, b: UnitResult): number {
  if (a.rank === null || b.rank === null) return (a.rank === null ? 1 : 0) - (b.rank === null ? 1 : 0);
  return a.rank - b.rank;
}

export function resultsToSheets(
  results: Results,
  settings: Settings,
  register: readonly RegisterEntry[],
  year: number,
  date: string,
  texts: ResultsSheetTexts,
): { results: ResultsSheet; details: SummarySheet } {
  const C = RESULTS_COLUMNS;
  const P = RESULTS_PARAMETER_ROW;
  const h = texts.headers;
  const names = new Map(results.units.map((r) => [r.unit.id, r.unit.name]));

  // 加减分明细: every entry counted, in register order (rows 2…).
  const detailsRows: SummaryCell[][] = [
    texts.detailsHeaders.map((x) => text(x, 'header')),
    ...register.map((e) => [
      text(names.get(e.unitId) ?? ''),
      text(ENTRY_KIND_LABELS[e.kind]),
      num(e.points, 'number'),
      text(e.reason),
      text(e.document),
      text(e.date),
    ]),
  ];
  const lastDetail = Math.max(2, detailsRows.length);
  const ref = (col: string): string => `'${texts.detailsSheet.replace(/'/g, "''")}'!$${col}$2:$${col}$${lastDetail}`;
  const sumOf = (kind: 'bonus' | 'deduction', row: number): string =>
    `SUMIFS(${ref('C')},${ref('A')},${C.unit}${row},${ref('B')},${q(ENTRY_KIND_LABELS[kind])})`;

  const w = settings.weights;
  const parameters: SummaryCell[] = w
    ? [
        text(texts.weights.self, 'note'),
        num(w.self, 'number'),
        text(texts.weights.assessed, 'note'),
        num(w.assessed, 'number'),
        text(texts.weights.survey, 'note'),
        num(w.survey, 'number'),
        text(texts.weights.bonusCap, 'note'),
        settings.bonusCap === null ? text(texts.noCap, 'note') : num(settings.bonusCap, 'number'),
      ]
    : [
        text(texts.noWeights, 'note'),
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'empty' },
        text(texts.weights.bonusCap, 'note'),
        settings.bonusCap === null ? text(texts.noCap, 'note') : num(settings.bonusCap, 'number'),
      ];
  const rows: SummaryCell[][] = [
    [text(fill(texts.title, { year }), 'title')],
    [text(fill(texts.date, { date }), 'note')],
    parameters,
  ];

  const compositeFormula = (r: number): string =>
    w
      ? `ROUND((${C.self}${r}*$B$${P}+${C.assessed}${r}*$D$${P}+${C.survey}${r}*$F$${P})/100,2)`
      : `IF(ISNUMBER(${C.assessed}${r}),${C.assessed}${r},${C.self}${r})`;
  const bonusFormula = (r: number): string =>
    settings.bonusCap === null ? `ROUND(${sumOf('bonus', r)},2)` : `ROUND(MIN(${sumOf('bonus', r)},$H$${P}),2)`;

  for (const group of GROUPS) {
    const members = results.units.filter((r) => r.unit.group === group);
    if (members.length === 0) continue;
    rows.push([], [text(texts.groups[group], 'group')]);
    rows.push(
      [h.rank, h.unit, h.self, h.assessed, h.survey, h.composite, h.bonus, h.deduction, h.final, h.grade].map((x) =>
        text(x, 'header'),
      ),
    );
    for (const u of [...members].sort(rankOrder)) {
      const r = rows.length + 1;
      const computed = u.composite !== null;
      rows.push([
        num(u.rank, 'number'),
        text(u.unit.name),
        num(u.self),
        num(u.assessed),
        num(u.survey),
        computed ? { kind: 'formula', formula: compositeFormula(r), result: u.composite, style: 'score' } : num(null),
        { kind: 'formula', formula: bonusFormula(r), result: u.bonus, style: 'score' },
        { kind: 'formula', formula: `ROUND(${sumOf('deduction', r)},2)`, result: u.deduction, style: 'score' },
        computed
          ? {
              kind: 'formula',
              formula: `ROUND(MAX(0,${C.composite}${r}+${C.bonus}${r}-${C.deduction}${r}),2)`,
              result: u.final,
              style: 'score',
            }
          : num(null),
        text(u.grade ?? (u.pending ? texts.pending : '')),
      ]);
    }
  }

  const notes: string[] = [...texts.decisions];
  for (const u of results.units.filter((x) => x.veto)) {
    const reasons = register
      .filter((e) => e.unitId === u.unit.id && e.kind === 'veto')
      .map((e) => e.reason)
      .join('；');
    notes.push(fill(texts.vetoNote, { unit: u.unit.name, reasons }));
  }
  if (notes.length > 0) {
    rows.push([], [text(texts.notesTitle, 'group')]);
    for (const n of notes) rows.push([text(n, 'note')]);
  }

  return {
    results: {
      name: texts.sheet,
      columns: [8, 30, 10, 10, 10, 10, 10, 10, 12, 12].map((width) => ({ width })),
      rows,
      freeze: { rows: 0, cols: 0 },
      filter: null,
      print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: 1, fitToHeight: 0, titleRows: [1, 2] },
    },
    details: {
      name: texts.detailsSheet,
      columns: [30, 12, 10, 48, 24, 14].map((width) => ({ width })),
      rows: detailsRows,
      freeze: { rows: 1, cols: 0 },
      filter: null,
    },
  };
}
