// The template versions a returned sheet may have been made with, and what differs between them. New templates
// are always the last edition; the validator rebuilds a returned sheet with the edition its record names, so a sheet
// from a template still in circulation is checked against exactly what was issued.
//
// Version 1: status line on row 3 under the title; 考核得分 an input of the unit's; its 小计 and 合计 plain sums.
// Version 2: the status line on row 1, outside the print area; 考核得分 the assessors' (locked, and its 小计 and
// 合计 blank until something is assessed); the status line counts a 自评得分 without 完成情况 as a problem; under
// 合计 a signature block, and beside the sheet its 填报说明; printed with page numbers and without colours.

export interface TemplateEdition {
  version: number;
  rows: { status: number; title: number; info: number; header: number };
  /** 考核得分 is locked in the unit's template; its 小计 and 合计 are blank until something is assessed. */
  assessedLocked: boolean;
  /** The sheet's own checks treat a 自评得分 without 完成情况 as a problem. */
  completionChecked: boolean;
  /** Signature block, print area, header and footer, black-and-white printing and the 填报说明 sheet. */
  printed: boolean;
}

export const EDITIONS: Readonly<Record<number, TemplateEdition>> = {
  1: {
    version: 1,
    rows: { title: 1, info: 2, status: 3, header: 4 },
    assessedLocked: false,
    completionChecked: false,
    printed: false,
  },
  2: {
    version: 2,
    rows: { status: 1, title: 2, info: 3, header: 4 },
    assessedLocked: true,
    completionChecked: true,
    printed: true,
  },
};

/** The version new templates are made in. */
export const TEMPLATE_VERSION = 2;

/** The edition of a template version, or undefined for a version this code does not know. */
export function editionOf(version: number): TemplateEdition | undefined {
  return Object.hasOwn(EDITIONS, version) ? EDITIONS[version] : undefined;
}
