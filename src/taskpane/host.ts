// Where the pane runs: inside Excel, or in a plain browser (no Office.js, Office.js without a host, or a host
// that never answers). Host detection itself lives in the Office adapter (src/office/host.ts).
import { detectOfficeHost } from '../office/host';

export type PaneHost = { kind: 'excel'; platform: string | null } | { kind: 'browser' };

/** How long to wait for Office.onReady before falling back to plain-browser mode. */
export const OFFICE_READY_TIMEOUT_MS = 3000;

export async function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<PaneHost> {
  try {
    const info = await detectOfficeHost(timeoutMs);
    return info.inExcel ? { kind: 'excel', platform: info.platform } : { kind: 'browser' };
  } catch {
    return { kind: 'browser' };
  }
}
