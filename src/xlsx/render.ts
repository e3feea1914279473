// Writes sheet plans to .xlsx files with ExcelJS. It follows the plan only: every cell, style, merge, validation,
// conditional format, print setting and piece of metadata comes from src/core/plan; nothing here decides layout.
//
// Determinism: ExcelJS stamps zip entries with the current time and salts passwords at random, so the renderer
// fixes both (zip re-packed with one mtime; salt derived from the catalog fingerprint), and the file is a pure
// function of the plan, the password and the plan's createdAt.
// ExcelJS 4.4 cannot write custom document properties, so docProps/custom.xml is added while re-packing.
import type ExcelJSNamespace from 'exceljs';
import { strFromU8, strToU8 } from 'fflate';
import { sha256Hex } from '../core/hash/sha256';
import type { CellStyle, SheetPlan } from '../core/plan/model';
import { argb, exceljs, toExcelStyle, workbookParts, type ExcelStyle as Style } from './style';
import { writeZip } from './zip';

export interface RenderOptions {
  /** Sheet protection password; without one the sheets are protected without a password. */
  password?: string;
}

const SPIN_COUNT = 100_000;
const hashCache = new Map<string, Promise<string>>();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

type NodeCrypto = typeof import('node:crypto');
/** Node's crypto where there is one (CLI), found at run time so that browser bundles do not try to include it. */
function nodeCrypto(): NodeCrypto | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return p?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 * i] = code & 0xff;
    out[2 * i + 1] = code >> 8;
  }
  return out;
}

/**
 * Excel's SHA-512 sheet password hash (ECMA-376: H0 = SHA512(salt + UTF-16LE password), then Hn = SHA512(Hn-1 +
 * LE32(n)) spinCount times). Node's crypto in the CLI (100 000 spins take ~0.1 s); WebCrypto elsewhere.
 * Memoised, because every sheet of a run shares the salt.
 */
function passwordHash(password: string, saltBase64: string, spinCount: number): Promise<string> {
  const key = `${saltBase64}\u0000${spinCount}\u0000${password}`;
  let cached = hashCache.get(key);
  if (!cached) {
    cached = (async () => {
      const salt = fromBase64(saltBase64);
      const pw = utf16le(password);
      const first = new Uint8Array(salt.length + pw.length);
      first.set(salt);
      first.set(pw, salt.length);
      const buf = new Uint8Array(64 + 4);
      const view = new DataView(buf.buffer);
      const node = nodeCrypto();
      let hash: Uint8Array;
      if (node) {
        hash = node.createHash('sha512').update(first).digest();
        for (let i = 0; i < spinCount; i++) {
          buf.set(hash);
          view.setUint32(64, i, true);
          hash = node.createHash('sha512').update(buf).digest();
        }
      } else {
        hash = new Uint8Array(await crypto.subtle.digest('SHA-512', first));
        for (let i = 0; i < spinCount; i++) {
          buf.set(hash);
          view.setUint32(64, i, true);
          hash = new Uint8Array(await crypto.subtle.digest('SHA-512', buf));
        }
      }
      return toBase64(hash);
    })();
    hashCache.set(key, cached);
  }
  return cached;
}

/** 16 bytes of salt derived from the catalog, so that a run's files are reproducible. */
function saltFor(catalogFingerprint: string): string {
  const hex = sha256Hex(`target-sheets/salt/${catalogFingerprint}`).slice(0, 32);
  return toBase64(Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16)));
}

