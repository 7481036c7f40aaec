/**
 * What a person sees of the chat's tool bubbles, the agents panel's workflow groups and the costs, in
 * Debian's chromium against the real local stack with the offline model (see harness/): a tool bubble
 * reads the same after a reload as it did live, input included; a workflow's step agents sit in one
 * collapsed group under the workflow, and once it has finished they leave the header's active count;
 * the cost charts and the "offline model" label; the picker's cards with each orchestrator's totals.
 * One stack and one browser for the file; the tests run in order and build on each other's state.
 * Screenshots: test-results/browser/chat-agents-costs/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('chat-agents-costs');

/** A workflow runs several offline-model turns (a few seconds each when loaded). */
const ADW_TIMEOUT = 120_000;
const WORKFLOW = 'grouped-pb';

let desktop: Page;
let orchestratorId: string;

const orchestratorReplies = (page: Page): Locator => page.locator('article[data-role="orchestrator"]');
const toolBubbles = (page: Page): Locator => page.locator('article.bubble[data-kind="tool_use"]');
const centreTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Centre view' }).getByRole('tab', { name, exact: true });

/** Types a chat message and sends it with Enter; resolves once the offline model answered it. */
async function sendChat(page: Page, message: string): Promise<void> {
  const before = await orchestratorReplies(page).count();
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(message);
  await box.press('Enter');
  await expect.poll(() => orchestratorReplies(page).count(), poll).toBeGreaterThan(before);
  await expect.poll(() => orchestratorReplies(page).last().textContent(), poll).toContain('[offline model]');
}

/** What a tool bubble shows: its header, and its input once the details are opened. */
async function readToolBubble(bubble: Locator): Promise<{ header: string; input: unknown }> {
  await bubble.locator('summary').click();
  const pre = bubble.locator('pre');
  await pre.waitFor({ timeout: UI_TIMEOUT });
  return {
    header: ((await bubble.locator('header.who').innerText()) ?? '').trim(),
    input: JSON.parse((await pre.textContent()) ?? 'null') as unknown,
  };
}

async function openConsole(page: Page): Promise<void> {
  await page.goto(`${suite.stack.baseUrl}/o/${orchestratorId}#token=${suite.stack.token}`);
  await page.waitForURL(new RegExp(`/o/${orchestratorId}$`), { timeout: UI_TIMEOUT });
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), poll).toBe('live');
}

