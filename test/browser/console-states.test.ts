/**
 * The console's states and its phone layout in Debian's chromium against the real local stack with
 * the offline model (see harness/): readable event rows at once (typing and turn events included), an
 * over-long message kept in the box, the stream's place kept across tab switches, the swimlane
 * selection kept on its event when a newer workflow arrives, archived and unknown orchestrators, and
 * the phone (375×812): compact chrome, every tab reachable, nothing wider than the screen, an even
 * picker grid and unclipped step squares. One stack and one browser for the whole file; the tests run
 * in order and build on each other's state. Screenshots: test-results/browser/console-states/.
 *
 * No timing assertions: the generous timeouts only bound how long a broken build takes to fail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { consoleState } from './harness/console-hook.ts';
import { allEvents } from './harness/stack.ts';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('console-states');

const ADW_TIMEOUT = 120_000;
const PHONE = { width: 375, height: 812 };

let desktop: Page;
let orchestratorId: string;

const stream = (page: Page): Locator => page.locator('section[aria-label="Event stream"]');
const rows = (page: Page): Locator => stream(page).locator('[data-seq]');
const connection = (page: Page): Locator => page.getByTestId('connection');
const messageBox = (page: Page): Locator => page.getByLabel('Message', { exact: true });
const centreTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Centre view' }).getByRole('tab', { name, exact: true });
const phoneTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
type Rect = { getBoundingClientRect(): Box };
type Doc = { documentElement: { scrollWidth: number; clientWidth: number } };

async function open(page: Page, id: string): Promise<void> {
  await page.goto(`${suite.stack.baseUrl}/o/${id}#token=${suite.stack.token}`);
  await page.waitForURL(new RegExp(`/o/${id}`), { timeout: UI_TIMEOUT });
}

/** The seqs of the rows inside the event scroller's visible area, top to bottom. */
async function visibleSeqs(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const doc = globalThis as unknown as {
      document: {
        querySelector(selector: string): Rect | null;
        querySelectorAll(selector: string): ArrayLike<Rect & { dataset: { seq?: string } }>;
      };
    };
    const scroller = doc.document.querySelector('[role="log"][aria-label="Events"]');
    if (!scroller) return [];
    const view = scroller.getBoundingClientRect();
    const seqs: number[] = [];
    for (const row of Array.from(
      doc.document.querySelectorAll('[role="log"][aria-label="Events"] [data-seq]'),
    )) {
      const box = row.getBoundingClientRect();
      // Mostly inside: at least half of the row's height shows.
      const middle = (box.top + box.bottom) / 2;
      if (middle > view.top && middle < view.bottom) seqs.push(Number(row.dataset.seq));
    }
    return seqs.sort((a, b) => a - b);
  });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
}

async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((element) => {
    const rect = (element as unknown as Rect).getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
  });
}

