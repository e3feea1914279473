// Writes a sheet plan to .xlsx as SpreadsheetML text directly: the same bytes, part for part, as the ExcelJS
// renderer (render.ts), without building ExcelJS's workbook, worksheet and cell objects first and without loading
// ExcelJS: `generate` and the task pane write templates with it (README, Performance; `npm run bench -- generate`).
//
// render.ts stays the definition of the file: test/xlsx/render-direct.test.ts checks that both writers give
// byte-identical parts for every unit of the 2019 catalog (with and without a password, both languages) and for
// random catalogs, so a change to the plan that this writer does not follow fails there. What is written here
// mirrors what ExcelJS 4.4 writes for the plan's features, and only those: the order of attributes and elements,
// the numbering of styles, shared strings and conditional formats, its escaping, the cells merging creates.
import { cellAddress, parseRange } from '../core/address';
import { BORDER_COLOR, type CellStyle, type CellValue, type PlanCell, type SheetPlan } from '../core/plan/model';
import { argb } from './color';
import {
  CUSTOM_PROPERTIES_OVERRIDE,
  CUSTOM_PROPERTIES_PART,
  CUSTOM_PROPERTIES_RELATIONSHIP,
  absoluteRowsOf,
  customPropertiesXml,
  esc,
  headerFooterOf,
  PAPER_SIZE_CODES,
  sheetProtection,
  type RenderOptions,
} from './template-parts';
import { writeZip } from './zip';

const utf8 = new TextEncoder();

// ExcelJS's default theme, as ExcelJS writes it; encoded once (the zip writer reuses its deflated form).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS data file inside ExcelJS, with no types or ES export
const THEME = utf8.encode(require('exceljs/lib/xlsx/xml/theme1.js') as string);

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// Number formats ExcelJS writes by their built-in id (its table, ECMA-376 §18.8.30); any other code gets an id
// from 164 on.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS data file inside ExcelJS, with no types or ES export
const DEFAULT_NUMBER_FORMATS = require('exceljs/lib/xlsx/defaultnumformats.js') as Record<string, { f?: string }>;
const BUILTIN_NUMBER_FORMATS = new Map<string, number>();
for (const [id, format] of Object.entries(DEFAULT_NUMBER_FORMATS))
  if (format.f) BUILTIN_NUMBER_FORMATS.set(format.f, Number(id));

const DEFAULT_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const THIN_SIDE = (side: string) => `<${side} style="thin"><color rgb="${argb(BORDER_COLOR)}"/></${side}>`;
const VERTICAL: Record<string, string> = { top: 'top', middle: 'center', bottom: 'bottom' };

/** The workbook's style table, numbered as ExcelJS's StylesXform numbers it (first use first, duplicates merged). */
class Styles {
  private readonly numFmts: string[] = [];
  private readonly numFmtIds = new Map<string, number>();
  private readonly fonts = [DEFAULT_FONT];
  private readonly fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly dxfs: string[] = [];
  private readonly byKey = new Map<string, number>();

