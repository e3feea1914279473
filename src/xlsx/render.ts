// Writes sheet plans to .xlsx files with ExcelJS. It follows the plan only: every cell, style, merge, validation,
// conditional format, print setting and piece of metadata comes from src/core/plan; nothing here decides layout.
//
// Determinism: ExcelJS stamps zip entries with the current time and salts passwords at random, so the renderer
// fixes both (zip re-packed with one mtime; salt derived from the catalog fingerprint), and the file is a pure
// function of the plan, the password and the plan's createdAt.
// ExcelJS 4.4 cannot write custom document properties, so docProps/custom.xml is added while re-packing.
import type ExcelJSNamespace from 'exceljs';
import type {
  CellStyle,
  MetaSheetPlan,
  PlanProtection,
  SheetDrawing,
  SheetPlan,
  WorkbookDrawing,
} from '../core/plan/model';
import { argb, exceljs, toExcelStyle, workbookParts, type ExcelStyle as Style } from './style';
import {
  absoluteRowsOf,
  finish,
  headerFooterOf,
  PAPER_SIZE_CODES,
  protectionFor,
  sheetProtection,
  type RenderOptions,
} from './template-parts';

export type { RenderOptions } from './template-parts';

/** A workbook without sheets still gets a protected meta sheet. */
const LOCKED_EVERYWHERE: PlanProtection = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: false,
  formatRows: false,
  insertRows: false,
  insertColumns: false,
  deleteRows: false,
  deleteColumns: false,
  sort: false,
  autoFilter: false,
};

function conditionalStyle(style: CellStyle | undefined): Style {
  const out: Style = {};
  if (style?.font?.color) out.font = { color: { argb: argb(style.font.color) } };
  // Conditional-format fills use bgColor (dxf), not fgColor.
  if (style?.fill) out.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(style.fill) } };
  return out;
}

type Protection = Record<string, string | number | boolean>;
type Protected = { sheetProtection: Protection };

/** A workbook with the document properties every file of ours carries; formulas recalculate when it is opened. */
function newWorkbook(title: string, when: Date): ExcelJSNamespace.Workbook {
  const ExcelJS = exceljs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Target Sheets';
  workbook.lastModifiedBy = 'Target Sheets';
  workbook.created = when;
  workbook.modified = when;
  workbook.title = title;
  // Excel recalculates every formula when the file is opened; the cached results are the empty template's.
  workbook.calcProperties = { fullCalcOnLoad: true };
  return workbook;
}

function dateOf(createdAt: string): Date {
  const when = new Date(createdAt);
  if (Number.isNaN(when.getTime())) throw new RangeError(`invalid createdAt: ${createdAt}`);
  return when;
}

/** One ExcelJS style object per (plan style, locked) pair, shared by the cells of a workbook that use it. */
type StyleFor = (styles: SheetDrawing['styles'], key: string | undefined, locked: boolean) => Style;
function styleCache(): StyleFor {
  const cache = new Map<string, Style>();
  return (styles, key, locked) => {
    const cacheKey = `${key ?? ''}\u0000${locked}`;
    let style = cache.get(cacheKey);
    if (!style) cache.set(cacheKey, (style = toExcelStyle(key ? styles[key] : undefined, locked)));
    return style;
  };
}

// Rows carry an empty style of their own; one shared object lets ExcelJS's per-object style cache answer
// (the file is the same: every empty row style maps to the same format record).
const rowStyle = {} as Style;
function shareRowStyles(ws: ExcelJSNamespace.Worksheet): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    (row as unknown as { style: Style }).style = rowStyle;
  });
}

