// The summary as an .xlsx file (the CLI's --out, the pane's download outside Excel). Its own module: the writer
// loads ExcelJS, which the rest of collecting does not need, so a face imports this only when it writes a file.
import type { SummaryWorkbook } from '../../core/collect/sheets';
import { renderSummaryToXlsx, type SummaryXlsxOptions } from '../../xlsx/summary';

export function summaryFile(book: SummaryWorkbook, options: SummaryXlsxOptions = {}): Promise<Uint8Array> {
  return renderSummaryToXlsx(book, options);
}
