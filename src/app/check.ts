// Checking a returned sheet's bytes: the one path every face takes (validate, push, collect, the pane's 检查 and
// 提交). The file reader (src/xlsx/read.ts) turns bytes into cell contents or a coded failure; the core validator
// turns contents into a report. A file that cannot be read is an 'unreadable' report with the reader's code,
// never an exception. Templates may have been made in any language the product has: every language's sheet texts
// are tried unless the caller names them.
import type { Catalog } from '../core/catalog/model';
import type { SheetTexts } from '../core/plan/texts';
import { validateResultCopy, type ResultCopyReport } from '../core/result-copy/validate';
import type { ScoringTexts } from '../core/scoring-workbook';
import { validateScoringWorkbook, type ScoringReport } from '../core/scoring-workbook/validate';
import type { WorkbookContents } from '../core/validate/grid';
import { readWorkbookMetadata, workbookKind } from '../core/validate/meta';
import {
  unreadableReport,
  validateWorkbook,
  type ValidateOptions,
  type ValidationReport,
} from '../core/validate/validate';
import { allScoringTexts } from '../i18n/scoring-texts';
import { allSheetTexts } from '../i18n/sheet-texts';
import { readWorkbook } from '../xlsx/read';

export interface CheckOptions {
  /** Also check the sheet against this catalog (catches a template made from another catalog). */
  catalog?: Catalog;
  /** The sheet texts a template may have been made with; default every language's. */
  texts?: readonly SheetTexts[];
}

/** What the validator needs besides the contents, for contents read elsewhere (the open workbook in Excel). */
export function checkOptions(options: CheckOptions = {}): ValidateOptions {
  return { texts: options.texts ?? allSheetTexts(), catalog: options.catalog };
}

/** Bytes → the validator's report. */
export function validateWorkbookBytes(bytes: Uint8Array, options: CheckOptions = {}): ValidationReport {
  const read = readWorkbook(bytes);
  if (!read.ok) return unreadableReport(read.failure);
  return validateWorkbook(read.contents, checkOptions(options));
}

/**
 * A checked workbook: a unit's sheet (or anything that is neither of the others), a scoring workbook, or a result
 * copy (评分结果) sent back to a unit.
 */
export type CheckedWorkbook =
  | { kind: 'template'; report: ValidationReport }
  | { kind: 'scoring'; report: ScoringReport }
  | { kind: 'result'; report: ResultCopyReport };

export interface CheckAnyOptions extends CheckOptions {
  /** The texts a scoring workbook may have been made with; default every language's. */
  scoringTexts?: readonly ScoringTexts[];
  /** A scoring workbook's sheets not in the contents are not missing (the live panel reads one sheet). */
  partial?: boolean;
}

/**
 * Contents → the report of what they are: a scoring workbook's record says kind = scoring, a result copy's kind =
 * result; the rest are sheets.
 */
export function checkWorkbookContents(contents: WorkbookContents, options: CheckAnyOptions = {}): CheckedWorkbook {
  const kind = workbookKind(contents);
  if (kind === 'result') {
    return {
      kind: 'result',
      report: validateResultCopy(contents, { texts: options.texts ?? allSheetTexts(), catalog: options.catalog }),
    };
  }
  if (kind === 'scoring') {
    return {
      kind: 'scoring',
      report: validateScoringWorkbook(contents, {
        texts: options.scoringTexts ?? allScoringTexts(),
        catalog: options.catalog,
        partial: options.partial,
      }),
    };
  }
  return { kind: 'template', report: validateWorkbook(contents, checkOptions(options)) };
}

/** Bytes → checkWorkbookContents; a file that cannot be read is an unreadable unit-sheet report. */
export function checkWorkbookBytes(bytes: Uint8Array, options: CheckAnyOptions = {}): CheckedWorkbook {
  const read = readWorkbook(bytes);
  if (!read.ok) return { kind: 'template', report: unreadableReport(read.failure) };
  return checkWorkbookContents(read.contents, options);
}

/** Bytes → a scoring workbook's report; anything else (a unit's sheet included) fails its identity check. */
export function validateScoringBytes(bytes: Uint8Array, options: CheckAnyOptions = {}): ScoringReport {
  const read = readWorkbook(bytes);
  const texts = options.scoringTexts ?? allScoringTexts();
  if (!read.ok) {
    return { ...validateScoringWorkbook({ sheets: [] }, { texts }), issues: unreadableReport(read.failure).issues };
  }
  return validateScoringWorkbook(read.contents, { texts, catalog: options.catalog });
}

/** Which unit and year a workbook says it is for. */
export interface SheetIdentity {
  unit?: string;
  year?: number;
}

/**
 * Unit and year from the workbook's own record (its metadata sheet, as the core reads it), without validating the
 * rest; nothing when it has none (not one of our workbooks, or unreadable).
 */
export function identityFromWorkbook(bytes: Uint8Array): SheetIdentity {
  const result = readWorkbook(bytes);
  const metadata = result.ok ? readWorkbookMetadata(result.contents) : null;
  return metadata ? { unit: metadata.unitName, year: metadata.catalogYear } : {};
}
