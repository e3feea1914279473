// Round trip to the end product: the templates generated from the catalog read back from the master sheet are the
// very same files as those generated from the text export.
import { readCatalogText } from '../../src/core/catalog/build';
import type { Catalog } from '../../src/core/catalog/model';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogFingerprint } from '../../src/core/plan/fingerprint';
import type { CatalogIdentity } from '../../src/core/plan/model';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { readMasterWorkbook, writeMasterWorkbook } from '../../src/xlsx/master';
import { renderPlansToXlsx } from '../../src/xlsx/render';

const createdAt = '2019-02-01T09:00:00Z';

async function templates(catalog: Catalog, identity: CatalogIdentity): Promise<Uint8Array[]> {
  const texts = sheetTexts('zh-CN');
  return renderPlansToXlsx(catalog.units.map((unit) => buildSheetPlan(unit, identity, { createdAt, texts })));
}

test('templates generated from the master sheet’s catalog are byte-identical to those from the text export', async () => {
  const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  const fromMaster = await readMasterWorkbook(await writeMasterWorkbook(fromText), { source: '2019 目标总表.xlsx' });
  // The catalog's identity inside every template (its fingerprint) is the same: same year, units and targets.
  expect(catalogFingerprint(fromMaster)).toBe(catalogFingerprint(fromText));
  // A template also records the name of the file the catalog was loaded from; given the same name, the files of
  // all 52 units are identical byte for byte.
  const identity = (catalog: Catalog): CatalogIdentity => ({
    year: catalog.year,
    source: '2019 考核目标',
    fingerprint: catalogFingerprint(catalog),
  });
  const a = await templates(fromText, identity(fromText));
  const b = await templates(fromMaster, identity(fromMaster));
  expect(a).toHaveLength(52);
  expect(b).toHaveLength(52);
  a.forEach((file, index) => expect(Buffer.from(b[index]!).equals(Buffer.from(file))).toBe(true));
}, 120_000);
