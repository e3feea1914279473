// Where the pane runs: inside Excel (Office.js loaded and the host is Excel) or in a plain browser.
// Office.js from the CDN may be missing (closed network, plain browser): a missing `Office` global is "no host".

export type PaneHost = { kind: 'excel'; platform: string | null } | { kind: 'browser' };

/** How long to wait for Office.onReady before falling back to plain-browser mode. */
export const OFFICE_READY_TIMEOUT_MS = 3000;

export async function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<PaneHost> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== 'function') return { kind: 'browser' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    if (info && info.host === office.HostType.Excel) {
      return { kind: 'excel', platform: info.platform ? String(info.platform) : null };
    }
  } catch {
    // office.js that cannot reach its host files rejects or never resolves: plain browser it is.
  }
  return { kind: 'browser' };
}
