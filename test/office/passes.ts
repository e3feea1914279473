// The live panel's passes as a test waits for them: explicitly, one at a time, never by sleeping.
export interface PassRecorder<R> {
  /** Every pass so far, in order. */
  readonly all: R[];
  /** Give this as onPass. */
  add: (pass: R) => void;
  /** The next pass after this call (asked for before the edit that starts it). */
  next(): Promise<R>;
}

export function passRecorder<R>(): PassRecorder<R> {
  const all: R[] = [];
  const waiting: ((pass: R) => void)[] = [];
  return {
    all,
    add(pass) {
      all.push(pass);
      for (const resolve of waiting.splice(0)) resolve(pass);
    },
    next() {
      return new Promise<R>((resolve) => waiting.push(resolve));
    },
  };
}

/**
 * jest's fake clock for the live panel's pause (its setTimeout), in the calling describe. setImmediate and the
 * microtask queue stay real: the Excel stand-in's own turns and ExcelJS writing a file are not the add-in's clock.
 */
export function useFakeClock(): void {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate'] }));
  afterEach(() => jest.useRealTimers());
}
