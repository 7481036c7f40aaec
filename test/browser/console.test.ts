/**
 * The web console in Debian's chromium against the real local stack with the offline model (see
 * harness/): log in, create and open an orchestrator, chat an agent into existence, filter the stream,
 * restart the server under the open page, and drive it on a phone-sized window. One stack and one
 * browser for the whole file; the tests run in order and build on each other's state (the orchestrator,
 * agent alpha). Screenshots: test-results/browser/console/.
 *
 * Selectors follow the console's UI contract (roles, labels, data-testid, data-seq / data-type). No
 * timing assertions: the generous timeouts only bound how long a broken build takes to fail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { consoleState } from './harness/console-hook.ts';
import { allEvents } from './harness/stack.ts';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('console');

const AGENT_TYPES = [
  'agent_created',
  'agent_updated',
  'agent_status_changed',
  'agent_deleted',
  'command_queued',
];

let desktop: Page;
let orchestratorId: string;
/** Chat messages sent so far (each must show exactly once). */
let sent = 0;

const eventStream = (page: Page): Locator => page.locator('section[aria-label="Event stream"]');
const rows = (page: Page): Locator => eventStream(page).locator('[data-seq]');
const connection = (page: Page): Locator => page.getByTestId('connection');
const orchestratorReplies = (page: Page): Locator => page.locator('article[data-role="orchestrator"]');

async function renderedTypes(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((elements) =>
    elements.map((element) => (element as unknown as { dataset: { type?: string } }).dataset.type ?? ''),
  );
}

async function renderedSeqs(page: Page): Promise<number[]> {
  return rows(page).evaluateAll((elements) =>
    elements.map((element) => Number((element as unknown as { dataset: { seq?: string } }).dataset.seq)),
  );
}

/** Types a chat message and sends it with Enter; resolves once it shows as the user's message. */
async function sendChat(page: Page, message: string): Promise<void> {
  const before = await orchestratorReplies(page).count();
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(message);
  await box.press('Enter');
  sent++;
  await expect
    .poll(() => page.locator('article[data-role="user"]').filter({ hasText: message }).count(), poll)
    .toBe(1);
  // The turn's answer: one more orchestrator message, from the offline model.
  await expect.poll(() => orchestratorReplies(page).count(), poll).toBeGreaterThan(before);
  await expect.poll(() => orchestratorReplies(page).last().textContent(), poll).toContain('[offline model]');
}

/** Waits until the page holds exactly the server's events: same last seq, same count, no duplicate. */
async function expectInSync(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const events = await allEvents(suite.stack, orchestratorId);
        const state = await consoleState(page);
        return {
          lastSeq: state?.lastSeq,
          eventCount: state?.eventCount,
          distinct: state?.distinctSeqCount,
          serverLastSeq: events.at(-1)?.seq,
          serverCount: events.length,
        };
      },
      { ...poll, message: 'the page holds exactly the events the server has' },
    )
    .toSatisfy(
      (s: Record<string, number | undefined>) =>
        s.lastSeq === s.serverLastSeq && s.eventCount === s.serverCount && s.distinct === s.serverCount,
    );
}

