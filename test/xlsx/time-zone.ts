// Jest gives each test file a copy of process.env: setting process.env.TZ inside a test does not change the
// time zone Date uses (checked: getTimezoneOffset() stays 0 under TZ=UTC). So a time zone is simulated by
// replacing Date's local-time getters — the ones fflate and the zip writer read — for the length of `run`.

const LOCAL_GETTERS = [
  ['getFullYear', 'getUTCFullYear'],
  ['getMonth', 'getUTCMonth'],
  ['getDate', 'getUTCDate'],
  ['getDay', 'getUTCDay'],
  ['getHours', 'getUTCHours'],
  ['getMinutes', 'getUTCMinutes'],
  ['getSeconds', 'getUTCSeconds'],
  ['getMilliseconds', 'getUTCMilliseconds'],
] as const;

/** Runs `run` as if the machine's clock were `offsetMinutes` ahead of UTC (+480: Asia/Shanghai, no DST). */
export async function inTimeZone<T>(offsetMinutes: number, run: () => T | Promise<T>): Promise<T> {
  const proto = Date.prototype as unknown as Record<string, (this: Date) => number>;
  const saved = new Map<string, (this: Date) => number>();
  for (const [local, utc] of LOCAL_GETTERS) {
    saved.set(local, proto[local]!);
    const read = proto[utc]!;
    proto[local] = function (this: Date): number {
      return read.call(new Date(this.getTime() + offsetMinutes * 60_000));
    };
  }
  saved.set('getTimezoneOffset', proto.getTimezoneOffset!);
  proto.getTimezoneOffset = () => -offsetMinutes;
  try {
    return await run();
  } finally {
    for (const [name, fn] of saved) proto[name] = fn;
  }
}

export const SHANGHAI = 8 * 60;
