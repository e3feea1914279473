// The empty register (加减分台账) and survey (民主测评) as .xlsx files: the core's InputSheet plans (units from the
// catalog, drop-downs, number validation, header protection) worded in the user's language and written by the
// summary writer. Its own module, like ./collect/summary-file.ts: it loads ExcelJS, which reading does not need.
import type { Catalog } from '../core/catalog/model';
import { emptyRegister, emptySurvey, type InputWorkbookTexts } from '../core/results/workbooks';
import type { TFunction } from '../i18n';
import { renderSummaryToXlsx } from '../xlsx/summary';
import { resultUnits } from './results';

export function inputWorkbookTexts(t: TFunction): InputWorkbookTexts {
  const words = t('results:workbooks', { returnObjects: true }) as unknown as Omit<InputWorkbookTexts, 'groups'>;
  return { ...words, groups: t('glossary:groups', { returnObjects: true }) as unknown as InputWorkbookTexts['groups'] };
}

export type InputFileKind = 'register' | 'survey';

/** The empty register or survey of the catalog's year, dated `date` (the same inputs give the same bytes). */
export function emptyInputFile(kind: InputFileKind, catalog: Catalog, t: TFunction, date: Date): Promise<Uint8Array> {
  const make = kind === 'register' ? emptyRegister : emptySurvey;
  return renderSummaryToXlsx(make(catalog.year, resultUnits(catalog), inputWorkbookTexts(t)), { date });
}
