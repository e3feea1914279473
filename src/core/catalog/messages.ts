// How a catalog diagnostic becomes a sentence: the message is looked up by code in the `catalog` locale
// namespace with the diagnostic's params (a group is named as the glossary names it).
import type { Translate } from '../translate';
import type { Diagnostic } from './model';

export function diagnosticMessage(t: Translate, diagnostic: Diagnostic): string {
  const params: Record<string, unknown> = { ...diagnostic.params };
  if (typeof params.group === 'string') params.groupName = t(`glossary:groups.${params.group}`);
  return t(`catalog:diagnostics.${diagnostic.code}`, { ...params, defaultValue: diagnostic.code });
}
