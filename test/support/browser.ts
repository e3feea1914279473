// Debian Chromium driven by playwright-core (its own browser download does not work here), headless, with a
// fresh profile and the background traffic that floods the log on a closed network turned off. Shared by every
// browser test (test/e2e, the pane's language-switch tests, the WebDAV and Graph adapters in the browser).
// CHROMIUM_PATH names another Chromium binary (default /usr/bin/chromium).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails (never skips) when Chromium is missing, naming the Debian packages. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is needed for the browser tests (apt-get install chromium fonts-noto-cjk); not found at ${CHROMIUM} (CHROMIUM_PATH)`,
    );
  }
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a fresh user-data-dir, removed on close. */
export async function launchChromium(options: { downloadsPath?: string } = {}): Promise<Browser> {
  requireChromium();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'ts-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    downloadsPath: options.downloadsPath,
    viewport: { width: 420, height: 900 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
