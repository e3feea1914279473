// Live validation while a unit fills in its sheet: every edit of the template sheet is only recorded; after a
// quiet moment (debounce) one Excel.run reads the sheets the validator needs in ONE sync and runs the same core
// validator as the CLI. Re-reading values, rather than trusting Excel's data validation, is what catches pastes
// and values written by scripts, which data validation never checks.
import type { WorkbookContents } from '../core/validate/grid';
import { OfficeAdapterError, runExcel, runExcelIn } from './excel-api';
import { requirementSupport } from './host';
import { locateTemplate, queueSheetRead, sheetContents } from './read-workbook';

export const DEFAULT_DEBOUNCE_MS = 250;

export interface LiveOptions<R> {
  /** Name of the unit's template sheet; default: the active unit (see locateTemplate). */
  sheet?: string;
  /** Names of the other sheets the validator needs; default: the meta sheet (see locateTemplate). */
  companions?: string[];
  validate: (contents: WorkbookContents) => R;
  onPass: (report: R) => void;
  onError?: (error: unknown) => void;
  debounceMs?: number;
  /** Run one pass right away (default true). */
  initialPass?: boolean;
}

export interface LiveSession {
  /** Removes the event handlers (in the context they were added in) and cancels a pending pass. */
  stop(): Promise<void>;
  /** Runs a pass now (what a debounced edit triggers). */
  runPass(): Promise<void>;
}

export async function startLiveValidation<R>(options: LiveOptions<R>): Promise<LiveSession> {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const sets = requirementSupport();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let dirty = false;
  let stopped = false;

  // Sheet ids, so that renaming the sheet during the session does not break the passes.
  const { ids, handlers, context } = await runExcel(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    const located = locateTemplate(worksheets, options.sheet);
    await ctx.sync();
    const { sheet, companions: found } = located.result();
    const companions = options.companions
      ? options.companions.map((name) => {
          const item = worksheets.items.find((w) => w.name === name);
          if (!item) throw new OfficeAdapterError('sheet-missing', { sheet: name });
          return item.id;
        })
      : found;
    const onEvent = (args: object): Promise<void> => {
      // The add-in's own writes (ExcelApi 1.14) are not edits by the user.
      const source = (args as { triggerSource?: string }).triggerSource;
      if (sets.excelApi1_14 && source === 'ThisLocalAddin') return Promise.resolve();
      schedule();
      return Promise.resolve();
    };
    const added: OfficeExtension.EventHandlerResult<unknown>[] = [sheet.onChanged.add(onEvent)];
    // Removing protection is itself a problem the validator reports: re-check when it changes.
    if (sets.excelApi1_14) added.push(sheet.onProtectionChanged.add(onEvent));
    await ctx.sync();
    return { ids: [sheet.id, ...companions], handlers: added, context: ctx };
  });

  async function pass(): Promise<void> {
    const contents = await runExcel(async (ctx) => {
      const worksheets = ctx.workbook.worksheets;
      const queued = ids.map((id) => queueSheetRead(worksheets.getItem(id)));
      try {
        await ctx.sync();
      } catch (error) {
        // The template or its meta sheet was deleted while the pane was open.
        if ((error as { code?: string }).code === 'ItemNotFound') {
          throw new OfficeAdapterError('sheet-missing', { sheet: options.sheet ?? '' }, { cause: error });
        }
        throw error;
      }
      return { sheets: queued.map(sheetContents) };
    });
    if (!stopped) options.onPass(options.validate(contents));
  }

  function runPass(): Promise<void> {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          dirty = false;
          await pass();
        } while (dirty && !stopped);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void runPass();
    }, debounceMs);
  }

  if (options.initialPass !== false) await runPass();

  return {
    runPass,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      try {
        await runExcelIn(context, async (ctx) => {
          for (const handler of handlers) handler.remove();
          await ctx.sync();
        });
      } catch {
        // The sheet is gone (deleted while the pane was open): its handlers went with it.
      }
      await running;
    },
  };
}
