// 目标总表 in the open workbook (Excel, async chunk): the catalog written as a master sheet, or read back from one
// (src/office/master-sheet.ts moves the grid; the core turns rows into a catalog). A sheet without the master
// header is refused, naming the sheet.
import type { Catalog } from '../../core/catalog/model';
import { hasMasterHeader, masterRowsToCatalog } from '../../core/catalog/master';
import { readMasterSheet, writeMasterSheet } from '../../office/master-sheet';
import { addAllNamespaces } from '../i18n';
import { PaneError } from '../operations';

/** Adds the catalog as a new master sheet (named 考核目标, or 考核目标 (2)… if taken); resolves with its name. */
export function writeMasterToWorkbook(catalog: Catalog): Promise<string> {
  return writeMasterSheet(catalog);
}

/** A catalog from the open workbook's 考核目标 sheet, else its active sheet. */
export async function readMasterFromWorkbook(): Promise<Catalog> {
  await addAllNamespaces();
  const { rows, sheetName } = await readMasterSheet();
  if (!hasMasterHeader(rows)) throw new PaneError('noMasterSheet', { sheet: sheetName });
  return masterRowsToCatalog(rows, { source: sheetName });
}
