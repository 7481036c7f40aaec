/**
 * One stack and one browser for a whole test file: started before its first test, closed after its
 * last, with screenshots of every open page when a test fails. The file reads them through the getters.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type Pages, pages } from './page.ts';
import { type ConsoleStack, startConsoleStack } from './stack.ts';

/** Waits in the page: the offline model's turns take a few seconds each on a loaded machine. */
export const UI_TIMEOUT = 30_000;
export const poll = { timeout: UI_TIMEOUT, interval: 200 };

export interface BrowserSuite {
  readonly stack: ConsoleStack;
  readonly shots: Pages;
}

export function browserSuite(name: string): BrowserSuite {
  let stack: ConsoleStack | undefined;
  let browser: Browser | undefined;
  let shots: Pages | undefined;

  beforeAll(async () => {
    stack = await startConsoleStack(name);
    browser = await launchChromium();
    shots = pages(browser, name);
  }, 180_000);

  afterAll(async () => {
    await shots?.close();
    await browser?.close();
    if (stack && stack.problems().length > 0) {
      console.warn(`wrangler reported:\n  ${stack.problems().slice(-15).join('\n  ')}`);
    }
    await stack?.close();
  }, 60_000);

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() => shots?.screenshotAll(`FAILED-${task.name.slice(0, 40)}`));
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started (used outside a test?)');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get shots() {
      return started(shots);
    },
  };
}
