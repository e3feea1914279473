// The sheet's words (namespace "sheet", key "texts") as the plain SheetTexts object the core's plan builder takes.
import { sheetTextsSchema, type SheetTexts } from '../core/plan/texts';
import { createI18n, DEFAULT_LANG, type Lang } from './index';

export function sheetTexts(lang: Lang = DEFAULT_LANG): SheetTexts {
  return sheetTextsSchema.parse(createI18n(lang).t('sheet:texts', { returnObjects: true }));
}
