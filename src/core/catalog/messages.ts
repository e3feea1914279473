// How a catalog diagnostic becomes a sentence: the message is looked up by code in the `catalog` locale
// namespace with the diagnostic's params. Takes a plain translate function so the core stays free of i18next.
import type { Diagnostic } from './model';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function diagnosticMessage(t: Translate, diagnostic: Diagnostic): string {
  const params: Record<string, unknown> = { ...diagnostic.params };
  if (typeof params.group === 'string') params.groupName = t(`catalog:groups.${params.group}`);
  return t(`catalog:diagnostics.${diagnostic.code}`, { ...params, defaultValue: diagnostic.code });
}
