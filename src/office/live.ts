// Live validation while a unit fills in its sheet: every edit of the template sheet is only recorded; after a
// quiet moment (debounce) one Excel.run reads the sheets the validator needs in ONE sync and runs the same core
// validator as the CLI. Re-reading values, rather than trusting Excel's data validation, is what catches pastes
// and values written by scripts, which data validation never checks. A scoring workbook (评分表) is watched and
// read whole: every sheet, still in one sync per pass.
import type { WorkbookContents } from '../core/validate/grid';
import { OfficeAdapterError, runExcel, runExcelIn } from './excel-api';
import { requirementSupport } from './host';
import { locateTemplate, queueSheetRead, sheetContents, wholeWorkbookSheets } from './read-workbook';

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

  const initialPass = options.initialPass !== false;

  // Sheet ids, so that renaming the sheet during the session does not break the passes. Two syncs to start: one
  // to find the sheets, one that registers the handlers and, queued after them in the same batch, reads the first
  // pass. The batch runs in queue order, so the handlers are registered before the read: an edit made after the
  // read raises an event (a pass follows), an edit made before it is in what was read.
  const { ids, handlers, context, first } = await runExcel(async (ctx) => {
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
    const added: OfficeExtension.EventHandlerResult<unknown>[] = [];
    const watch = (watched: Excel.Worksheet) => {
      added.push(watched.onChanged.add(onEvent));
      // Removing protection is itself a problem the validator reports: re-check when it changes.
      if (sets.excelApi1_14) added.push(watched.onProtectionChanged.add(onEvent));
    };
    watch(sheet);
    let sheetIds = [sheet.id, ...companions];
    // The located sheet and its record are read even without a first pass: they tell whether this is a scoring
    // workbook, which is watched and read whole (wholeWorkbookSheets).
    const named = !!options.sheet || !!options.companions;
    const queued = initialPass || !named ? queueSheets(worksheets, sheetIds) : null;
    let read: WorkbookContents | undefined;
    try {
      await syncReads(ctx);
      read = queued ? { sheets: queued.map(sheetContents) } : undefined;
      const whole = read && !named ? wholeWorkbookSheets(read, worksheets.items, companions) : null;
      if (whole) {
        // A third sync, at the start only: the other sheets are watched, then all read (edits made meanwhile on
        // them are in this read, as above).
        for (const id of whole) if (id !== sheet.id && !companions.includes(id)) watch(worksheets.getItem(id));
        sheetIds = whole;
        const all = queueSheets(worksheets, sheetIds);
        await syncReads(ctx);
        read = { sheets: all.map(sheetContents) };
      }
    } catch (error) {
      // The handlers may be registered even though the request failed (it runs in queue order): a failed first
      // read goes to onError like any pass, and the session is returned so that stop() can remove them.
      if (queued) return { ids: sheetIds, handlers: added, context: ctx, first: { failed: error } as FirstPass };
      // Nothing was read: registering the handlers itself failed. Remove any that took, then fail the start.
      await removeHandlers(ctx, added);
      throw error;
    }
    return {
      ids: sheetIds,
      handlers: added,
      context: ctx,
      first: read && initialPass ? ({ read } as FirstPass) : undefined,
    };
  });

  function queueSheets(worksheets: Excel.WorksheetCollection, sheetIds: string[]) {
    return sheetIds.map((id) => queueSheetRead(worksheets.getItem(id)));
  }

  async function syncReads(ctx: Excel.RequestContext): Promise<void> {
    try {
      await ctx.sync();
    } catch (error) {
      // The template or its meta sheet was deleted while the pane was open.
      if ((error as { code?: string }).code === 'ItemNotFound') {
        throw new OfficeAdapterError('sheet-missing', { sheet: options.sheet ?? '' }, { cause: error });
      }
      throw error;
    }
  }

  /** One pass: reads the sheets in one sync (unless `read` was already read with the start), validates. */
  async function pass(read?: WorkbookContents): Promise<void> {
    const contents =
      read ??
      (await runExcel(async (ctx) => {
        const queued = queueSheets(ctx.workbook.worksheets, ids);
        await syncReads(ctx);
        return { sheets: queued.map(sheetContents) };
      }));
    if (!stopped) options.onPass(options.validate(contents));
  }

  /** Runs passes until no edit came in during one; `read` is the first pass's contents if already read. */
  function runPass(read?: WorkbookContents): Promise<void> {
    if (running) {
      dirty = true;
      return running;
    }
    running = (async () => {
      try {
        let pending = read;
        do {
          dirty = false;
          await pass(pending);
          pending = undefined;
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

  if (first && 'failed' in first) options.onError?.(first.failed);
  else if (first) await runPass(first.read);

  return {
    runPass: () => runPass(),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      try {
        await runExcelIn(context, (ctx) => removeHandlers(ctx, handlers));
      } catch {
        // Excel itself is gone (the pane outlived it): so are the handlers.
      }
      await running;
    },
  };
}

/** The start's first read: its contents, or why it failed. */
type FirstPass = { read: WorkbookContents } | { failed: unknown };

async function removeHandlers(
  ctx: Excel.RequestContext,
  handlers: OfficeExtension.EventHandlerResult<unknown>[],
): Promise<void> {
  try {
    for (const handler of handlers) handler.remove();
    await ctx.sync();
  } catch {
    // The sheet is gone (deleted while the pane was open): its handlers went with it.
  }
}
