/**
 * What the UI benchmarks share: the browser tests' local stack (the built console, wrangler dev, the
 * embedded PGlite, the offline model; test/browser/harness) and Debian's chromium, both registered
 * with bench/lib/cleanup.ts, and logged-in browser contexts with an empty cache.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../../test/browser/harness/chromium.ts';
import { type ConsoleStack, startConsoleStack } from '../../test/browser/harness/stack.ts';
import { deferCleanup } from './cleanup.ts';

export interface UiSession {
  stack: ConsoleStack;
  browser: Browser;
  /** A new context (empty cache) with the session cookie of the stack's token. */
  loggedIn(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startUiSession(name: string): Promise<UiSession> {
  const stack = await startConsoleStack(`bench-${name}`);
  const closeStack = deferCleanup('local stack for the console', stack.close);
  let closeBrowser: (() => Promise<void>) | undefined;
  try {
    const browser = await launchChromium();
    closeBrowser = deferCleanup('chromium', () => browser.close());
    return {
      stack,
      browser,
      async loggedIn(viewport = { width: 1440, height: 900 }) {
        const context = await browser.newContext({ viewport });
        const response = await context.request.post(`${stack.baseUrl}/api/auth/session`, {
          data: { token: stack.token },
        });
        if (!response.ok()) throw new Error(`login: HTTP ${response.status()}`);
        return context;
      },
      async close() {
        await closeBrowser?.();
        await closeStack();
      },
    };
  } catch (error) {
    await closeBrowser?.();
    await closeStack();
    throw error;
  }
}