  private static index(list: string[], xml: string): number {
    const at = list.indexOf(xml);
    if (at >= 0) return at;
    list.push(xml);
    return list.length - 1;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_NUMBER_FORMATS.get(code);
    if (builtin !== undefined) return builtin;
    let id = this.numFmtIds.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.numFmtIds.set(code, id);
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    }
    return id;
  }

  private static font(font: NonNullable<CellStyle['font']>, colorOnly = false): string {
    let xml = '<font>';
    if (!colorOnly && font.bold) xml += '<b/>';
    if (font.color) xml += `<color rgb="${esc(argb(font.color))}"/>`;
    if (!colorOnly && font.size) xml += `<sz val="${font.size}"/>`;
    if (!colorOnly && font.name) xml += `<name val="${esc(font.name)}"/>`;
    return `${xml}</font>`;
  }

  /** The cellXfs id of a plan style on a cell that is (not) locked. */
  cellStyle(key: string | undefined, style: CellStyle | undefined, locked: boolean): number {
    const cacheKey = `${key ?? ''}\u0000${locked}`;
    const known = this.byKey.get(cacheKey);
    if (known !== undefined) return known;
    const numFmtId = this.numFmt(style?.numberFormat ?? 'General');
    const f = style?.font;
    const fontId =
      f && (f.name || f.size || f.bold || f.color)
        ? Styles.index(this.fonts, Styles.font(f))
        : f
          ? Styles.index(this.fonts, '<font/>')
          : 0;
    const borderId =
      style?.border === 'thin'
        ? Styles.index(
            this.borders,
            `<border>${THIN_SIDE('left')}${THIN_SIDE('right')}${THIN_SIDE('top')}${THIN_SIDE('bottom')}<diagonal/></border>`,
          )
        : 0;
    const fillId = style?.fill
      ? Styles.index(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${esc(argb(style.fill))}"/></patternFill></fill>`,
        )
      : 0;
    let xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) xf += ' applyNumberFormat="1"';
    if (fontId) xf += ' applyFont="1"';
    if (fillId) xf += ' applyFill="1"';
    if (borderId) xf += ' applyBorder="1"';
    const a = style?.alignment;
    if (a) xf += ' applyAlignment="1"';
    xf += ' applyProtection="1"';
    let inner = '';
    if (a) {
      let attrs = '';
      if (a.horizontal) attrs += ` horizontal="${a.horizontal}"`;
      if (a.vertical) attrs += ` vertical="${VERTICAL[a.vertical]}"`;
      if (a.wrapText) attrs += ' wrapText="1"';
      if (attrs) inner += `<alignment${attrs}/>`;
    }
    if (!locked) inner += '<protection locked="0"/>';
    xf += inner ? `>${inner}</xf>` : '/>';
    const id = Styles.index(this.xfs, xf);
    this.byKey.set(cacheKey, id);
    return id;
  }

  /** A conditional format's style (font colour and fill only): one dxf per rule, as ExcelJS adds them. */
  dxf(style: CellStyle | undefined): number {
    let xml = '<dxf>';
    if (style?.font?.color) xml += Styles.font(style.font, true);
    if (style?.fill)
      xml += `<fill><patternFill patternType="solid"><bgColor rgb="${esc(argb(style.fill))}"/></patternFill></fill>`;
    this.dxfs.push(`${xml}</dxf>`);
    return this.dxfs.length - 1;
  }

  xml(): string {
    let xml =
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" ` +
      'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">';
    if (this.numFmts.length) xml += `<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>`;
    xml += `<fonts count="${this.fonts.length}" x14ac:knownFonts="1">${this.fonts.join('')}</fonts>`;
    xml += `<fills count="${this.fills.length}">${this.fills.join('')}</fills>`;
    xml += `<borders count="${this.borders.length}">${this.borders.join('')}</borders>`;
    xml += '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>';
    xml += `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>`;
    xml += '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>';
    xml += this.dxfs.length ? `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` : '<dxfs count="0"/>';
    xml +=
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst>' +
      '<ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext>' +
      '</extLst></styleSheet>';
    return xml;
  }
}

/** The shared-string table: first use first, every use counted. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  private count = 0;

  add(text: string): number {
    this.count++;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(text, id);
      this.values.push(text);
    }
    return id;
  }

  xml(): string {
    const items = this.values.map((t) =>
      /^\s|\n|\s$/.test(t) ? `<si><t xml:space="preserve">${esc(t)}</t></si>` : `<si><t>${esc(t)}</t></si>`,
    );
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.values.length}">${items.join('')}</sst>`;
  }
}

/** A cell as written: its style id and, unless it is part of a merge (or empty), its value or formula. */
interface OutCell {
  col: number;
  styleId: number;
  cell?: PlanCell;
  /** Meta-sheet cells carry a bare value. */
  value?: CellValue;
  /** Merged into another cell: written even without a style (ExcelJS writes a merged cell, never a bare empty one). */
  merged?: boolean;
}

