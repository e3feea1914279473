// Catalog loading for the pane (async chunk): the embedded 2019 document, or a targets document the user opens
// (the Word text export, UTF-8 / UTF-16 / GB18030, or the .docx itself).
import { buildCatalog, readCatalogText } from '../../core/catalog/build';
import { decodeText } from '../../core/catalog/decode';
import type { Catalog } from '../../core/catalog/model';
import { readDocx } from '../../docx/read-docx';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../seeds/embedded';
import { addAllNamespaces } from '../i18n';
import { PaneError } from '../operations';
import { readFileBytes } from './download';

export async function loadEmbeddedCatalog(): Promise<Catalog> {
  await addAllNamespaces();
  return readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
}

export async function readCatalogFile(file: File): Promise<Catalog> {
  await addAllNamespaces();
  const bytes = await readFileBytes(file);
  // An .xlsx is a zip too: a master sheet (考核目标), read by src/xlsx/master (ExcelJS, its own chunk).
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && isXlsx(file.name, bytes)) {
    const { readMasterWorkbook } = await import(/* webpackChunkName: "master-xlsx" */ '../../xlsx/master');
    return readMasterWorkbook(bytes, { source: file.name });
  }
  // A .docx is a zip ("PK"): read its paragraphs and tables into the same document model as the text export.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const result = readDocx(bytes);
    if (!result.ok) throw new PaneError('docx', { name: file.name, code: result.code });
    return buildCatalog(result.document, { source: file.name });
  }
  const decoded = decodeText(bytes);
  if (decoded === null) throw new PaneError('notText', { name: file.name });
  return readCatalogText(decoded.text, { source: file.name });
}


/** A zip that is a workbook: named .xlsx/.xlsm, or holding xl/workbook.xml (entry names are stored uncompressed). */
export function isXlsx(name: string, bytes: Uint8Array): boolean {
  if (/\.xls[xm]$/i.test(name)) return true;
  if (/\.docx$/i.test(name)) return false;
  const marker = new TextEncoder().encode('xl/workbook.xml');
  outer: for (let i = 0; i + marker.length <= bytes.length; i++) {
    for (let j = 0; j < marker.length; j++) if (bytes[i + j] !== marker[j]) continue outer;
    return true;
  }
  return false;
}
