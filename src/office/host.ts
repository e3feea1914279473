// Host detection in one place: which Office host and platform, and which requirement sets it supports.
// Safe in a plain browser or in Node (no `Office` global): everything is then "not supported".

export interface RequirementSupport {
  /** pageLayout, suspendScreenUpdating, event details (ExcelApi 1.9). */
  excelApi1_9: boolean;
  /** worksheet.customProperties (ExcelApi 1.12). */
  excelApi1_12: boolean;
  /** insertWorksheetsFromBase64 (ExcelApi 1.13). */
  excelApi1_13: boolean;
  /** event triggerSource, onProtectionChanged (ExcelApi 1.14). */
  excelApi1_14: boolean;
  /** allowEditRanges, pause protection: Excel on the web only (ExcelApiOnline 1.1). */
  excelApiOnline1_1: boolean;
}

export interface OfficeHostInfo {
  /** e.g. "Excel", or null outside Office. */
  host: string | null;
  /** e.g. "PC", "Mac", "OfficeOnline", or null. */
  platform: string | null;
  inExcel: boolean;
  sets: RequirementSupport;
}

function officeGlobal(): typeof Office | undefined {
  return (globalThis as { Office?: typeof Office }).Office;
}

/** `Office.context.requirements.isSetSupported`, false when Office is absent or not ready. */
export function isSetSupported(name: string, version: string): boolean {
  try {
    const requirements = officeGlobal()?.context?.requirements;
    return typeof requirements?.isSetSupported === 'function'
      ? requirements.isSetSupported(name, version) === true
      : false;
  } catch {
    return false;
  }
}

export function requirementSupport(): RequirementSupport {
  return {
    excelApi1_9: isSetSupported('ExcelApi', '1.9'),
    excelApi1_12: isSetSupported('ExcelApi', '1.12'),
    excelApi1_13: isSetSupported('ExcelApi', '1.13'),
    excelApi1_14: isSetSupported('ExcelApi', '1.14'),
    excelApiOnline1_1: isSetSupported('ExcelApiOnline', '1.1'),
  };
}

/** Waits for `Office.onReady` (at most `timeoutMs`), then reports host, platform and requirement sets. */
export async function detectOfficeHost(timeoutMs = 3000): Promise<OfficeHostInfo> {
  const office = officeGlobal();
  let host: string | null = null;
  let platform: string | null = null;
  if (office && typeof office.onReady === 'function') {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const info = await Promise.race([office.onReady(), timeout]);
      if (info) {
        host = info.host ? String(info.host) : null;
        platform = info.platform ? String(info.platform) : null;
      }
    } catch {
      // office.js that cannot reach its host rejects or never resolves: no host.
    } finally {
      clearTimeout(timer);
    }
  }
  return { host, platform, inExcel: host === 'Excel', sets: requirementSupport() };
}