function cellXml(address: string, c: OutCell, strings: SharedStrings): string {
  const s = c.styleId ? ` s="${c.styleId}"` : '';
  const planCell = c.cell;
  if (planCell?.formula !== undefined) {
    const f = `<f>${esc(planCell.formula)}</f>`;
    const r = planCell.result;
    if (r === undefined || r === null) return `<c r="${address}"${s}>${f}</c>`;
    if (typeof r === 'string') return `<c r="${address}"${s} t="str">${f}<v>${esc(r)}</v></c>`;
    if (typeof r === 'number') return `<c r="${address}"${s}>${f}<v>${r}</v></c>`;
    return `<c r="${address}"${s} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
  }
  const v = planCell ? planCell.value : c.value;
  if (v === undefined || v === null) return c.styleId || c.merged ? `<c r="${address}"${s}/>` : '';
  if (typeof v === 'string') return `<c r="${address}"${s} t="s"><v>${strings.add(v)}</v></c>`;
  if (typeof v === 'number') return `<c r="${address}"${s}><v>${v}</v></c>`;
  return `<c r="${address}"${s} t="b"><v>${v ? '1' : '0'}</v></c>`;
}

const SHEET_HEAD =
  `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  'mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';
const SHEET_FORMAT =
  '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';

/**
 * The rows of a sheet as ExcelJS writes them: cells in order, each row with its span, and the sheet's dimension.
 * Style ids and shared strings are numbered in the order ExcelJS's prepare pass meets them (row by row).
 */
function sheetData(
  rows: Map<number, OutCell[]>,
  heights: Record<number, number>,
  strings: SharedStrings,
): { xml: string; dimension: string } {
  let top = 0;
  let left = 0;
  let bottom = 0;
  let right = 0;
  let xml = '';
  const numbers = [...new Set([...rows.keys(), ...Object.keys(heights).map(Number)])].sort((a, b) => a - b);
  for (const r of numbers) {
    const cells = (rows.get(r) ?? []).sort((a, b) => a.col - b.col);
    const height = heights[r];
    if (cells.length === 0 && !height) continue;
    if (cells.length === 0)
      throw new Error(`row ${r} has a height but no cells, which the template writer does not support`);
    const min = cells[0]!.col;
    const max = cells[cells.length - 1]!.col;
    if (!top || r < top) top = r;
    if (!left || min < left) left = min;
    if (!bottom || r > bottom) bottom = r;
    if (!right || max > right) right = max;
    xml += `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''} spans="${min}:${max}" x14ac:dyDescent="0.25">`;
    for (const c of cells) xml += cellXml(cellAddress(r, c.col), c, strings);
    xml += '</row>';
  }
  return { xml: `<sheetData>${xml}</sheetData>`, dimension: `${cellAddress(top, left)}:${cellAddress(bottom, right)}` };
}

// The permissions in ExcelJS's order.
const PERMISSIONS = [
  'formatCells',
  'formatColumns',
  'formatRows',
  'insertColumns',
  'insertRows',
  'insertHyperlinks',
  'deleteColumns',
  'deleteRows',
  'sort',
  'autoFilter',
  'pivotTables',
];

/** sheetProtection as ExcelJS writes it (its attribute order; a permission that is granted is written as "0"). */
function protectionXml(p: Record<string, string | number | boolean>): string {
  let xml = '<sheetProtection sheet="1"';
  if (p.selectLockedCells === false) xml += ' selectLockedCells="1"';
  if (p.selectUnlockedCells === false) xml += ' selectUnlockedCells="1"';
  for (const name of PERMISSIONS) if (p[name]) xml += ` ${name}="0"`;
  for (const name of ['algorithmName', 'hashValue', 'saltValue', 'spinCount'])
    if (p[name] !== undefined) xml += ` ${name}="${esc(String(p[name]))}"`;
  return `${xml}/>`;
}

function validationsXml(plan: SheetPlan): string {
  if (plan.validations.length === 0) return '';
  // ExcelJS keeps validations by range and writes them sorted by that text (a later one for the same range wins).
  // A single cell ("G5", not "G5:G5") it would merge with equal neighbours; the plan always gives ranges, and this
  // writer refuses anything else rather than write something different.
  const single = plan.validations.find((v) => !v.range.includes(':'));
  if (single)
    throw new RangeError(
      `validation range ${single.range} is a single cell; the template writer expects ranges such as ${single.range}:${single.range}`,
    );
  const byRange = new Map(plan.validations.map((v) => [v.range, v]));
  const sorted = [...byRange.values()].sort((a, b) => (a.range < b.range ? -1 : a.range > b.range ? 1 : 0));
  const items = sorted.map((v) => {
    // Any value, with an input message only: ExcelJS writes no type, no formulas and closes the element at once.
    if (v.kind === 'any') {
      let xml = '<dataValidation showInputMessage="1"';
      if (v.promptTitle) xml += ` promptTitle="${esc(v.promptTitle)}"`;
      if (v.prompt) xml += ` prompt="${esc(v.prompt)}"`;
      return `${xml} sqref="${v.range}"/>`;
    }
    let xml = `<dataValidation type="${v.kind}"`;
    if (v.allowBlank) xml += ' allowBlank="1"';
    xml += ' showInputMessage="1"';
    if (v.promptTitle) xml += ` promptTitle="${esc(v.promptTitle)}"`;
    if (v.prompt) xml += ` prompt="${esc(v.prompt)}"`;
    xml += ' showErrorMessage="1"';
    if (v.errorStyle) xml += ` errorStyle="${v.errorStyle}"`;
    if (v.errorTitle) xml += ` errorTitle="${esc(v.errorTitle)}"`;
    if (v.error) xml += ` error="${esc(v.error)}"`;
    return `${xml} sqref="${v.range}"><formula1>${v.min}</formula1><formula2>${esc(v.maxFormula)}</formula2></dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

/** A print area as ExcelJS writes it: "A2:J40" → "$A$2:$J$40" (each end prefixed, absoluteRowsOf's rows). */
function absoluteArea(range: string): string {
  return absoluteRowsOf(range)
    .split(':')
    .map((end) => `$${end}`)
    .join(':');
}

/** One workbook for one plan, byte for byte what renderPlanToXlsx (ExcelJS) writes. */
export async function renderPlanDirect(plan: SheetPlan, options: RenderOptions = {}): Promise<Uint8Array> {
  const when = new Date(plan.metadata.createdAt);
  if (Number.isNaN(when.getTime())) throw new RangeError(`invalid createdAt: ${plan.metadata.createdAt}`);
  const styles = new Styles();
  const strings = new SharedStrings();
  const protection = await sheetProtection(plan, options.password);

  // --- the unit's sheet: cells by row, merges applied as ExcelJS applies them (the master's style on every cell
  // of the range, created where the plan has none, their values dropped), then numbered in row order.
  const rows = new Map<number, OutCell[]>();
  const at = new Map<string, OutCell>();
  const put = (row: number, c: OutCell) => {
    let list = rows.get(row);
    if (!list) rows.set(row, (list = []));
    list.push(c);
    at.set(`${row}:${c.col}`, c);
  };
  // A cell's plan style and lock; null: a cell the plan does not have, which ExcelJS creates with no style.
  const styleOf = new Map<OutCell, [string | undefined, boolean] | null>();
  for (const cell of plan.cells) {
    const c: OutCell = { col: cell.col, styleId: 0, cell };
    styleOf.set(c, [cell.style, cell.locked]);
    put(cell.row, c);
  }
  // Merges: ExcelJS lists them in the order the prepare pass meets each range's first merged-in cell.
  const merges: { range: string; first: number }[] = [];
  for (const range of plan.merges) {
    const d = parseRange(range);
    const master =
      at.get(`${d.top}:${d.left}`) ??
      (() => {
        const c: OutCell = { col: d.left, styleId: 0 };
        styleOf.set(c, null);
        put(d.top, c);
        return c;
      })();
    const masterStyle = styleOf.get(master) ?? null;
    for (let r = d.top; r <= d.bottom; r++) {
      for (let col = d.left; col <= d.right; col++) {
        if (r === d.top && col === d.left) continue;
        let c = at.get(`${r}:${col}`);
        if (!c) put(r, (c = { col, styleId: 0 }));
        delete c.cell;
        delete c.value;
        c.merged = true;
        styleOf.set(c, masterStyle);
      }
    }
    const first = d.right > d.left ? [d.top, d.left + 1] : [d.top + 1, d.left];
    merges.push({
      range: `${cellAddress(d.top, d.left)}:${cellAddress(d.bottom, d.right)}`,
      first: first[0]! * 16384 + first[1]!,
    });
  }
  merges.sort((a, b) => a.first - b.first);
  // Style ids are numbered in the order of the prepare pass: row by row, cell by cell.
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    for (const c of rows.get(r)!.sort((a, b) => a.col - b.col)) {
      const style = styleOf.get(c);
      c.styleId = style ? styles.cellStyle(style[0], style[0] ? plan.styles[style[0]] : undefined, style[1]) : 0;
    }
  }
  const main = sheetData(rows, plan.rowHeights, strings);

  // Conditional formats take their dxf ids in plan order; priorities are the plan's.
  let nextPriority = Math.max(1, ...plan.conditionalFormats.map((f) => f.priority || 0));
  const conditional = plan.conditionalFormats
    .map((f) => {
      const dxfId = styles.dxf(plan.styles[f.style]);
      const priority = f.priority || nextPriority++;
      return `<conditionalFormatting sqref="${f.range}"><cfRule type="expression" dxfId="${dxfId}" priority="${priority}"><formula>${esc(f.formula)}</formula></cfRule></conditionalFormatting>`;
    })
    .join('');

  // Columns: adjacent columns of the same width are one <col>; a width of 9 (ExcelJS's default) is not written.
  const cols: { min: number; max: number; width: number }[] = [];
  plan.columns.forEach((c, i) => {
    const custom = c.width !== undefined && c.width !== 9;
    const last = cols[cols.length - 1];
    if (!custom) return;
    if (last && last.max === i && last.width === c.width) last.max = i + 1;
    else cols.push({ min: i + 1, max: i + 1, width: c.width });
  });
  const colsXml = cols.length
    ? `<cols>${cols.map((c) => `<col min="${c.min}" max="${c.max}"${c.width ? ` width="${c.width}"` : ''} customWidth="1"/>`).join('')}</cols>`
    : '';

  const { rows: ySplit, cols: xSplit } = plan.freeze;
  const activePane = xSplit && ySplit ? 'bottomRight' : xSplit ? 'topRight' : 'bottomLeft';
  const activeCell = esc(plan.freeze.activeCell);
  const view =
    `<sheetViews><sheetView workbookViewId="0"><pane${xSplit ? ` xSplit="${xSplit}"` : ''}${ySplit ? ` ySplit="${ySplit}"` : ''} ` +
    `topLeftCell="A${ySplit + 1}" activePane="${activePane}" state="frozen"/><selection pane="${activePane}" activeCell="${activeCell}" sqref="${activeCell}"/></sheetView></sheetViews>`;
  const m = plan.print.margins;
  const headerFooter = headerFooterOf(plan);
  const sheet1 =
    SHEET_HEAD +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="${main.dimension}"/>` +
    view +
    SHEET_FORMAT +
    colsXml +
    main.xml +
    protectionXml(protection) +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((x) => `<mergeCell ref="${x.range}"/>`).join('')}</mergeCells>`
      : '') +
    conditional +
    validationsXml(plan) +
    (plan.print.centerHorizontally ? '<printOptions horizontalCentered="1"/>' : '') +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${PAPER_SIZE_CODES[plan.print.paperSize]}" orientation="${plan.print.orientation}" horizontalDpi="4294967295" verticalDpi="4294967295"${plan.print.blackAndWhite ? ' blackAndWhite="1"' : ''} scale="100" ` +
    `fitToWidth="${plan.print.fitToWidth}" fitToHeight="${plan.print.fitToHeight}"/>` +
    (headerFooter
      ? `<headerFooter>${headerFooter.oddHeader ? `<oddHeader>${esc(headerFooter.oddHeader)}</oddHeader>` : ''}` +
        `${headerFooter.oddFooter ? `<oddFooter>${esc(headerFooter.oddFooter)}</oddFooter>` : ''}</headerFooter>`
      : '') +
    '</worksheet>';

  // --- the very hidden meta sheet: every cell locked, one shared style.
  const metaRows = new Map<number, OutCell[]>();
  const metaStyle = plan.metaSheet.rows.some((row) => row.length > 0)
    ? styles.cellStyle(undefined, undefined, true)
    : 0;
  plan.metaSheet.rows.forEach((row, r) => {
    if (row.length > 0)
      metaRows.set(
        r + 1,
        row.map((value, c) => ({ col: c + 1, styleId: metaStyle, value })),
      );
  });
  const meta = sheetData(metaRows, {}, strings);
  const sheet2 =
    SHEET_HEAD +
    `<dimension ref="${meta.dimension}"/>` +
    SHEET_FORMAT +
    meta.xml +
    protectionXml({ ...protection, selectLockedCells: true }) +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/>' +
    '</worksheet>';

  // --- the 填报说明 sheet (v2), after the meta sheet (which stays right after the unit's sheet, where a reader
  // of a workbook of many units looks for it): one column, every cell locked, protected like the unit's sheet.
  let notesSheet: string | undefined;
  if (plan.notes) {
    const notesRows = new Map<number, OutCell[]>();
    for (const cell of [...plan.notes.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
      const style = cell.style ? plan.styles[cell.style] : undefined;
      const c: OutCell = { col: cell.col, styleId: styles.cellStyle(cell.style, style, cell.locked), cell };
      const list = notesRows.get(cell.row);
      if (list) list.push(c);
      else notesRows.set(cell.row, [c]);
    }
    const notes = sheetData(notesRows, plan.notes.rowHeights, strings);
    const width = plan.notes.width;
    notesSheet =
      SHEET_HEAD +
      `<dimension ref="${notes.dimension}"/>` +
      SHEET_FORMAT +
      (width !== 9 ? `<cols><col min="1" max="1" width="${width}" customWidth="1"/></cols>` : '') +
      notes.xml +
      protectionXml(protection) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/>' +
      '</worksheet>';
  }

  // --- the package parts, in ExcelJS's order.
  const names = [plan.sheetName, plan.metaSheet.name, ...(plan.notes ? [plan.notes.name] : [])];
  const sheetXmls = [sheet1, sheet2, ...(notesSheet !== undefined ? [notesSheet] : [])];
  const stamp = when.toISOString().replace(/\.\d{3}/, '');
  const custom = Object.keys(plan.properties).length > 0;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    names
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    (custom ? CUSTOM_PROPERTIES_OVERRIDE : '') +
    '</Types>';
  const rels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
    (custom ? CUSTOM_PROPERTIES_RELATIONSHIP : '') +
    '</Relationships>';
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL_NS}/theme" Target="theme/theme1.xml"/>` +
    `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
    names
      .map(
        (_, i) => `<Relationship Id="rId${i + 4}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>';
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant">' +
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${esc(n)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>';
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>Target Sheets</dc:creator><dc:title>${esc(plan.title)}</dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords>` +
    `<cp:category></cp:category><cp:lastModifiedBy>Target Sheets</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" ` +
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/>' +
    '<workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>' +
    names
      .map(
        (name, i) =>
          `<sheet sheetId="${i + 1}" name="${esc(name)}" state="${i === 1 ? 'veryHidden' : 'visible'}" r:id="rId${i + 4}"/>`,
      )
      .join('') +
    '</sheets><definedNames>' +
    (plan.print.area
      ? `<definedName name="_xlnm.Print_Area" localSheetId="0">${esc(`'${names[0]}'!${absoluteArea(plan.print.area)}`)}</definedName>`
      : '') +
    `<definedName name="_xlnm.Print_Titles" localSheetId="0">${esc(`'${names[0]}'!$${plan.print.titleRows[0]}:$${plan.print.titleRows[1]}`)}</definedName></definedNames>` +
    '<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>';

  const entries: [string, Uint8Array][] = [
    ['[Content_Types].xml', utf8.encode(contentTypes)],
    ['_rels/.rels', utf8.encode(rels)],
    ['xl/_rels/workbook.xml.rels', utf8.encode(workbookRels)],
    ...sheetXmls.map((xml, i): [string, Uint8Array] => [`xl/worksheets/sheet${i + 1}.xml`, utf8.encode(xml)]),
    ['xl/sharedStrings.xml', utf8.encode(strings.xml())],
    ['xl/theme/theme1.xml', THEME],
    ['xl/styles.xml', utf8.encode(styles.xml())],
    ['docProps/app.xml', utf8.encode(app)],
    ['docProps/core.xml', utf8.encode(core)],
    ['xl/workbook.xml', utf8.encode(workbook)],
  ];
  if (custom) entries.push([CUSTOM_PROPERTIES_PART, utf8.encode(customPropertiesXml(plan.properties))]);
  return writeZip(entries, when);
}
