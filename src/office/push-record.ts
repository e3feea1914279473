// The record of what this workbook pushed, kept in its add-in settings (Workbook.settings, saved with the file):
// the destination's label (a URL without user info), path, time, SHA-256 and size. Never a user name, password or
// token. The newest MAX_RECORDS are kept. Two syncs: read what is there, then write.
import type { PushRecord } from '../core/folders/push';
import { runExcel } from './excel-api';

export const PUSHES_SETTING = 'targetSheets.pushes';
const MAX_RECORDS = 50;

export async function recordPushInWorkbook(record: PushRecord): Promise<void> {
  await runExcel(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(PUSHES_SETTING);
    item.load('value');
    await context.sync();
    let list: PushRecord[] = [];
    if (!item.isNullObject) {
      try {
        const parsed: unknown = typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
        if (Array.isArray(parsed)) list = parsed as PushRecord[];
      } catch {
        // A record the add-in cannot read (edited by hand) is started afresh rather than blocking the push.
        list = [];
      }
    }
    list.push(record);
    context.workbook.settings.add(PUSHES_SETTING, JSON.stringify(list.slice(-MAX_RECORDS)));
    await context.sync();
  });
}
