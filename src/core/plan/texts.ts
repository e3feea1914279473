// The words a sheet shows (title, labels, status line, validation messages). They come from the `sheet` locale
// namespace at the edge (src/i18n/locales/*/sheet.json, key "texts") and reach the core as plain data, so the
// core never touches i18n. Placeholders are written {name} (single braces, which i18next leaves alone). Their
// schema (./texts-schema) is checked against every locale in the tests, and where texts come from elsewhere.
import type { Block, Group } from '../catalog/model';

export interface SheetTexts {
  /** {year} {unit} */
  title: string;
  /** {unit} {group} {year} */
  info: string;
  groups: Record<Group, string>;
  blocks: Record<Block, string>;
  /** First text cell of a block's subtotal row. */
  subtotal: string;
  /** First text cell of the final row (合计). */
  total: string;
  /** {filled} {count} {problems} {weightCheck}: becomes one formula. */
  status: string;
  weightOk: string;
  /** {weight} */
  weightBad: string;
  validation: { errorTitle: string; error: string; promptTitle: string; prompt: string };
  /** The input message of 完成情况 (the rule: required once a 自评得分 is given). */
  completionPrompt: { title: string; prompt: string };
  /** The signature block's labels, under 合计. */
  signature: { unit: string; head: string; filler: string; phone: string; date: string };
  /** The printed page's footer, by section: {unit} {year}, &P (page) and &N (pages). */
  footer: { left: string; center: string; right: string };
  /** The 填报说明 sheet: its name, title ({year} {unit}), lines ({sheet}), and the deadline's line ({deadline}). */
  notes: { sheetName: string; title: string; lines: string[]; deadline: string; date: string };
}

/** Replaces {name} placeholders with values; unknown names stay as written. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
