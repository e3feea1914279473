// The Excel stand-in's calculation: a real formula engine, HyperFormula (GPL-3.0, used under its "gpl-v3" licence
// key, a devDependency that only test/ loads: the layer rules keep it out of src/, so it is never in the pane or
// the CLI). Chosen over fast-formula-parser (MIT) because the workbooks need what only it has here: a dependency
// graph that recalculates every dependent cell after a change, as Excel does, across sheets; SUMPRODUCT over array
// arithmetic (the template's status line); and COUNTIFS / AVERAGEIFS (the summary's ranks and averages), which
// fast-formula-parser 1.0.19 does not implement ("Function COUNTIFS is not implemented") — its ISNUMBER of a range
// also gave one value instead of an array.
//
// What it guarantees: after recalculate(), every formula cell of every sheet shows the value the engine computed
// from the cells' current inputs, as Excel's `values` shows it — a reference to an empty cell is 0, a circular
// reference 0 (Excel warns and shows 0), an error its text ("#DIV/0!"). Constants are text exactly as written:
// "5" written as text stays the text "5", never the number (the stand-in's writes are typed values).
// `useArrayArithmetic` gives array arithmetic inside any function, as Excel 365's dynamic arrays do (SUMPRODUCT
// has it in every Excel version). Two gaps of HyperFormula 3.5 are bridged by rewriting the formula text it is
// given (the cell keeps Excel's text): TRUE and FALSE become TRUE() and FALSE(), and AVERAGEIFS, which it lacks,
// becomes its definition — the mean of the numbers of average_range whose rows meet every criterion, #DIV/0! when
// there are none: SUMIFS(average_range, …) / COUNTIFS(…, average_range, ">-1E+307") (a numeric criterion counts
// numbers only, as AVERAGEIFS averages numbers only).
import { DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import type { CellValue } from '../../src/core/plan/model';

export type Input = string | number | boolean;

export interface FakeCell {
  /** What was written: a formula (text with "="), a constant, or "'text" (text that is shown without the quote). */
  input: Input;
  /** What the cell shows (a formula's computed value). */
  value: CellValue;
}

export interface CalcSheet {
  name: string;
  /** "row,col" → cell; changed freely (a test may seed cells): each recalculation compares it with the last. */
  cells: Map<string, FakeCell>;
}

const CONFIG = { licenseKey: 'gpl-v3', useArrayArithmetic: true } as const;

export const isFormula = (input: Input | undefined): boolean => typeof input === 'string' && input.startsWith('=');

/** Excel's TRUE and FALSE are literals; HyperFormula knows them only as functions, TRUE() and FALSE(). */
function booleansAsFunctions(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b(TRUE|FALSE)\b(?!\s*\()/gi, '$1()')))
    .join('');
}

/** Index just past the string ("…") or quoted sheet name ('…') that starts at `i`. */
function skipQuoted(text: string, i: number): number {
  const quote = text[i]!;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] !== quote) continue;
    if (text[j + 1] === quote) j++;
    else return j + 1;
  }
  return text.length;
}

/** The arguments of the call whose "(" is at `open`, split at its own commas, and the index of its ")". */
function callArguments(text: string, open: number): { args: string[]; close: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length;) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return { args, close: i };
      }
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  return { args, close: text.length };
}

/** AVERAGEIFS(average_range, range1, criterion1, …) as SUMIFS / COUNTIFS (see the top of this file). */
function averageIfsAsSums(formula: string): string {
  let out = '';
  for (let i = 0; i < formula.length;) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipQuoted(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const call = /^AVERAGEIFS\s*\(/i.exec(formula.slice(i));
    if (call && !/[A-Za-z0-9_.]/.test(formula[i - 1] ?? '')) {
      const { args, close } = callArguments(formula, i + call[0].length - 1);
      const [average, ...criteria] = args.map((a) => averageIfsAsSums(a.trim()));
      out += `(SUMIFS(${[average, ...criteria].join(',')})/COUNTIFS(${[...criteria, average, '">-1E+307"'].join(',')}))`;
      i = close + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function hyperFormulaText(formula: string): string {
  return averageIfsAsSums(booleansAsFunctions(formula));
}

function raw(input: Input | undefined): RawCellContent {
  if (input === undefined || input === '') return null;
  if (typeof input !== 'string') return input;
  if (input.startsWith('=')) return hyperFormulaText(input);
  // Text stays text: the engine would read "5" as a number and "2019-12-01" as a date.
  return input.startsWith("'") ? input : `'${input}`;
}

/** A formula that does not parse: Excel refuses the write (InvalidArgument); the stand-in says which. */
export class FormulaSyntaxError extends Error {}

export class Calculator {
  private engine: HyperFormula | null = null;
  /** The engine's sheet for each of the workbook's sheets: its id, the name and the inputs the engine knows. */
  private readonly known = new Map<CalcSheet, { id: number; name: string; inputs: Map<string, Input> }>();

  /** Brings the engine up to date with `sheets` (added, removed, renamed, changed cells), then shows the values. */
  recalculate(sheets: readonly CalcSheet[]): void {
    const hf = (this.engine ??= HyperFormula.buildEmpty(CONFIG));
    hf.suspendEvaluation();
    try {
      for (const [sheet, { id }] of this.known) {
        if (!sheets.includes(sheet)) {
          hf.removeSheet(id);
          this.known.delete(sheet);
        }
      }
      // Renamed in two steps, so that two sheets may swap names.
      const renamed = sheets.filter((s) => this.known.has(s) && this.known.get(s)!.name !== s.name);
      renamed.forEach((s, i) => hf.renameSheet(this.known.get(s)!.id, `\u0000renaming ${i}`));
      for (const s of renamed) {
        hf.renameSheet(this.known.get(s)!.id, s.name);
        this.known.get(s)!.name = s.name;
      }
      for (const s of sheets) {
        if (this.known.has(s)) continue;
        const name = hf.addSheet(s.name);
        this.known.set(s, { id: hf.getSheetId(name)!, name: s.name, inputs: new Map() });
      }
      for (const s of sheets) {
        const { id, inputs } = this.known.get(s)!;
        const put = (key: string, input: Input | undefined) => {
          const [row, col] = key.split(',').map(Number) as [number, number];
          hf.setCellContents({ sheet: id, row: row - 1, col: col - 1 }, raw(input));
        };
        for (const [key, cell] of s.cells) {
          if (inputs.get(key) === cell.input) continue;
          put(key, cell.input);
          inputs.set(key, cell.input);
        }
        for (const key of inputs.keys()) {
          if (s.cells.has(key)) continue;
          put(key, undefined);
          inputs.delete(key);
        }
      }
    } finally {
      hf.resumeEvaluation();
    }
    const broken: string[] = [];
    for (const s of sheets) {
      const id = this.known.get(s)!.id;
      for (const [key, cell] of s.cells) {
        if (!isFormula(cell.input)) continue;
        const [row, col] = key.split(',').map(Number) as [number, number];
        const value = hf.getCellValue({ sheet: id, row: row - 1, col: col - 1 });
        if (value instanceof DetailedCellError) {
          if (value.type === 'ERROR') broken.push(`${s.name}!${key}: ${cell.input} (${value.message})`);
          cell.value = value.type === 'CYCLE' ? 0 : value.value;
        } else cell.value = value ?? 0;
      }
    }
    if (broken.length > 0) throw new FormulaSyntaxError(`formulas Excel would not take: ${broken.join('; ')}`);
  }
}