describe('console states and the phone layout, in chromium on the real local stack', () => {
  test('every event row reads as a sentence at once, chat_typing and turn_* included', async () => {
    const created = await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'states e2e' });
    orchestratorId = created.id;
    desktop = await suite.shots.open('desktop');
    await open(desktop, orchestratorId);
    await expect.poll(() => connection(desktop).getAttribute('data-state'), poll).toBe('live');

    await messageBox(desktop).fill('create agent alpha');
    await messageBox(desktop).press('Enter');
    await desktop.locator('article[aria-label="Agent alpha"]').waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => stream(desktop).locator('[data-type="turn_completed"]').count(), poll)
      .toBeGreaterThan(0);
    await suite.shots.screenshot(desktop, 'rows-readable');

    const lines = await rows(desktop).evaluateAll((elements) =>
      elements.map((element) => {
        const row = element as unknown as {
          dataset: { type?: string };
          querySelector(selector: string): { textContent: string | null } | null;
        };
        return { type: row.dataset.type ?? '', text: row.querySelector('.text')?.textContent ?? '' };
      }),
    );
    const types = new Set(lines.map((line) => line.type));
    for (const type of ['chat_typing', 'turn_started', 'turn_completed', 'chat_message']) {
      expect(types.has(type), `a ${type} row is shown`).toBe(true);
    }
    for (const line of lines) {
      expect(line.text.trim().length, `${line.type} has a line`).toBeGreaterThan(0);
      expect(line.text, `${line.type} is not JSON`).not.toMatch(/^\s*\{|"\w+":/);
    }
    expect(lines.find((line) => line.type === 'chat_typing')?.text).toMatch(/typing/i);
  });

  test('a message over the limit stays in the box with its count, and is not sent', async () => {
    const bubbles = desktop.locator('article[data-role="user"]');
    const before = await bubbles.count();
    const long = 'x'.repeat(100_001);
    await messageBox(desktop).fill(long);
    await messageBox(desktop).press('Enter');
    const alert = desktop.locator('section[aria-label="Chat"]').getByRole('alert');
    await expect.poll(() => alert.textContent(), poll).toContain('100,001 characters');
    expect(await messageBox(desktop).inputValue()).toHaveLength(long.length);
    expect(await messageBox(desktop).getAttribute('aria-invalid')).toBe('true');
    expect(await bubbles.count()).toBe(before);
    await suite.shots.screenshot(desktop, 'message-too-long');
    // Fitting again clears the error; nothing was sent meanwhile.
    await messageBox(desktop).fill('short');
    await expect.poll(() => alert.count(), poll).toBe(0);
    await messageBox(desktop).fill('');
    expect(await bubbles.count()).toBe(before);
  });

  test('the palette refuses an over-long prompt the same way', async () => {
    await desktop.getByRole('button', { name: 'Command palette' }).click();
    const palette = desktop.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: UI_TIMEOUT });
    await palette.getByLabel('Prompt').fill('y'.repeat(100_002));
    await palette.getByLabel('Prompt').press('Enter');
    await expect.poll(() => palette.getByRole('alert').textContent(), poll).toContain('100,002 characters');
    expect(await palette.getByLabel('Prompt').inputValue()).toHaveLength(100_002);
    await desktop.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  test('a workflow event selected in the swimlanes stays selected when a newer workflow is listed first', async () => {
    const start = (name: string) =>
      suite.stack.api('POST', `/orchestrators/${orchestratorId}/adws`, {
        workflow_type: 'plan_build',
        name,
        prompt: `write notes/${name}.md`,
      });
    await centreTab(desktop, 'Workflows').click();
    await start('first-wf');
    const first = desktop.locator('article[data-adw-id]').filter({ hasText: 'first-wf' });
    await expect
      .poll(() => first.getAttribute('data-status'), { ...poll, timeout: ADW_TIMEOUT })
      .toBe('completed');
    const square = first.locator('.lane[data-step="plan"] button[data-seq]').first();
    const seq = await square.getAttribute('data-seq');
    await square.click();
    const detail = desktop.getByRole('dialog');
    await detail.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => first.locator('[data-selected="true"]').getAttribute('data-seq'), poll).toBe(seq);

    await start('second-wf');
    const second = desktop.locator('article[data-adw-id]').filter({ hasText: 'second-wf' });
    await expect
      .poll(() => second.locator('button[data-seq]').count(), { ...poll, timeout: ADW_TIMEOUT })
      .toBeGreaterThan(2);
    expect(await desktop.locator('article[data-adw-id] h3').first().textContent()).toBe('second-wf');
    // The outline is still on the same event of the same card, and only there.
    expect(await desktop.locator('[data-selected="true"]').count()).toBe(1);
    expect(await first.locator('[data-selected="true"]').getAttribute('data-seq')).toBe(seq);
    expect(await detail.getAttribute('data-seq')).toBe(seq);
    expect(await detail.textContent()).toContain('first-wf');
    await suite.shots.screenshot(desktop, 'selection-kept');
    await desktop.keyboard.press('Escape');
    await expect
      .poll(() => second.getAttribute('data-status'), { ...poll, timeout: ADW_TIMEOUT })
      .toBe('completed');
  });

  test('Events → Files → Events: following stays at the newest event; not following keeps the reading position', async () => {
    await centreTab(desktop, 'Events').click();
    // Enough rows to scroll: 400 system_log events through the debug hook (the socket's path).
    const from = ((await consoleState(desktop))?.lastSeq ?? 0) + 1;
    await desktop.evaluate(
      ({ from, orchestratorId }) => {
        const hook = (globalThis as unknown as { __console: { injectEvents(events: unknown[]): void } })
          .__console;
        hook.injectEvents(
          Array.from({ length: 400 }, (_, i) => ({
            seq: from + i,
            type: 'system_log',
            category: 'system',
            ts: new Date().toISOString(),
            orchestrator_id: orchestratorId,
            data: { level: 'info', message: `injected line ${from + i}` },
          })),
        );
      },
      { from, orchestratorId },
    );
    const last = from + 399;
    await expect.poll(async () => (await visibleSeqs(desktop)).at(-1), poll).toBe(last);

    await centreTab(desktop, 'Files').click();
    await desktop.getByRole('heading', { level: 2, name: 'Files' }).waitFor({ timeout: UI_TIMEOUT });
    await centreTab(desktop, 'Events').click();
    await expect.poll(async () => (await visibleSeqs(desktop)).at(-1), poll).toBe(last);
    expect((await visibleSeqs(desktop))[0]).toBeGreaterThan(from);
    await suite.shots.screenshot(desktop, 'following-after-tab-switch');

    // Stop following and read somewhere in the middle.
    await stream(desktop).getByRole('button', { name: 'Auto-follow' }).click();
    expect(
      await stream(desktop).getByRole('button', { name: 'Auto-follow' }).getAttribute('aria-pressed'),
    ).toBe('false');
    await desktop.locator('[role="log"][aria-label="Events"]').evaluate((element) => {
      const scroller = element as unknown as { scrollTop: number; scrollHeight: number };
      scroller.scrollTop = scroller.scrollHeight / 2;
    });
    let reading: number[] = [];
    await expect
      .poll(async () => {
        reading = await visibleSeqs(desktop);
        return (reading[0] ?? 0) > from && (reading.at(-1) ?? last) < last;
      }, poll)
      .toBe(true);
    const top = reading[0] ?? 0;
    await centreTab(desktop, 'Files').click();
    await desktop.getByRole('heading', { level: 2, name: 'Files' }).waitFor({ timeout: UI_TIMEOUT });
    await centreTab(desktop, 'Events').click();
    await expect
      .poll(async () => Math.abs(((await visibleSeqs(desktop))[0] ?? 0) - top), poll)
      .toBeLessThanOrEqual(1);
    await suite.shots.screenshot(desktop, 'reading-position-kept');
  });

  test('an archived orchestrator is read-only: history shows, the message box and the palette are disabled', async () => {
    const archived = await suite.stack.api<{ id: string }>('POST', '/orchestrators', {
      name: 'archived e2e',
    });
    await suite.stack.api('POST', `/orchestrators/${archived.id}/messages`, { message: 'create agent beta' });
    await expect
      .poll(
        async () => (await allEvents(suite.stack, archived.id)).some((e) => e.type === 'turn_completed'),
        poll,
      )
      .toBe(true);
    await suite.stack.api('POST', `/orchestrators/${archived.id}/archive`);

    const page = await suite.shots.open('archived');
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await open(page, archived.id);
    await expect.poll(() => connection(page).getAttribute('data-state'), poll).toBe('archived');
    await expect.poll(() => rows(page).count(), poll).toBeGreaterThan(0);
    expect(
      await page.locator('article[data-role="user"]').filter({ hasText: 'create agent beta' }).count(),
    ).toBe(1);
    expect(await messageBox(page).isDisabled()).toBe(true);
    expect(await page.locator('section[aria-label="Chat"]').getByRole('note').textContent()).toMatch(
      /archived/i,
    );
    await suite.shots.screenshot(page, 'archived');

    await page.getByRole('button', { name: 'Command palette' }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: UI_TIMEOUT });
    await palette.getByLabel('Prompt').fill('hello');
    expect(await palette.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await palette.getByRole('note').textContent()).toMatch(/archived/i);
    await suite.shots.screenshot(page, 'archived-palette');
    expect(sockets).toEqual([]);
    await page.context().close();
  });

  test('an unknown or malformed orchestrator id shows a dead end with a way back, no socket and no input', async () => {
    const page = await suite.shots.open('missing');
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const cases = [
      { id: '00000000-0000-4000-8000-000000000000', reason: 'not-found', heading: 'Orchestrator not found' },
      { id: 'not-an-id', reason: 'invalid', heading: 'Not a valid orchestrator id' },
    ];
    for (const { id, reason, heading } of cases) {
      await suite.shots.expectingProblems(/404|422|Not Found|Unprocessable/i, async () => {
        await open(page, id);
        const panel = page.getByTestId('orchestrator-unavailable');
        await panel.waitFor({ timeout: UI_TIMEOUT });
        expect(await panel.getAttribute('data-reason')).toBe(reason);
        expect(await panel.getByRole('heading', { name: heading }).count()).toBe(1);
        expect(await connection(page).getAttribute('data-state')).toBe(reason);
      });
      expect(await messageBox(page).count()).toBe(0);
      await suite.shots.screenshot(page, `unavailable-${reason}`);
    }
    expect(sockets).toEqual([]);
    await page.getByRole('link', { name: 'Back to the orchestrators' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orchestrators' }).waitFor({ timeout: UI_TIMEOUT });
    await page.context().close();
  });

  test('on a phone (375×812): compact chrome, every tab reachable, nothing wider than the screen', async () => {
    const phone = await suite.shots.open('phone', PHONE);
    await open(phone, orchestratorId);
    await expect.poll(() => connection(phone).getAttribute('data-state'), poll).toBe('live');
    await expect.poll(() => rows(phone).count(), poll).toBeGreaterThan(0);
    await suite.shots.screenshot(phone, 'opened');

    // Header, banner and tabs: at most 15% of the height.
    const tablist = phone.getByRole('tablist', { name: 'Panels' });
    const chromeBottom = (await box(tablist)).bottom;
    expect(chromeBottom).toBeLessThanOrEqual(PHONE.height * 0.15);
    expect(
      await phone
        .getByRole('note')
        .filter({ hasText: /offline model/i })
        .count(),
    ).toBe(1);

    // The counters are one tap away.
    await phone.getByRole('button', { name: 'Stats' }).click();
    await expect.poll(() => phone.getByTestId('event-count').isVisible(), poll).toBe(true);
    await suite.shots.screenshot(phone, 'stats-open');
    await phone.getByRole('button', { name: 'Stats' }).click();
    await expect.poll(() => phone.getByTestId('event-count').isVisible(), poll).toBe(false);

    for (const name of ['Agents', 'Events', 'Chat', 'Workflows', 'Files', 'Costs']) {
      const tab = phoneTab(phone, name);
      const where = await box(tab);
      expect(where.left, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(where.right, `${name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
      await tab.click({ trial: true, timeout: 5_000 });
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-selected'), poll).toBe('true');
      await expect.poll(() => horizontalOverflow(phone), poll).toBeLessThanOrEqual(0);
      await suite.shots.screenshot(phone, `tab-${name}`);
    }

    // Workflow step squares fit the card and the screen.
    await phoneTab(phone, 'Workflows').click();
    const squares = phone.locator('article[data-adw-id] button[data-seq]');
    await expect.poll(() => squares.count(), poll).toBeGreaterThan(0);
    const clipped = await phone.locator('article[data-adw-id] .squares').evaluateAll((lanes) =>
      lanes.flatMap((lane) => {
        const frame = (lane as unknown as Rect).getBoundingClientRect();
        const buttons = (
          lane as unknown as { querySelectorAll(s: string): ArrayLike<Rect> }
        ).querySelectorAll('button[data-seq]');
        return Array.from(buttons)
          .map((button) => button.getBoundingClientRect())
          .filter((square) => square.left < frame.left || square.right > frame.right || square.right > 375);
      }),
    );
    expect(clipped).toEqual([]);
    await suite.shots.screenshot(phone, 'workflows');

    // Events → Chat → Events on the phone tabs: still at the newest event.
    // (Summaries may still arrive: the newest is read in each poll.)
    const atNewest = async () => (await visibleSeqs(phone)).at(-1) === (await consoleState(phone))?.lastSeq;
    await phoneTab(phone, 'Events').click();
    await expect.poll(atNewest, poll).toBe(true);
    await phoneTab(phone, 'Chat').click();
    await expect.poll(() => messageBox(phone).isVisible(), poll).toBe(true);
    await phoneTab(phone, 'Events').click();
    await expect.poll(atNewest, poll).toBe(true);
    await suite.shots.screenshot(phone, 'events-after-chat');
  });

  test('on a phone the picker lists orchestrators in an even grid, within the screen', async () => {
    await suite.stack.api('POST', '/orchestrators', {
      name: 'an orchestrator with a much longer name than the others',
    });
    const phone = await suite.shots.open('phone-picker', PHONE);
    await phone.goto(`${suite.stack.baseUrl}/#token=${suite.stack.token}`);
    await phone.getByRole('heading', { level: 1, name: 'Orchestrators' }).waitFor({ timeout: UI_TIMEOUT });
    const cards = phone.locator('ul.list > li');
    await expect.poll(() => cards.count(), poll).toBeGreaterThan(1);
    const boxes = await cards.evaluateAll((items) =>
      items.map((item) => {
        const rect = (item as unknown as Rect).getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      }),
    );
    for (const card of boxes) {
      expect(card.left).toBe(boxes[0]?.left);
      expect(card.right).toBe(boxes[0]?.right);
      expect(card.right).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await suite.shots.screenshot(phone, 'picker');
    expect(suite.shots.problems()).toEqual([]);
  });
});
