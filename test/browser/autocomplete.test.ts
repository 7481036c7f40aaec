/**
 * The chat input's completions in Debian's chromium against the real local stack with the offline
 * model (see harness/): typing shows three chips once typing pauses, Tab takes the first into the
 * box and the next chips for the same text lead with it, Escape dismisses them all (rejected) and
 * none of them is offered again, and a click takes a chip. One stack and one browser for the file; the tests run in
 * order. Screenshots: test-results/browser/autocomplete/.
 *
 * No timing assertions: the generous timeouts only bound how long a broken build takes to fail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('autocomplete');

let page: Page;
let accepted = '';

const messageBox = (): Locator => page.getByLabel('Message', { exact: true });
const chips = (): Locator => page.getByTestId('completion-chip').locator('span');

async function chipTexts(): Promise<string[]> {
  return chips().allTextContents();
}

/** Types the text into the box (one input event, so no chips for a part of it) and waits for its chips. */
async function typeAndWaitForChips(text: string): Promise<string[]> {
  await messageBox().fill('');
  await messageBox().fill(text);
  await expect.poll(() => chips().count(), poll).toBe(3);
  return chipTexts();
}

describe('the chat input’s completions', () => {
  test('typing shows three chips; Tab takes the first into the box', async () => {
    const created = await suite.stack.api<{ id: string }>('POST', '/orchestrators', {
      name: 'autocomplete e2e',
    });
    page = await suite.shots.open('desktop');
    await page.goto(`${suite.stack.baseUrl}/o/${created.id}#token=${suite.stack.token}`);
    await messageBox().waitFor({ timeout: UI_TIMEOUT });

    const offered = await typeAndWaitForChips('create agent ');
    await suite.shots.screenshot(page, 'chips');
    const [first] = offered as [string];
    await messageBox().press('Tab');
    await expect.poll(() => messageBox().inputValue(), poll).toBe(`create agent ${first}`);
    // Focus stays in the box for typing on.
    expect(await messageBox().evaluate((element) => element === element.ownerDocument.activeElement)).toBe(
      true,
    );
    accepted = first;
  });

  test('the next chips lead with the accepted one; Escape rejects them all, and they are not offered again', async () => {
    const again = await typeAndWaitForChips('create agent ');
    expect(again[0]).toBe(accepted);
    await messageBox().press('Escape');
    await expect.poll(() => chips().count(), poll).toBe(0);
    // The text stays as typed.
    expect(await messageBox().inputValue()).toBe('create agent ');

    const next = await typeAndWaitForChips('create agent ');
    await suite.shots.screenshot(page, 'learned');
    for (const text of again) expect(next).not.toContain(text);
  });

  test('a click takes a chip too', async () => {
    const offered = await typeAndWaitForChips('create agent ');
    await page.getByTestId('completion-chip').nth(1).click();
    await expect.poll(() => messageBox().inputValue(), poll).toBe(`create agent ${offered[1]}`);
  });

  test('the page reported no errors', () => {
    expect(suite.shots.problems()).toEqual([]);
  });
});
