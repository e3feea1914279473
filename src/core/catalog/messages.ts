// How a catalog diagnostic becomes a sentence: the message is looked up by code in the `catalog` locale
// namespace with the diagnostic's params (a group is named as the glossary names it). A clerk reads the unit first
// and what is wrong; the line of the source (a text export or master sheet they may never see) comes last.
import type { Translate } from '../translate';
import type { Catalog, Diagnostic, Unit } from './model';

export function diagnosticMessage(t: Translate, diagnostic: Diagnostic): string {
  const params: Record<string, unknown> = { ...diagnostic.params };
  if (typeof params.group === 'string') params.groupName = t(`glossary:groups.${params.group}`);
  return t(`catalog:diagnostics.${diagnostic.code}`, { ...params, defaultValue: diagnostic.code });
}

/** "海西州自然资源局：分值合计 105 分，应为 100 分…；生成的表会标出（第 1117 行）": unit, message, then the line. */
export function diagnosticSentence(t: Translate, diagnostic: Diagnostic): string {
  const message = diagnosticMessage(t, diagnostic);
  const { unit, line } = diagnostic;
  const form = unit !== null ? (line !== null ? 'unitLine' : 'unit') : line !== null ? 'line' : 'plain';
  return t(`catalog:sentence.${form}`, { unit, line, message });
}

/**
 * The units whose generated sheets carry a problem of the catalog (a warning or an error the reader tied to the
 * unit, e.g. weights that do not add up to 100, which the sheet's status line then shows), in catalog order.
 */
export function unitsWithWarnings(catalog: Catalog, units: readonly Unit[] = catalog.units): Unit[] {
  const named = new Set(
    catalog.diagnostics.filter((d) => d.severity !== 'info' && d.unit !== null).map((d) => d.unit as string),
  );
  return units.filter((u) => named.has(u.name));
}
