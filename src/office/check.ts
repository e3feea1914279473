// 检查 and the live panel with the core validator: the same validateWorkbook the CLI runs on a file, fed with
// what the adapter reads from the open workbook.
import { validateWorkbook, type ValidateOptions, type ValidationReport } from '../core/validate/validate';
import { startLiveValidation, type LiveSession } from './live';
import { readTemplateContents } from './read-workbook';

export interface OpenWorkbookCheck {
  /** The template sheet that was checked. */
  sheetName: string;
  report: ValidationReport;
}

/** Validates one unit of the open workbook (the active one unless `sheet` names it): two syncs. */
export async function checkOpenWorkbook(options: ValidateOptions & { sheet?: string }): Promise<OpenWorkbookCheck> {
  const { sheet, ...validateOptions } = options;
  const { sheetName, contents } = await readTemplateContents(sheet);
  return { sheetName, report: validateWorkbook(contents, validateOptions) };
}

export interface LiveCheckOptions {
  validate: ValidateOptions;
  /** The template sheet; default: the active unit. */
  sheet?: string;
  onPass: (report: ValidationReport) => void;
  onError?: (error: unknown) => void;
  debounceMs?: number;
  initialPass?: boolean;
}

/** Live validation with the core validator: one sync per pass, after edits settle. */
export function startLiveCheck(options: LiveCheckOptions): Promise<LiveSession> {
  const { validate, ...live } = options;
  return startLiveValidation({ ...live, validate: (contents) => validateWorkbook(contents, validate) });
}