describe('the web console in chromium, on the real local stack with the offline model', () => {
  test('not logged in goes to /login; a bad token shows an error there', async () => {
    const page = await suite.shots.open('bad-login');
    // No sign-in hint cookie: the console goes to /login without asking the server (no 401 logged).
    await page.goto(`${suite.stack.baseUrl}/`);
    await page.waitForURL(/\/login(\?|$)/, { timeout: UI_TIMEOUT });
    await page.getByLabel('API token').fill('not-a-token');
    await suite.shots.expectingProblems(/401|Unauthorized/i, async () => {
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => page.getByRole('alert').isVisible(), poll).toBe(true);
    });
    await suite.shots.screenshot(page, 'bad-token');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  test('logs in with the form, creates an orchestrator in the picker and opens it', async () => {
    desktop = await suite.shots.open('desktop');
    await desktop.goto(`${suite.stack.baseUrl}/login`);
    await desktop.getByLabel('API token').waitFor({ timeout: UI_TIMEOUT });
    await desktop.getByLabel('API token').fill(suite.stack.token);
    await desktop.getByRole('button', { name: 'Log in' }).click();
    const heading = desktop.getByRole('heading', { level: 1, name: 'Orchestrators' });
    await heading.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => desktop.getByText('No orchestrators yet').isVisible(), poll).toBe(true);
    await suite.shots.screenshot(desktop, 'picker-empty');

    await desktop.getByLabel('Name', { exact: true }).fill('browser e2e');
    await desktop.getByRole('button', { name: 'Create orchestrator' }).click();
    // The picker may open the new orchestrator itself, or list it: follow its link if it stays.
    const link = desktop.getByRole('list').getByRole('link', { name: 'browser e2e' });
    await Promise.race([
      desktop.waitForURL(/\/o\/[0-9a-f-]{36}/, { timeout: UI_TIMEOUT }),
      link.waitFor({ timeout: UI_TIMEOUT }).then(async () => {
        await suite.shots.screenshot(desktop, 'picker-created');
        await link.click();
      }),
    ]);
    await desktop.waitForURL(/\/o\/[0-9a-f-]{36}/, { timeout: UI_TIMEOUT });
    orchestratorId = new URL(desktop.url()).pathname.split('/')[2] ?? '';
    const listed = await suite.stack.api<{ orchestrators?: { id: string; name: string }[] }>(
      'GET',
      '/orchestrators',
    );
    expect(JSON.stringify(listed)).toContain(orchestratorId);

    await expect.poll(() => connection(desktop).getAttribute('data-state'), poll).toBe('live');
    expect(await connection(desktop).getAttribute('aria-label')).toMatch(/Connection: live/i);
    await expect
      .poll(
        () =>
          desktop
            .getByRole('note')
            .filter({ hasText: /offline model/i })
            .count(),
        poll,
      )
      .toBe(1);
    for (const landmark of ['aside[aria-label="Agents"]', 'section[aria-label="Chat"]']) {
      expect(await desktop.locator(landmark).isVisible()).toBe(true);
    }
    expect(await eventStream(desktop).isVisible()).toBe(true);
    await suite.shots.screenshot(desktop, 'orchestrator-opened');
  });

  test('logs in from the #token= URL that npm run dev prints, and drops the token from the URL', async () => {
    const page = await suite.shots.open('token-url');
    await page.goto(`${suite.stack.baseUrl}/#token=${suite.stack.token}`);
    await page.getByRole('heading', { level: 1, name: 'Orchestrators' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('list').getByRole('link', { name: 'browser e2e' }).waitFor({ timeout: UI_TIMEOUT });
    expect(page.url()).not.toContain(suite.stack.token);
    await suite.shots.screenshot(page, 'picker');
    await page.context().close();
  });

  test('a chat message creates an agent: its card and the streamed reply appear', async () => {
    await sendChat(desktop, 'create agent alpha');
    const card = desktop.locator('article[aria-label="Agent alpha"]');
    await card.waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(desktop, 'agent-created');

    await sendChat(desktop, 'tell alpha to write notes/a.md: hello');
    // The agent runs its command after the orchestrator's turn; the file is its visible result.
    await expect
      .poll(async () => {
        const response = await fetch(
          `${suite.stack.baseUrl}/api/orchestrators/${orchestratorId}/files/notes/a.md`,
          {
            headers: { authorization: `Bearer ${suite.stack.token}` },
          },
        );
        return response.ok ? (await response.text()).trim() : `HTTP ${response.status}`;
      }, poll)
      .toContain('hello');
    await expect.poll(() => card.getAttribute('data-status'), poll).toBe('idle');
    await expect.poll(() => rows(desktop).count(), poll).toBeGreaterThan(0);
    await expectInSync(desktop);
    const events = await allEvents(suite.stack, orchestratorId);
    // The card follows the agent's events live: its tool counter counts its tool calls and results.
    const alphaId = await card.getAttribute('data-agent-id');
    const toolEvents = events.filter(
      (event) => event.agent_id === alphaId && (event.type === 'tool_use' || event.type === 'tool_result'),
    );
    expect(toolEvents.length).toBeGreaterThan(0);
    await expect.poll(() => card.textContent(), poll).toContain(`tool ${toolEvents.length}`);
    await expect
      .poll(
        async () => Number((await desktop.getByTestId('event-count').textContent())?.replace(/\D/g, '')),
        poll,
      )
      .toBe(events.length);
    await suite.shots.screenshot(desktop, 'agent-wrote-file');
  });

  test('filters the stream by category and by regex', async () => {
    await expect.poll(() => rows(desktop).count(), poll).toBeGreaterThan(0);
    const all = await renderedTypes(desktop);
    expect(all.some((type) => !AGENT_TYPES.includes(type))).toBe(true);

    const agent = eventStream(desktop).getByRole('button', { name: 'Agent', exact: true });
    await agent.click();
    await expect.poll(() => agent.getAttribute('aria-pressed'), poll).toBe('true');
    // Pressed means "only this category" (or "hide it", whichever the console chose: both filter).
    await expect
      .poll(async () => {
        const types = await renderedTypes(desktop);
        const agentRows = types.filter((type) => AGENT_TYPES.includes(type)).length;
        return types.length > 0 && (agentRows === types.length || agentRows === 0);
      }, poll)
      .toBe(true);
    await suite.shots.screenshot(desktop, 'filter-agent');
    await agent.click();
    await expect.poll(() => agent.getAttribute('aria-pressed'), poll).toBe('false');

    const search = desktop.getByLabel('Search events (regex)');
    await search.fill('notes/a\\.md');
    await expect
      .poll(async () => {
        const types = await renderedTypes(desktop);
        return types.length > 0 && !types.includes('model_call') && !types.includes('agent_created');
      }, poll)
      .toBe(true);
    await suite.shots.screenshot(desktop, 'filter-regex');
    await search.fill('^no event matches this$');
    await expect.poll(() => rows(desktop).count(), poll).toBe(0);
    // A pattern that is not a valid regex must not break the page (no page error, checked at the end).
    await search.fill('(');
    await expect.poll(() => search.getAttribute('aria-invalid'), poll).toBe('true');
    await search.fill('');
    await expect.poll(() => rows(desktop).count(), poll).toBeGreaterThan(0);
  });

  test('restarting the server: reconnecting, then live again, resumed with no duplicate rows', async () => {
    await expectInSync(desktop);
    const before = await consoleState(desktop);
    await suite.shots.expectingProblems(
      /ERR_CONNECTION_REFUSED|WebSocket|Failed to load resource|net::ERR/i,
      async () => {
        await suite.stack.stopWorker();
        await expect
          .poll(() => connection(desktop).getAttribute('data-state'), poll)
          .toMatch(/reconnecting|offline/);
        await suite.shots.screenshot(desktop, 'server-stopped');
        await suite.stack.startWorker();
        await expect
          .poll(() => connection(desktop).getAttribute('data-state'), { ...poll, timeout: 90_000 })
          .toBe('live');
      },
    );
    await suite.shots.screenshot(desktop, 'server-restarted');
    // The state survived the restart (persisted), and the page lost and repeated nothing (the server
    // may have emitted more since, e.g. a batch of event summaries).
    await expectInSync(desktop);
    expect((await consoleState(desktop))?.lastSeq).toBeGreaterThanOrEqual(before?.lastSeq ?? 0);

    // New events after the restart reach the page live.
    await sendChat(desktop, 'list agents');
    await expectInSync(desktop);
    const after = await consoleState(desktop);
    expect(after?.lastSeq).toBeGreaterThan(before?.lastSeq ?? 0);
    const seqs = await renderedSeqs(desktop);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(await desktop.locator('article[data-role="user"]').count()).toBe(sent);
    await suite.shots.screenshot(desktop, 'after-restart-chat');
  });

  test('the command palette opens with Ctrl+K and closes with Escape; an agent card toggles its filter', async () => {
    await desktop.locator('body').click({ position: { x: 5, y: 5 } });
    await desktop.keyboard.press('Control+k');
    const palette = desktop.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: UI_TIMEOUT });
    expect(await palette.getByLabel('Prompt').isVisible()).toBe(true);
    await suite.shots.screenshot(desktop, 'command-palette');
    await desktop.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    const toggle = desktop.locator('article[aria-label="Agent alpha"] [aria-pressed]').first();
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), poll).toBe('true');
    await expect.poll(() => rows(desktop).count(), poll).toBeGreaterThan(0);
    await suite.shots.screenshot(desktop, 'agent-filter');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), poll).toBe('false');
  });

  test('on a phone-sized window (375×812) the tab bar switches columns and chat can be sent', async () => {
    const phone = await suite.shots.open('phone', { width: 375, height: 812 });
    await phone.goto(`${suite.stack.baseUrl}/o/${orchestratorId}#token=${suite.stack.token}`);
    await phone.waitForURL(new RegExp(`/o/${orchestratorId}`), { timeout: UI_TIMEOUT });
    const tabs = phone.getByRole('tablist');
    await tabs.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => connection(phone).getAttribute('data-state'), poll).toBe('live');
    await suite.shots.screenshot(phone, 'opened');

    await tabs.getByRole('tab', { name: 'Agents' }).click();
    await phone.locator('article[aria-label="Agent alpha"]').waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(phone, 'tab-agents');

    await tabs.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => rows(phone).count(), poll).toBeGreaterThan(0);
    await suite.shots.screenshot(phone, 'tab-events');

    await tabs.getByRole('tab', { name: 'Chat' }).click();
    await expect.poll(() => phone.getByLabel('Message', { exact: true }).isVisible(), poll).toBe(true);
    const replies = await orchestratorReplies(phone).count();
    await phone.getByLabel('Message', { exact: true }).fill('status of alpha');
    await phone.getByRole('button', { name: 'Send' }).click();
    sent++;
    await expect.poll(() => orchestratorReplies(phone).count(), poll).toBeGreaterThan(replies);
    await expect.poll(() => orchestratorReplies(phone).last().textContent(), poll).toContain('alpha');
    await suite.shots.screenshot(phone, 'chat-sent');

    // Nothing wider than the screen.
    const width = await phone.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(375);
    // The desktop page saw the phone's message live too.
    await expectInSync(desktop);
  });

  test('a chatty orchestrator: the chat log renders its newest messages; "Show earlier" pages in more by keyboard', async () => {
    const log = desktop.getByRole('log', { name: 'Messages' });
    const articles = log.locator('article.bubble');
    const from = ((await consoleState(desktop))?.lastSeq ?? 0) + 1;
    // 300 of the orchestrator's own text events through the debug hook (the same path as WebSocket frames).
    await desktop.evaluate(
      ({ from, orchestratorId }) => {
        const hook = (globalThis as unknown as { __console: { injectEvents(events: unknown[]): void } })
          .__console;
        const events = Array.from({ length: 300 }, (_, i) => ({
          seq: from + i,
          type: 'text',
          category: 'response',
          ts: new Date().toISOString(),
          orchestrator_id: orchestratorId,
          data: { text: `Chatty message ${i}` },
        }));
        hook.injectEvents(events);
      },
      { from, orchestratorId },
    );
    await expect.poll(() => log.getByText('Chatty message 299').isVisible(), poll).toBe(true);
    const shown = await articles.count();
    expect(shown).toBeLessThanOrEqual(70);
    const earlier = log.getByRole('button', { name: /Show earlier messages/ });
    await earlier.focus();
    const firstBefore = await articles.first().textContent();
    await desktop.keyboard.press('Enter');
    await expect.poll(() => articles.count(), poll).toBeGreaterThan(shown);
    // The reader stays where they were: the message that was first is still in view.
    const previousFirst = log.locator('article.bubble', { hasText: firstBefore ?? '' });
    await expect
      .poll(async () => {
        const box = await previousFirst.boundingBox();
        const view = await log.boundingBox();
        return Boolean(box && view && box.y + box.height > view.y && box.y < view.y + view.height);
      }, poll)
      .toBe(true);
    expect(
      await earlier.evaluate(
        (element) =>
          element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement,
      ),
    ).toBe(true);
    await suite.shots.screenshot(desktop, 'chat-show-earlier');
  });

  test('no console errors and no uncaught page errors in any page', () => {
    expect(suite.shots.problems()).toEqual([]);
  });
});
