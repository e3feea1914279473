// Jump to a cell from the task pane's report: activate its sheet and select it, in one sync.
import { OfficeAdapterError, runExcel } from './excel-api';

export async function selectCell(sheetName: string, address: string): Promise<void> {
  await runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    try {
      await context.sync();
    } catch (error) {
      throw new OfficeAdapterError('sheet-missing', { sheet: sheetName }, { cause: error });
    }
  });
}
