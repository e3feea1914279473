// Catalog loading for the pane (async chunk): the embedded 2019 document, or a targets document the user opens
// (the Word text export, UTF-8 / UTF-16 / GB18030, or the .docx itself).
import { buildCatalog, readCatalogText } from '../../core/catalog/build';
import { catalogFileKind, readCatalogTextBytes } from '../../core/catalog/file';
import { diagnosticMessage } from '../../core/catalog/messages';
import type { Catalog, Diagnostic } from '../../core/catalog/model';
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
  // Which reader: the same rule as the CLI (core/catalog/file.ts) — the extension, else the contents.
  switch (catalogFileKind(file.name, bytes)) {
    case 'xlsx': {
      // A master sheet (考核目标), read by src/xlsx/master (ExcelJS, its own chunk).
      const { readMasterWorkbook } = await import(/* webpackChunkName: "master-xlsx" */ '../../xlsx/master');
      return readMasterWorkbook(bytes, { source: file.name });
    }
    case 'docx': {
      // The Word document's paragraphs and tables, into the same document model as the text export.
      const result = readDocx(bytes);
      if (!result.ok) {
        // Worded as the CLI words the same failure: the reader's diagnostic, through the core's diagnosticMessage.
        const diagnostic: Diagnostic = {
          severity: 'error',
          code: result.code,
          unit: null,
          line: null,
          params: result.params,
        };
        throw new PaneError('docx', { name: file.name }, (t) => diagnosticMessage(t, diagnostic));
      }
      return buildCatalog(result.document, { source: file.name });
    }
    case 'text': {
      const catalog = readCatalogTextBytes(bytes, { source: file.name });
      if (catalog === null) throw new PaneError('notText', { name: file.name });
      return catalog;
    }
    default:
      throw new PaneError('notText', { name: file.name });
  }
}
