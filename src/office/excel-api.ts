// The narrow Office.js surface the adapter uses: one way into Excel (`runExcel`), a sync counter, and the
// adapter's errors. Every Excel call of the adapter goes through here, so tests and the bench can stand in for
// Excel by installing a mock as the global `Excel` (office-addin-mock in test/office/excel-mock.ts).
import type { OfficeErrorCode } from './error-codes';

/** Counts `context.sync()` calls made through `runExcel`, for the bench, the tests and diagnostics. */
export const syncCounter = {
  count: 0,
  reset(): void {
    this.count = 0;
  },
};

export class OfficeAdapterError extends Error {
  constructor(
    readonly code: OfficeErrorCode,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'OfficeAdapterError';
  }
}

function excelGlobal(): typeof Excel {
  const excel = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!excel || typeof excel.run !== 'function') throw new OfficeAdapterError('office-unavailable');
  return excel;
}

const counted = new WeakSet<object>();

function countSyncs(context: Excel.RequestContext): Excel.RequestContext {
  if (counted.has(context)) return context;
  counted.add(context);
  const sync = context.sync.bind(context);
  // Own property over the prototype method: every sync of this batch is counted, whoever calls it.
  context.sync = (<T>(passThroughValue?: T) => {
    syncCounter.count++;
    return sync(passThroughValue);
  }) as Excel.RequestContext['sync'];
  return context;
}

/**
 * One batch against the open workbook. `delayForCellEdit` queues the batch while the user is typing in a cell
 * instead of failing with InvalidOperation (hosts that do not know the option ignore it).
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return excelGlobal().run({ delayForCellEdit: true }, (context) => batch(countSyncs(context)));
}

/** A batch in the request context of an existing object (event handlers must be removed in their own context). */
export function runExcelIn<T>(
  context: Excel.RequestContext,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  return excelGlobal().run(context, (ctx) => batch(countSyncs(ctx)));
}