/** One drawn sheet: cells, styles, sizes, merges, checks, print settings, panes and protection, as the plan says. */
function addDrawnSheet(
  workbook: ExcelJSNamespace.Workbook,
  plan: SheetDrawing,
  protection: Protection,
  styleFor: StyleFor,
): void {
  const sheet = workbook.addWorksheet(plan.sheetName, {
    views: [
      {
        state: 'frozen',
        xSplit: plan.freeze.cols,
        ySplit: plan.freeze.rows,
        topLeftCell: `A${plan.freeze.rows + 1}`,
        activeCell: plan.freeze.activeCell,
      },
    ],
    pageSetup: {
      paperSize: PAPER_SIZE_CODES[plan.print.paperSize],
      orientation: plan.print.orientation,
      fitToPage: true,
      fitToWidth: plan.print.fitToWidth,
      fitToHeight: plan.print.fitToHeight,
      margins: plan.print.margins,
      printTitlesRow: `${plan.print.titleRows[0]}:${plan.print.titleRows[1]}`,
      horizontalCentered: plan.print.centerHorizontally,
      // ExcelJS writes "'sheet'!$" + each end: "A$2" gives the absolute $A$2.
      ...(plan.print.area ? { printArea: absoluteRowsOf(plan.print.area) } : {}),
      ...(plan.print.blackAndWhite ? { blackAndWhite: true } : {}),
    },
  });
  sheet.columns = plan.columns.map((c, i) => ({ key: 'key' in c ? String(c.key) : `c${i + 1}`, width: c.width }));
  const headerFooter = headerFooterOf(plan);
  if (headerFooter) sheet.headerFooter = headerFooter;

  for (const c of plan.cells) {
    const cell = sheet.getCell(c.row, c.col);
    if (c.formula !== undefined) {
      cell.value =
        c.result === undefined || c.result === null
          ? { formula: c.formula }
          : ({ formula: c.formula, result: c.result } as ExcelJSNamespace.CellFormulaValue);
    } else if (c.value !== undefined) {
      cell.value = c.value;
    }
    cell.style = styleFor(plan.styles, c.style, c.locked);
  }
  for (const [row, height] of Object.entries(plan.rowHeights)) sheet.getRow(Number(row)).height = height;
  for (const range of plan.merges) sheet.mergeCells(range);

  for (const v of plan.validations) {
    // ExcelJS's typings leave out dataValidations, which it supports (ranges included), and the type 'any'.
    (
      sheet as unknown as {
        dataValidations: {
          add(range: string, v: ExcelJSNamespace.DataValidation | { type: 'any'; [key: string]: unknown }): void;
        };
      }
    ).dataValidations.add(
      v.range,
      v.kind === 'any'
        ? { type: 'any', showInputMessage: true, promptTitle: v.promptTitle, prompt: v.prompt }
        : {
            type: v.kind,
            operator: 'between',
            allowBlank: v.allowBlank,
            formulae: [v.min, v.maxFormula],
            showErrorMessage: true,
            errorStyle: v.errorStyle,
            errorTitle: v.errorTitle,
            error: v.error,
            showInputMessage: true,
            promptTitle: v.promptTitle,
            prompt: v.prompt,
          },
    );
  }
  for (const f of plan.conditionalFormats) {
    sheet.addConditionalFormatting({
      ref: f.range,
      // stopIfTrue is missing from ExcelJS's typings, and ExcelJS 4.4 does not write it for expression rules:
      // where two rules match, the one with the higher priority wins in Excel anyway.
      rules: [
        {
          type: 'expression',
          formulae: [f.formula],
          style: conditionalStyle(plan.styles[f.style]),
          priority: f.priority,
          stopIfTrue: f.stopIfTrue,
        } as ExcelJSNamespace.ConditionalFormattingRule,
      ],
    });
  }
  shareRowStyles(sheet);

  // Set directly, not through sheet.protect(): protect('', …) drops spinCount when it is not given the password
  // itself, and Excel (and LibreOffice) would then check the hash with no spins: the right password would fail.
  (sheet as unknown as Protected).sheetProtection = protection;
}

/** The very hidden meta sheet: every cell locked, one shared style; protected with no selection allowed. */
function addMetaSheet(
  workbook: ExcelJSNamespace.Workbook,
  metaSheet: MetaSheetPlan,
  protection: Protection,
  styleFor: StyleFor,
): void {
  const meta = workbook.addWorksheet(metaSheet.name, { state: 'veryHidden' });
  // One shared style object for every meta cell: ExcelJS caches a style's id by object, and would otherwise
  // work out the same style again for each of these cells.
  const metaStyle = styleFor({}, undefined, true);
  metaSheet.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      const cell = meta.getCell(r + 1, c + 1);
      cell.value = value;
      cell.style = metaStyle;
    }),
  );
  shareRowStyles(meta);
  (meta as unknown as Protected).sheetProtection = { ...protection, selectLockedCells: true };
}

/** One workbook for one plan: the unit's sheet and its very hidden meta sheet. */
export async function renderPlanToXlsx(plan: SheetPlan, options: RenderOptions = {}): Promise<Uint8Array> {
  const when = dateOf(plan.metadata.createdAt);
  const workbook = newWorkbook(plan.title, when);
  const styleFor = styleCache();
  const protection = await sheetProtection(plan, options.password);
  addDrawnSheet(workbook, plan, protection, styleFor);
  addMetaSheet(workbook, plan.metaSheet, protection, styleFor);
  // The 填报说明 after the meta sheet, which stays right after the unit's sheet (where readers look for it).
  if (plan.notes) {
    const notes = workbook.addWorksheet(plan.notes.name);
    notes.columns = [{ width: plan.notes.width }];
    for (const c of plan.notes.cells) {
      const cell = notes.getCell(c.row, c.col);
      cell.value = c.value ?? null;
      cell.style = styleFor(plan.styles, c.style, c.locked);
    }
    for (const [row, height] of Object.entries(plan.notes.rowHeights)) notes.getRow(Number(row)).height = height;
    shareRowStyles(notes);
    (notes as unknown as Protected).sheetProtection = protection;
  }
  return finish(await workbookParts(workbook), when, plan.properties);
}

/**
 * A workbook of several sheets (a scoring workbook): each drawn as a unit's sheet is, in order, then the very hidden
 * meta sheet. Protection, password and reproducibility as for a template.
 */
export async function renderWorkbookToXlsx(book: WorkbookDrawing, options: RenderOptions = {}): Promise<Uint8Array> {
  const when = dateOf(book.createdAt);
  const workbook = newWorkbook(book.title, when);
  const styleFor = styleCache();
  let protection: Protection | undefined;
  for (const sheet of book.sheets) {
    protection = await protectionFor(sheet.protection, book.saltSeed, options.password);
    addDrawnSheet(workbook, sheet, protection, styleFor);
  }
  const metaProtection =
    protection ??
    (await protectionFor(book.sheets[0]?.protection ?? LOCKED_EVERYWHERE, book.saltSeed, options.password));
  addMetaSheet(workbook, book.metaSheet, metaProtection, styleFor);
  return finish(await workbookParts(workbook), when, book.properties);
}

/** One file per plan, in order. */
export async function renderPlansToXlsx(
  plans: readonly SheetPlan[],
  options: RenderOptions = {},
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const plan of plans) out.push(await renderPlanToXlsx(plan, options));
  return out;
}
