// The words a scoring workbook shows (titles, labels, status line, validation messages). They come from the
// `scoring` locale namespace at the edge (src/i18n/locales/*/scoring.json, key "texts") and reach the core as plain
// data, as a unit sheet's texts do (../plan/texts.ts). Placeholders are written {name}.
import type { Group } from '../catalog/model';

export interface ScoringTexts {
  /** The workbook's title (its document properties, a file's name): {year} {scorer} */
  workbookTitle: string;
  /** A sheet's title: {year} {scorer} {group} */
  title: string;
  /** {scorer} {group} {year} {units} {items} */
  info: string;
  /** The assessment team's name (考核组), the scorer of every item without an owner. */
  team: string;
  groups: Record<Group, string>;
  /** 序号 of a unit's subtotal row (小计). */
  subtotal: string;
  /** First cell of the sheet's last row (合计). */
  total: string;
  /** 完成情况 of a unit that returned nothing usable (未提交). */
  notSubmitted: string;
  /** {scored} {count} {problems}: becomes one formula. */
  status: string;
  validation: { errorTitle: string; error: string; promptTitle: string; prompt: string };
}