describe('tool bubbles, workflow agent groups and costs in chromium', () => {
  test('a tool bubble reads the same after a reload as it did live, with its input', async () => {
    const created = await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'bubbles e2e' });
    orchestratorId = created.id;
    desktop = await suite.shots.open('desktop');
    await openConsole(desktop);
    await sendChat(desktop, 'create agent alpha');
    await expect.poll(() => toolBubbles(desktop).count(), poll).toBe(1);
    const live = await readToolBubble(toolBubbles(desktop).first());
    expect(live.header).toMatch(/^tool: create_agent$/i);
    expect(live.input).toEqual({ name: 'alpha' });
    await suite.shots.screenshot(desktop, 'tool-bubble-live');

    await desktop.reload();
    await expect.poll(() => desktop.getByTestId('connection').getAttribute('data-state'), poll).toBe('live');
    await expect.poll(() => toolBubbles(desktop).count(), poll).toBe(1);
    const reloaded = await readToolBubble(toolBubbles(desktop).first());
    expect(reloaded).toEqual(live);
    await suite.shots.screenshot(desktop, 'tool-bubble-reloaded');
  });

  test("a workflow's step agents form one collapsed group; once it completes they are not active", async () => {
    await suite.stack.api('POST', `/orchestrators/${orchestratorId}/adws`, {
      workflow_type: 'plan_build',
      name: WORKFLOW,
      prompt: 'write notes/grouped.md',
    });
    const agents = desktop.locator('aside[aria-label="Agents"]');
    const group = agents.locator('details.workflow');
    await expect.poll(() => group.count(), poll).toBe(1);
    await expect
      .poll(() => group.getAttribute('data-finished'), { ...poll, timeout: ADW_TIMEOUT })
      .toBe('true');
    await expect.poll(() => group.locator('summary').innerText(), poll).toContain(WORKFLOW);
    expect(await group.locator('summary').innerText()).toContain('completed');
    await expect.poll(() => group.locator('summary').innerText(), poll).toContain('2 step agents');
    // Collapsed: its cards are not shown, and alpha is the only agent card in sight.
    expect(await group.getAttribute('open')).toBeNull();
    expect(await agents.locator('article.agent:visible').count()).toBe(1);
    await expect.poll(() => desktop.getByTestId('active-agents').textContent(), poll).toBe('1');
    await suite.shots.screenshot(desktop, 'workflow-group-collapsed');

    await group.locator('summary').click();
    const steps = group.locator('article.agent');
    await expect.poll(() => steps.count(), poll).toBe(2);
    const names = await steps.evaluateAll((cards) =>
      cards.map((card) =>
        (card as unknown as { getAttribute(n: string): string }).getAttribute('aria-label'),
      ),
    );
    expect(names.map((name) => name.replace(/-[0-9a-f]{8}$/, ''))).toEqual(['Agent plan', 'Agent build']);
    await suite.shots.screenshot(desktop, 'workflow-group-open');

    // After a reload the group comes from REST (the agents' adw_id and the workflow list).
    await desktop.reload();
    await expect.poll(() => desktop.getByTestId('connection').getAttribute('data-state'), poll).toBe('live');
    await expect.poll(() => group.locator('summary').innerText(), poll).toContain(WORKFLOW);
    expect(await group.getAttribute('data-finished')).toBe('true');
    await expect.poll(() => desktop.getByTestId('active-agents').textContent(), poll).toBe('1');
  });

  test('costs: the offline model is labelled so at $0; categories are bars, time a visible series', async () => {
    await centreTab(desktop, 'Costs').click();
    await desktop.getByRole('heading', { level: 2, name: 'Costs' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => desktop.locator('section.costs canvas').count(), poll).toBe(3);
    const byModel = desktop.getByRole('region', { name: 'Cost by model, table' });
    await expect.poll(() => byModel.locator('tbody th').allTextContents(), poll).toEqual(['offline model']);
    expect(await byModel.locator('tbody td').first().textContent()).toMatch(/^\$0(\.0+)?$/);
    // Every call so far falls in one day: one bucket, drawn (see the screenshot) as a bar and a point.
    await desktop.getByRole('group', { name: 'Time bucket' }).getByRole('button', { name: 'Day' }).click();
    const overTime = desktop.getByRole('region', { name: 'Cost over time, table' });
    await expect.poll(() => overTime.locator('tbody tr').count(), poll).toBe(1);
    await expect
      .poll(() => desktop.locator('section.costs canvas').first().getAttribute('aria-label'), poll)
      .toMatch(/1 entry/);
    await suite.shots.screenshot(desktop, 'costs');
  });

  test("the picker's cards show each orchestrator's cost, tokens and calls", async () => {
    const single = await suite.stack.api<{ usage: { model_calls: number } }>(
      'GET',
      `/orchestrators/${orchestratorId}`,
    );
    expect(single.usage.model_calls).toBeGreaterThan(0);
    await desktop.goto(`${suite.stack.baseUrl}/`);
    const item = desktop
      .getByRole('listitem')
      .filter({ has: desktop.getByRole('link', { name: 'bubbles e2e' }) });
    await item.waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => item.getByTestId('orchestrator-usage').textContent(), poll)
      .toMatch(new RegExp(`^\\$0\\.0000 · [1-9][\\d.]*k? tokens · ${single.usage.model_calls} calls$`));
    await suite.shots.screenshot(desktop, 'picker-usage');
  });
});
