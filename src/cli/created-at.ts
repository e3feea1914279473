// The time written into generated files (templates, summary): --created-at, else SOURCE_DATE_EPOCH (seconds),
// else now. A fixed time makes a run reproducible: the same inputs and time give byte-identical files.
import { planTimestamp } from '../core/plan/timestamp';
import type { TFunction } from '../i18n';

export class CreatedAtError extends Error {
  constructor(
    readonly key: 'badCreatedAt' | 'badSourceDateEpoch',
    readonly value: string,
  ) {
    super(`${key}: ${value}`);
  }
}

/** --created-at, else SOURCE_DATE_EPOCH (seconds), else now; in the core's one form (planTimestamp). */
export function resolveCreatedAt(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): string {
  if (option !== undefined) {
    const d = new Date(option);
    if (option.trim() === '' || Number.isNaN(d.getTime())) throw new CreatedAtError('badCreatedAt', option);
    return planTimestamp(d);
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch.trim())) throw new CreatedAtError('badSourceDateEpoch', epoch);
    return planTimestamp(new Date(Number(epoch.trim()) * 1000));
  }
  return planTimestamp(now());
}

export function createdAtMessage(t: TFunction, error: CreatedAtError): string {
  return t(`sheet:generate.${error.key}`, { value: error.value });
}
