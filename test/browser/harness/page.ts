/**
 * Pages under test: a browser context per simulated user (viewport, cookies), every console error and
 * uncaught page error recorded (the suite asserts there are none, except the ones a step announces it
 * provokes: the 401 of a bad login, the refused connections while the server restarts), and
 * screenshots saved under test-results/browser/ (git-ignored) at every key step and on failure.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { root } from './stack.ts';

export const ARTIFACTS = `${root}test-results/browser`;

export interface ConsoleProblem {
  page: string;
  kind: 'console' | 'pageerror';
  text: string;
}

export interface Pages {
  open(name: string, options?: { width: number; height: number }): Promise<Page>;
  /** Saves `<artifacts>/<file>/<nn>-<page>-<step>.png`; never throws (a failed screenshot is not a failed test). */
  screenshot(page: Page, step: string): Promise<void>;
  /** Screenshots of every open page (for failures). */
  screenshotAll(step: string): Promise<void>;
  /** Console problems that match `expected` while `action` runs are allowed (and returned). */
  expectingProblems<T>(expected: RegExp, action: () => Promise<T>): Promise<T>;
  /** Every problem not announced with `expectingProblems`. */
  problems(): ConsoleProblem[];
  close(): Promise<void>;
}

export function pages(browser: Browser, file: string): Pages {
  const folder = `${ARTIFACTS}/${file}`;
  // This run's screenshots only.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const contexts: BrowserContext[] = [];
  const open = new Map<Page, string>();
  const problems: ConsoleProblem[] = [];
  const allowed: RegExp[] = [];
  let shot = 0;
  const record = (problem: ConsoleProblem): void => {
    if (allowed.some((pattern) => pattern.test(problem.text))) return;
    problems.push(problem);
  };
  const screenshot = async (page: Page, step: string): Promise<void> => {
    const name = `${String(++shot).padStart(2, '0')}-${open.get(page) ?? 'page'}-${step}`;
    await page
      .screenshot({
        path: `${folder}/${name.replace(/[^\w.-]+/g, '-')}.png`,
        fullPage: false,
        timeout: 10_000,
      })
      .catch(() => undefined);
  };
  return {
    async open(name, viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      open.set(page, name);
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const where = message.location().url;
        record({
          page: name,
          kind: 'console',
          text: where ? `${message.text()} (${where})` : message.text(),
        });
      });
      page.on('pageerror', (error) => record({ page: name, kind: 'pageerror', text: String(error) }));
      page.on('close', () => open.delete(page));
      return page;
    },
    screenshot,
    async screenshotAll(step) {
      for (const page of open.keys()) await screenshot(page, step);
    },
    async expectingProblems(expected, action) {
      allowed.push(expected);
      try {
        return await action();
      } finally {
        allowed.splice(allowed.indexOf(expected), 1);
      }
    },
    problems: () => [...problems],
    async close() {
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    },
  };
}
