// The summary's words from the `collect` locale (key "texts"), plus the validator's issue messages, as the plain
// SummaryTexts the core lays out with. No Node or Office here: the CLI and the task pane both use it.
import { createTranslator, type Lang, type TFunction } from '../../i18n';
import type { SummaryTexts } from '../../core/collect/sheets';
import { formatIssue } from '../../core/validate/format';

export function summaryTexts(t: TFunction): SummaryTexts {
  const data = t('collect:texts', { returnObjects: true }) as unknown as Omit<SummaryTexts, 'issue'>;
  return { ...data, issue: (issue) => formatIssue(t, issue) };
}

export function summaryTextsFor(lang: Lang): SummaryTexts {
  return summaryTexts(createTranslator(lang));
}
