/**
 * The console's Pipelines tab in chromium against the real local stack: the tab on a phone (on
 * screen, nothing wider than the screen), and an archived orchestrator's forms disabled.
 * Screenshots: test-results/browser/pipelines/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('pipelines');
const PHONE = { width: 375, height: 812 };

let orchestratorId: string;
let desktop: Page;

const centreTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Centre view' }).getByRole('tab', { name, exact: true });
const phoneTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });
const part = (page: Page, name: string): Locator =>
  page.getByRole('group', { name: 'Pipelines view' }).getByRole('button', { name, exact: true });

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`${suite.stack.baseUrl}/o/${id}#token=${suite.stack.token}`);
  await page.waitForURL(new RegExp(`/o/${id}$`), { timeout: UI_TIMEOUT });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
}

describe('the Pipelines tab in chromium', () => {
  test('opens beside the other centre views', async () => {
    orchestratorId = (
      await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'pipelines e2e' })
    ).id;
    desktop = await suite.shots.open('desktop');
    await open(desktop, orchestratorId);
    await centreTab(desktop, 'Pipelines').click();
    await desktop.getByRole('heading', { level: 2, name: 'Pipelines' }).waitFor({ timeout: UI_TIMEOUT });
    await desktop.getByRole('heading', { level: 3, name: 'Schedules' }).waitFor({ timeout: UI_TIMEOUT });
    await desktop.getByRole('heading', { level: 3, name: 'Runs' }).waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(desktop, 'opened');
  });

  test('creates the 09:35 New York schedule, runs it now and watches the run reach succeeded live', async () => {
    await open(desktop, orchestratorId);
    await centreTab(desktop, 'Pipelines').click();
    await desktop.getByRole('button', { name: 'New schedule' }).click();
    const form = desktop.getByRole('form', { name: 'New schedule' });
    expect(await form.getByLabel('Cron').inputValue()).toBe('35 9 * * 1-5');
    expect(await form.getByLabel('Time zone').inputValue()).toBe('America/New_York');
    await form.getByRole('button', { name: 'Create schedule' }).click();
    const schedule = desktop.getByRole('list', { name: 'Schedules' }).getByRole('listitem').first();
    await expect.poll(() => schedule.textContent(), poll).toContain('35 9 * * 1-5');
    expect(await schedule.textContent()).toContain('trading days only');
    const nextRuns = schedule.getByRole('list', { name: /^Next runs of / }).getByRole('listitem');
    expect(await nextRuns.count()).toBeGreaterThan(0);
    expect(await nextRuns.first().textContent()).toMatch(/\d{4}-\d{2}-\d{2} 09:35 New York/);

    await schedule.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => schedule.getAttribute('data-paused'), poll).toBe('true');
    await schedule.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => schedule.getAttribute('data-paused'), poll).toBe('false');

    await schedule.getByRole('button', { name: 'Run now' }).click();
    const run = desktop.getByRole('list', { name: 'Pipeline runs' }).locator('button[data-run-id]').first();
    await expect.poll(() => run.getAttribute('data-status'), poll).toBe('succeeded');
    // The steps arrived as pipeline_step events: one square each, all done.
    expect(await run.locator('.square[data-status="succeeded"]').count()).toBeGreaterThan(1);
    await run.click();
    const card = desktop.getByTestId('decision-card');
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.getByTestId('decision-regime').textContent()).toMatch(/\(\d+%\)/);
    expect(await card.textContent()).toMatch(/Trade allowed|No trade/);
    expect(
      await desktop.getByRole('table', { name: 'Execution log' }).locator('tbody tr').count(),
    ).toBeGreaterThan(1);
    await suite.shots.screenshot(desktop, 'decision-run');

    // The same run in the event stream: readable lines under their own filter.
    await centreTab(desktop, 'Events').click();
    const chip = desktop
      .getByRole('toolbar', { name: 'Event filters' })
      .getByRole('button', { name: 'Pipeline' });
    await chip.click();
    const rows = desktop.getByRole('log', { name: 'Events' }).locator('[data-seq]');
    await expect.poll(() => rows.count(), poll).toBeGreaterThan(1);
    const lines = await rows.allTextContents();
    expect(lines.some((line) => /pipeline run \w+ succeeded/i.test(line))).toBe(true);
    expect(lines.every((line) => /pipeline/i.test(line))).toBe(true);
    await suite.shots.screenshot(desktop, 'pipeline-events');
    await chip.click();
    await centreTab(desktop, 'Pipelines').click();

    await desktop.getByRole('button', { name: 'Run decision now' }).click();
    await expect.poll(() => desktop.locator('button[data-run-id]').count(), poll).toBe(2);

    await schedule.getByRole('button', { name: 'Delete' }).click();
    await schedule.getByRole('button', { name: 'Yes, delete' }).click();
    await desktop.getByText('No schedules yet.').waitFor({ timeout: UI_TIMEOUT });
  });

  test('runs an MA-crossover backtest on SPY: a bad range keeps the input, then metrics and both charts', async () => {
    await part(desktop, 'Backtests').click();
    const form = desktop.getByRole('form', { name: 'New backtest' });
    await expect.poll(() => form.getByLabel('Strategy').inputValue(), poll).toBe('ma_crossover');
    expect(await form.getByRole('checkbox', { name: 'SPY' }).isChecked()).toBe(true);
    expect(await form.getByLabel('Start').inputValue()).toBe('2015-01-02');

    await form.getByLabel('Start').fill('2024-12-31');
    await form.getByLabel('End').fill('2015-01-02');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await desktop.getByTestId('backtest-error').waitFor({ timeout: UI_TIMEOUT });
    expect(await form.getByLabel('Start').inputValue()).toBe('2024-12-31');

    await form.getByLabel('Start').fill('2015-01-02');
    await form.getByLabel('End').fill('2024-12-31');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    const result = desktop.getByTestId('backtest-result');
    await result.waitFor({ timeout: UI_TIMEOUT });
    expect(await desktop.getByTestId('backtest-error').count()).toBe(0);
    expect(await result.textContent()).toContain('ma_crossover on SPY');
    expect(await result.locator('dd').first().textContent()).toMatch(/-?\d+\.\d{2}%/);
    for (const kind of ['equity', 'drawdown']) {
      const canvas = result.getByTestId(`chart-${kind}`).locator('canvas');
      await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0, poll).toBeGreaterThan(100);
      expect(await canvas.getAttribute('aria-label')).toContain('2015-01-02 to 2024-12-31');
    }
    await expect
      .poll(
        () => desktop.getByRole('list', { name: 'Earlier backtests' }).getByRole('listitem').count(),
        poll,
      )
      .toBe(1);
    await suite.shots.screenshot(desktop, 'backtest');
  });
  test('runs a season-plan chain from one sentence and follows its socket to the execution log', async () => {
    await part(desktop, 'Chains').click();
    const box = desktop.getByLabel('Chain request');
    expect(await box.getAttribute('placeholder')).toBe('Describe the season plan…');
    await box.fill('Tell me a joke');
    await desktop.getByRole('button', { name: 'Run chain' }).click();
    await desktop
      .getByRole('form', { name: 'Run a chain' })
      .getByRole('alert')
      .waitFor({ timeout: UI_TIMEOUT });
    expect(await box.inputValue()).toBe('Tell me a joke');
    const suggestions = desktop
      .getByRole('form', { name: 'Run a chain' })
      .getByRole('list', { name: 'Suggestions' })
      .getByRole('listitem');
    expect(await suggestions.count()).toBeGreaterThan(0);

    await box.fill(
      'Plan a 12-week season from 2026-03-02 with weekly replenishment, 25% holdback, markdown at week 6',
    );
    await desktop.getByRole('button', { name: 'Run chain' }).click();
    const live = desktop.getByTestId('chain-live');
    await expect.poll(() => live.getAttribute('data-status'), poll).toBe('complete');
    const agents = live.getByRole('list', { name: 'Agents' }).getByRole('listitem');
    expect(await agents.count()).toBeGreaterThanOrEqual(4);
    expect(
      await agents.evaluateAll((items) =>
        items.map((item) => (item as unknown as { dataset: { status: string } }).dataset.status),
      ),
    ).toEqual(expect.arrayContaining(['succeeded']));
    expect(await live.getByRole('progressbar').getAttribute('value')).toBe('100');
    const log = live.getByRole('table', { name: 'Chain execution log' }).locator('tbody tr');
    expect(await log.count()).toBe(await agents.count());
    expect(await log.first().textContent()).toMatch(/succeeded.*\d+ ?m?s.*1/);
    await expect
      .poll(
        () => desktop.getByRole('list', { name: 'Earlier chain runs' }).getByRole('listitem').count(),
        poll,
      )
      .toBe(1);
    await suite.shots.screenshot(desktop, 'chain-complete');
  });

  test('on a phone (375×812) the tab is on screen and no part is wider than the screen', async () => {
    const phone = await suite.shots.open('phone', PHONE);
    await open(phone, orchestratorId);
    const tab = phoneTab(phone, 'Pipelines');
    await tab.click();
    const where = await tab.boundingBox();
    expect(where?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((where?.x ?? 0) + (where?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    // Each part with what the earlier tests left: runs with a decision, a backtest's charts, a chain's log.
    const filled: Record<string, () => Promise<void>> = {
      'Schedules & runs': async () => {
        await phone.locator('button[data-run-id][data-status="succeeded"]').first().click();
        await phone.getByTestId('decision-card').waitFor({ timeout: UI_TIMEOUT });
      },
      Backtests: async () => {
        await phone.getByRole('list', { name: 'Earlier backtests' }).getByRole('button').first().click();
        await phone.getByTestId('chart-drawdown').waitFor({ timeout: UI_TIMEOUT });
      },
      Chains: async () => {
        await phone.getByRole('list', { name: 'Earlier chain runs' }).getByRole('button').first().click();
        await phone.getByRole('table', { name: 'Chain execution log' }).waitFor({ timeout: UI_TIMEOUT });
      },
    };
    for (const [name, fill] of Object.entries(filled)) {
      await part(phone, name).click();
      await expect.poll(() => part(phone, name).getAttribute('aria-pressed'), poll).toBe('true');
      await fill();
      await expect.poll(() => horizontalOverflow(phone), poll).toBeLessThanOrEqual(0);
      await suite.shots.screenshot(phone, `part-${name.replace(/\W+/g, '-')}`);
    }
    await phone.close();
  });

  test('an archived orchestrator is read-only: the forms are disabled', async () => {
    const archived = await suite.stack.api<{ id: string }>('POST', '/orchestrators', {
      name: 'archived pipelines',
    });
    await suite.stack.api('POST', `/orchestrators/${archived.id}/archive`);
    await open(desktop, archived.id);
    await centreTab(desktop, 'Pipelines').click();
    await desktop.getByTestId('pipelines-read-only').waitFor({ timeout: UI_TIMEOUT });
    expect(await desktop.getByRole('button', { name: 'New schedule' }).isDisabled()).toBe(true);
    expect(await desktop.getByRole('button', { name: 'Run decision now' }).isDisabled()).toBe(true);
    await part(desktop, 'Chains').click();
    expect(await desktop.getByLabel('Chain request').isDisabled()).toBe(true);
    await suite.shots.screenshot(desktop, 'archived');
  });
});