function conditionalStyle(style: CellStyle | undefined): Style {
  const out: Style = {};
  if (style?.font?.color) out.font = { color: { argb: argb(style.font.color) } };
  // Conditional-format fills use bgColor (dxf), not fgColor.
  if (style?.fill) out.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(style.fill) } };
  return out;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function customPropertiesXml(properties: Record<string, string>): string {
  const entries = Object.entries(properties)
    .map(
      ([name, value], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${xmlEscape(name)}"><vt:lpwstr>${xmlEscape(value)}</vt:lpwstr></property>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${entries}</Properties>`
  );
}

/**
 * Zips ExcelJS's parts with one fixed mtime, adding docProps/custom.xml and its content type and relationship
 * (ExcelJS 4.4 cannot write custom document properties).
 */
function finish(parts: [string, Uint8Array][], when: Date, properties: Record<string, string>): Uint8Array {
  const entries = [...parts];
  if (Object.keys(properties).length > 0) {
    const edit = (name: string, change: (xml: string) => string) => {
      const at = entries.findIndex(([n]) => n === name);
      if (at < 0) throw new Error(`ExcelJS wrote no ${name}`);
      entries[at] = [name, strToU8(change(strFromU8(entries[at]![1])))];
    };
    edit('[Content_Types].xml', (xml) =>
      xml.replace(
        '</Types>',
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ),
    );
    edit('_rels/.rels', (xml) =>
      xml.replace(
        '</Relationships>',
        '<Relationship Id="rIdCustomProps" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
    );
    entries.push(['docProps/custom.xml', strToU8(customPropertiesXml(properties))]);
  }
  return writeZip(entries, when);
}

/** One workbook for one plan: the unit's sheet and its very hidden meta sheet. */
export async function renderPlanToXlsx(plan: SheetPlan, options: RenderOptions = {}): Promise<Uint8Array> {
  const ExcelJS = exceljs();
  const when = new Date(plan.metadata.createdAt);
  if (Number.isNaN(when.getTime())) throw new RangeError(`invalid createdAt: ${plan.metadata.createdAt}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Target Sheets';
  workbook.lastModifiedBy = 'Target Sheets';
  workbook.created = when;
  workbook.modified = when;
  workbook.title = String(plan.cells.find((c) => c.row === plan.layout.titleRow)?.value ?? plan.sheetName);
  // Excel recalculates every formula when the file is opened; the cached results are the empty template's.
  workbook.calcProperties = { fullCalcOnLoad: true };

  const sheet = workbook.addWorksheet(plan.sheetName, {
    views: [
      {
        state: 'frozen',
        xSplit: plan.freeze.cols,
        ySplit: plan.freeze.rows,
        topLeftCell: `A${plan.freeze.rows + 1}`,
        activeCell: `${String.fromCharCode(64 + plan.layout.columns.completion)}${plan.layout.itemRows[0]?.row ?? plan.freeze.rows + 1}`,
      },
    ],
    pageSetup: {
      paperSize: 9, // A4
      orientation: plan.print.orientation,
      fitToPage: true,
      fitToWidth: plan.print.fitToWidth,
      fitToHeight: plan.print.fitToHeight,
      margins: plan.print.margins,
      printTitlesRow: `${plan.print.titleRows[0]}:${plan.print.titleRows[1]}`,
      horizontalCentered: true,
    },
  });
  sheet.columns = plan.columns.map((c) => ({ key: c.key, width: c.width }));

  // One ExcelJS style object per (plan style, locked) pair, shared by the cells that use it.
  const styleCache = new Map<string, Style>();
  const styleFor = (key: string | undefined, locked: boolean): Style => {
    const cacheKey = `${key ?? ''}\u0000${locked}`;
    let style = styleCache.get(cacheKey);
    if (!style) styleCache.set(cacheKey, (style = toExcelStyle(key ? plan.styles[key] : undefined, locked)));
    return style;
  };

  for (const c of plan.cells) {
    const cell = sheet.getCell(c.row, c.col);
    if (c.formula !== undefined) {
      cell.value = c.result === undefined || c.result === null ? { formula: c.formula } : ({ formula: c.formula, result: c.result } as ExcelJSNamespace.CellFormulaValue);
    } else if (c.value !== undefined) {
      cell.value = c.value;
    }
    cell.style = styleFor(c.style, c.locked);
  }
  for (const [row, height] of Object.entries(plan.rowHeights)) sheet.getRow(Number(row)).height = height;
  for (const range of plan.merges) sheet.mergeCells(range);

  for (const v of plan.validations) {
    // ExcelJS's typings leave out dataValidations, which it supports (ranges included).
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJSNamespace.DataValidation): void } }).dataValidations.add(v.range, {
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
    });
  }
  for (const f of plan.conditionalFormats) {
    sheet.addConditionalFormatting({
      ref: f.range,
      // stopIfTrue is written by ExcelJS but missing from its typings.
      rules: [
        { type: 'expression', formulae: [f.formula], style: conditionalStyle(plan.styles[f.style]), priority: f.priority, stopIfTrue: f.stopIfTrue } as ExcelJSNamespace.ConditionalFormattingRule,
      ],
    });
  }

  // Rows carry an empty style of their own; one shared object lets ExcelJS's per-object style cache answer
  // (the file is the same: every empty row style maps to the same format record).
  const rowStyle = {} as Style;
  const shareRowStyles = (ws: ExcelJSNamespace.Worksheet) =>
    ws.eachRow({ includeEmpty: true }, (row) => {
      (row as unknown as { style: Style }).style = rowStyle;
    });
  shareRowStyles(sheet);

  // Protection: the password's hash uses a salt derived from the catalog (same file for the same inputs).
  const protection: Record<string, string | number | boolean> = { ...plan.protection };
  if (options.password) {
    const saltValue = saltFor(plan.metadata.catalogFingerprint);
    Object.assign(protection, {
      algorithmName: 'SHA-512',
      saltValue,
      spinCount: SPIN_COUNT,
      hashValue: await passwordHash(options.password, saltValue, SPIN_COUNT),
    });
  }
  // Set directly, not through sheet.protect(): protect('' , …) drops spinCount when it is not given the password
  // itself, and Excel (and LibreOffice) then hash with no spins, so the right password would not unprotect.
  type Protected = { sheetProtection: Record<string, string | number | boolean> };
  (sheet as unknown as Protected).sheetProtection = { sheet: true, ...protection };

  const meta = workbook.addWorksheet(plan.metaSheet.name, { state: 'veryHidden' });
  // One shared style object for every meta cell: ExcelJS caches a style's id by object, and would otherwise
  // work out the same style again for each of these cells.
  const metaStyle = styleFor(undefined, true);
  plan.metaSheet.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      const cell = meta.getCell(r + 1, c + 1);
      cell.value = value;
      cell.style = metaStyle;
    }),
  );
  shareRowStyles(meta);
  (meta as unknown as Protected).sheetProtection = { sheet: true, ...protection, selectLockedCells: true };

  return finish(await workbookParts(workbook), when, plan.properties);
}

/** One file per plan, in order. */
export async function renderPlansToXlsx(plans: readonly SheetPlan[], options: RenderOptions = {}): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const plan of plans) out.push(await renderPlanToXlsx(plan, options));
  return out;
}
