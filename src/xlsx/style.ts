// What the two ExcelJS writers (render.ts: sheet plans, summary.ts: the collected summary) share: the lazy ExcelJS
// loader, the translation of the core's CellStyle into an ExcelJS style, and ExcelJS's parts (unzipped), which
// each writer zips through writeZip with its own fixed date, so that its files are reproducible.
import type ExcelJSNamespace from 'exceljs';
import { unzipSync } from 'fflate';
import { BORDER_COLOR, type CellStyle } from '../core/plan/model';
import { argb } from './color';

export type ExcelJSModule = typeof ExcelJSNamespace;
export type ExcelStyle = Partial<ExcelJSNamespace.Style>;

let excel: ExcelJSModule | undefined;
/** ExcelJS is loaded on first use: it is large, and only the commands that write files need it. */
export function exceljs(): ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily and synchronously: the writers' API is synchronous
  excel ??= require('exceljs') as ExcelJSModule;
  return excel;
}

export { argb };

const THIN = { style: 'thin' as const, color: { argb: argb(BORDER_COLOR) } };

/** A plan style as ExcelJS's; with `locked`, the cell's protection too (otherwise ExcelJS's default: locked). */
export function toExcelStyle(style: CellStyle | undefined, locked?: boolean): ExcelStyle {
  const out: ExcelStyle = {};
  if (style?.font) {
    out.font = {
      ...(style.font.name ? { name: style.font.name } : {}),
      ...(style.font.size ? { size: style.font.size } : {}),
      ...(style.font.bold ? { bold: true } : {}),
      ...(style.font.color ? { color: { argb: argb(style.font.color) } } : {}),
    };
  }
  if (style?.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style?.alignment) out.alignment = { ...style.alignment };
  if (style?.border === 'thin') out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (style?.numberFormat) out.numFmt = style.numberFormat;
  if (locked !== undefined) out.protection = { locked };
  return out;
}

/**
 * The parts ExcelJS writes for a workbook, in its order, folder entries left out. The CLI bundle's ExcelJS hands
 * them to `collect` (scripts/build-cli.mjs); elsewhere JSZip ignores the hook and writes an uncompressed zip
 * (stamped with the current time), which is unpacked here. Either way the caller zips them once, with writeZip.
 */
export async function workbookParts(workbook: ExcelJSNamespace.Workbook): Promise<[string, Uint8Array][]> {
  let parts: [string, Uint8Array][] | undefined;
  const collect = (collected: [string, Uint8Array][]) => {
    parts = collected;
  };
  const raw = await workbook.xlsx.writeBuffer({
    zip: { compression: 'STORE', collect },
  } as unknown as ExcelJSNamespace.XlsxWriteOptions);
  const all = parts ?? Object.entries(unzipSync(new Uint8Array(raw as ArrayBuffer)));
  return all.filter(([name]) => !name.endsWith('/'));
}
