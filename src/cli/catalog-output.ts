// Presenting a catalog: the JSON form printed by `catalog --json` and the human lines every command can reuse
// to show a catalog's diagnostics.
import type { Catalog, Diagnostic } from '../core/catalog/model';
import { GROUPS } from '../core/catalog/model';
import { diagnosticMessage, diagnosticSentence } from '../core/catalog/messages';
import { catalogScorers } from '../core/catalog/scorers';
import type { TFunction } from '../i18n';

export interface CatalogJson {
  year: number;
  units: Array<Pick<Catalog['units'][number], 'id' | 'name' | 'group' | 'totalWeight' | 'items'>>;
  diagnostics: Array<Pick<Diagnostic, 'severity' | 'code' | 'unit' | 'line'> & { message: string }>;
}

export function catalogJson(catalog: Catalog, t: TFunction): CatalogJson {
  return {
    year: catalog.year,
    units: catalog.units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      group: unit.group,
      totalWeight: unit.totalWeight,
      items: unit.items.map((item) => ({
        block: item.block,
        category: item.category,
        item: item.item,
        content: item.content,
        weight: item.weight,
        owner: item.owner,
      })),
    })),
    diagnostics: catalog.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      unit: d.unit,
      line: d.line,
      message: diagnosticMessage(t, d),
    })),
  };
}

/**
 * Who scores the catalog: each owner, then the assessment team, with how many distinct items it scores (a shared
 * party item once) and for how many units. An owner kept as written says so; its diagnostic tells why.
 */
export function scorerLines(catalog: Catalog, t: TFunction): string[] {
  const scorers = catalogScorers(catalog);
  return [
    t('catalog:cli.scorersHeading', { count: scorers.length }),
    ...scorers.map(({ scorer, items, unitIds }) => {
      const name =
        scorer.kind === 'team'
          ? t('glossary:assessmentTeam')
          : scorer.kind === 'text'
            ? t('catalog:cli.scorerUnresolved', { name: scorer.name })
            : scorer.name;
      return t('catalog:cli.scorerLine', { name, items: items.length, units: unitIds.length });
    }),
  ];
}

export function diagnosticLine(d: Diagnostic, t: TFunction): string {
  return t('catalog:cli.diagnosticLine', {
    severity: t(`catalog:severity.${d.severity}`),
    sentence: diagnosticSentence(t, d),
  });
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** One-line summary: units per group and how many errors, warnings and infos. */
export function catalogSummary(catalog: Catalog, t: TFunction): string {
  const counts = countBySeverity(catalog.diagnostics);
  const groups = GROUPS.map((group) => ({ group, count: catalog.units.filter((u) => u.group === group).length }))
    .filter((g) => g.count > 0)
    .map((g) => t('catalog:cli.groupCount', { group: t(`glossary:groups.${g.group}`), count: g.count }))
    .join(t('catalog:cli.listSeparator'));
  if (catalog.units.length === 0) {
    return t('catalog:cli.summaryNoUnits', { errors: counts.error, warnings: counts.warning, infos: counts.info });
  }
  return t('catalog:cli.summary', {
    units: catalog.units.length,
    groups,
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
  });
}
