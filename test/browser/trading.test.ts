/**
 * The console's Trading tab in chromium against the real local stack and its offline paper broker:
 * the default account with its PAPER badge and balances; an iron condor placed through the API shows
 * as one strategy of four legs with P&L and closes through the confirmation dialog (a double-click
 * sends one close); a close refused by the server shows its message and request id; the trade in
 * Trades with realised P&L and statistics; Greeks after a snapshot, with a chart per contract; an
 * approval in the inbox (badge on the tab) approved from the console; reloads keep the view; and the
 * whole tab on a phone. Screenshots: test-results/browser/trading/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('trading');
const PHONE = { width: 375, height: 812 };

interface Account {
  id: string;
  name: string;
  mode: string;
  is_default: boolean;
}
interface Contract {
  symbol: string;
  strike?: number;
  expiry?: string;
  type?: string;
  underlying_price?: number | null;
}
interface Order {
  id: string;
  status: string;
}

let orchestratorId: string;
let account: Account;
let desktop: Page;

const centreTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Centre view' }).getByRole('tab', { name: new RegExp(`^${name}`) });
const phoneTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: new RegExp(`^${name}`) });
const part = (page: Page, name: string): Locator =>
  page.getByRole('group', { name: 'Trading view' }).getByRole('button', { name: new RegExp(`^${name}`) });
const strategies = (page: Page): Locator => page.getByTestId('strategy');

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${suite.stack.baseUrl}/o/${orchestratorId}${query}#token=${suite.stack.token}`);
  await page.waitForURL(new RegExp(`/o/${orchestratorId}`), { timeout: UI_TIMEOUT });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
}

/** OCC symbol parts, for choosing strikes from the latest snapshot. */
function occ(symbol: string): { expiry: string; type: 'call' | 'put'; strike: number } {
  const match = /^[A-Z]+(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(symbol);
  if (!match) throw new Error(`not an OCC symbol: ${symbol}`);
  const [, yy, mm, dd, cp, strike] = match as unknown as string[];
  return { expiry: `20${yy}-${mm}-${dd}`, type: cp === 'C' ? 'call' : 'put', strike: Number(strike) / 1000 };
}

/** A short iron condor on SPY from the latest snapshot: strikes about 3% and 5% either side of spot. */
async function ironCondorLegs(): Promise<
  Array<{ symbol: string; side: string; ratio_qty: number; position_intent: string }>
> {
  const latest = await suite.stack.api<{ contracts: Contract[] }>('GET', '/snapshots/latest?underlying=SPY');
  const contracts = latest.contracts.map((contract) => ({ ...contract, ...occ(contract.symbol) }));
  const spot = latest.contracts.find((contract) => typeof contract.underlying_price === 'number')
    ?.underlying_price as number;
  const expiries = [...new Set(contracts.map((contract) => contract.expiry))].sort();
  // A few weeks out: the legs keep a price (an expiry this week could end mid-test).
  const expiry = expiries[Math.min(3, expiries.length - 1)] as string;
  const nearest = (type: 'call' | 'put', target: number): string => {
    const candidates = contracts.filter((contract) => contract.expiry === expiry && contract.type === type);
    candidates.sort((a, b) => Math.abs(a.strike - target) - Math.abs(b.strike - target));
    return (candidates[0] as Contract).symbol;
  };
  return [
    { symbol: nearest('put', spot * 0.95), side: 'buy', ratio_qty: 1, position_intent: 'buy_to_open' },
    { symbol: nearest('put', spot * 0.97), side: 'sell', ratio_qty: 1, position_intent: 'sell_to_open' },
    { symbol: nearest('call', spot * 1.03), side: 'sell', ratio_qty: 1, position_intent: 'sell_to_open' },
    { symbol: nearest('call', spot * 1.05), side: 'buy', ratio_qty: 1, position_intent: 'buy_to_open' },
  ];
}

async function placeIronCondor(key: string): Promise<Order> {
  const { order } = await suite.stack.api<{ order: Order }>('POST', `/accounts/${account.id}/orders`, {
    client_order_id: key,
    order_class: 'mleg',
    legs: await ironCondorLegs(),
    qty: 1,
    type: 'market',
    time_in_force: 'day',
  });
  return order;
}

async function orderCount(): Promise<number> {
  const page = await suite.stack.api<{ orders: Order[] }>(
    'GET',
    `/accounts/${account.id}/orders?status=all&limit=100`,
  );
  return page.orders.length;
}

describe('the Trading tab in chromium', () => {
  test('opens on the Offline paper account: PAPER badge, equity, buying power, day P&L; a reload keeps the tab', async () => {
    orchestratorId = (
      await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'trading e2e' })
    ).id;
    const { accounts } = await suite.stack.api<{ accounts: Account[] }>('GET', '/accounts');
    account = accounts.find((item) => item.is_default) as Account;
    expect(account).toMatchObject({ name: 'Offline paper', mode: 'paper' });
    // Greeks and the condor's strikes come from a snapshot of the offline chain.
    await suite.stack.api('POST', '/snapshots/run', { underlyings: ['SPY'] });

    desktop = await suite.shots.open('desktop');
    await open(desktop);
    await centreTab(desktop, 'Trading').click();
    await desktop.getByRole('heading', { level: 2, name: 'Trading' }).waitFor({ timeout: UI_TIMEOUT });
    const switcher = desktop.getByTestId('account-switcher');
    await expect.poll(() => switcher.getByLabel('Account').inputValue(), poll).toBe(account.id);
    expect(await switcher.getByTestId('mode-badge').textContent()).toContain('PAPER');
    await expect
      .poll(() => switcher.getByTestId('figure-equity').textContent(), poll)
      .toMatch(/^\s*\$[\d,]+\.\d\d\s*$/);
    expect(await switcher.getByTestId('figure-buying-power').textContent()).toMatch(/\$[\d,]+\.\d\d/);
    expect(await switcher.getByTestId('figure-day-p-l').textContent()).toMatch(/\$[\d,]+\.\d\d/);
    await desktop.getByText('No open positions.').waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(desktop, 'account');

    expect(desktop.url()).toContain('view=Trading');
    await desktop.reload();
    await desktop.getByRole('heading', { level: 2, name: 'Trading' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await centreTab(desktop, 'Trading').getAttribute('aria-selected')).toBe('true');
  });

  test('an iron condor placed through the API shows 4 legs with P&L and closes once through the confirmation', async () => {
    const before = await orderCount();
    await placeIronCondor('e2e-condor-1');
    const card = strategies(desktop).first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.locator('h4').textContent()).toMatch(/^SPY \d{4}-\d{2}-\d{2} · Iron condor$/);
    expect(await card.getByTestId('leg').count()).toBe(4);
    expect(await card.getByTestId('strategy-pnl').textContent()).toMatch(/[+-]?\$[\d,]+\.\d\d/);
    const directions = await card.locator('[data-direction]').allTextContents();
    expect(directions.sort()).toEqual(['long', 'long', 'short', 'short']);
    expect(await desktop.getByTestId('positions-total').textContent()).toMatch(/\$[\d,]+\.\d\d/);
    // The legs' quotes stream over the account's quote socket (the offline account replays its market).
    await expect
      .poll(() => desktop.getByTestId('quotes-status').getAttribute('data-status'), poll)
      .toBe('replay');
    await suite.shots.screenshot(desktop, 'iron-condor');

    await card.getByRole('button', { name: 'Close strategy' }).click();
    const dialog = desktop.getByTestId('close-dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    const lines = await dialog.getByTestId('close-line').allTextContents();
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.includes('Buy to close'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('Sell to close'))).toHaveLength(2);
    expect(await dialog.textContent()).toContain('multi-leg market order');
    await suite.shots.screenshot(desktop, 'close-dialog');
    // A double-click: one request key, one closing order.
    await dialog.getByRole('button', { name: 'Send closing order' }).dblclick();
    await desktop.getByText('No open positions.').waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog.isVisible()).toBe(false);
    expect(await orderCount()).toBe(before + 2);
    await suite.shots.screenshot(desktop, 'closed');
  });

  test('a close the server refuses shows its message and request id, and the dialog stays', async () => {
    await placeIronCondor('e2e-condor-2');
    const card = strategies(desktop).first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    const strategyId = (await card.getAttribute('data-strategy-id')) as string;
    await card.getByRole('button', { name: 'Close strategy' }).click();
    const dialog = desktop.getByTestId('close-dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    // Closed elsewhere meanwhile (another tab, an agent): the dialog's close names a strategy no longer held.
    await suite.stack.api('POST', `/accounts/${account.id}/positions/${strategyId}/close`, {
      request_key: 'e2e-elsewhere',
    });
    await suite.shots.expectingProblems(/404|409|422|Not Found|Conflict|Unprocessable/i, async () => {
      await dialog.getByRole('button', { name: 'Send closing order' }).click();
      const problem = dialog.getByTestId('trading-error');
      await problem.waitFor({ timeout: UI_TIMEOUT });
      expect(await problem.textContent()).toMatch(/not held|no longer|not found/i);
      expect(await problem.textContent()).toMatch(/\(request [\w-]+\)/);
    });
    await suite.shots.screenshot(desktop, 'close-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await desktop.getByText('No open positions.').waitFor({ timeout: UI_TIMEOUT });
  });

  test('Trades: the closed condors with their legs, realised P&L, statistics and the CSV link', async () => {
    await part(desktop, 'Trades').click();
    const trades = desktop.getByTestId('trade');
    await expect.poll(() => trades.count(), poll).toBe(2);
    const first = trades.first();
    expect(await first.getAttribute('data-status')).toBe('closed');
    expect(await first.getByTestId('trade-leg').count()).toBe(4);
    expect(await first.getByTestId('trade-realised').textContent()).toMatch(/^\s*[+-]?\$[\d,]+\.\d\d\s*$/);
    const stats = desktop.getByTestId('trade-stats');
    expect(await stats.textContent()).toMatch(/Win rate\s*\d+%/);
    expect(await stats.textContent()).toMatch(/Max drawdown/);
    expect(await stats.textContent()).toMatch(/Expectancy\s*[+-]?\$/);
    const csv = desktop.getByTestId('trades-csv');
    expect(await csv.getAttribute('href')).toBe(`/api/accounts/${account.id}/trades.csv`);
    const text = await desktop.evaluate(
      async (href) => (await fetch(href)).text(),
      (await csv.getAttribute('href')) as string,
    );
    expect(text.trim().split('\n').length).toBeGreaterThan(2);
    await suite.shots.screenshot(desktop, 'trades');
  });

  test('Greeks: the latest SPY chain, a contract picked, its IV and Greeks charted; the pick survives a reload', async () => {
    await part(desktop, 'Greeks').click();
    const rows = desktop.getByTestId('snapshot-row');
    await expect.poll(() => rows.count(), poll).toBeGreaterThan(3);
    expect(await desktop.getByTestId('snapshot-meta').textContent()).toMatch(/SPY at \d+\.\d\d · snapshot/);
    await desktop.getByRole('button', { name: 'Snapshot now' }).click();
    await expect
      .poll(() => desktop.getByRole('button', { name: 'Snapshot now' }).isEnabled(), poll)
      .toBe(true);
    await rows.nth(2).getByRole('button').click();
    const canvas = desktop.getByTestId('greeks-chart').locator('canvas');
    await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0, poll).toBeGreaterThan(100);
    expect(await canvas.getAttribute('aria-label')).toMatch(/over [2-9]\d* snapshots/);
    await suite.shots.screenshot(desktop, 'greeks');
    expect(desktop.url()).toMatch(/part=Greeks.*contract=SPY/);
    await desktop.reload();
    await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0, poll).toBeGreaterThan(100);
  });

  test('an unknown contract and an unknown underlying read as messages, not blank panels', async () => {
    await suite.shots.expectingProblems(/404|422|Not Found|Unprocessable/i, async () => {
      await open(desktop, '?view=Trading&part=Greeks&underlying=NOPE&contract=NOPE261218C00100000');
      const problems = desktop.getByTestId('trading-error');
      await expect.poll(() => problems.count(), poll).toBeGreaterThan(0);
      expect((await problems.allTextContents()).join(' ')).toMatch(/NOPE/);
      const history = desktop.getByRole('region', { name: 'NOPE261218C00100000' });
      await expect
        .poll(() => history.textContent(), poll)
        .toMatch(/No snapshots of this contract yet|could not be read/);
    });
    await suite.shots.screenshot(desktop, 'greeks-unknown');
  });

  test("a trader agent's iron condor waits in the inbox (badge on the tab), is approved from the console and opens the position", async () => {
    await open(desktop);
    await suite.stack.api('POST', `/orchestrators/${orchestratorId}/messages`, {
      message: 'create agent desk from template trader',
    });
    await expect
      .poll(async () => {
        const { agents } = await suite.stack.api<{ agents: Array<{ name: string }> }>(
          'GET',
          `/orchestrators/${orchestratorId}/agents`,
        );
        return agents.map((agent) => agent.name);
      }, poll)
      .toContain('desk');
    await suite.stack.api('POST', `/orchestrators/${orchestratorId}/messages`, {
      message: 'tell desk to open an iron condor on SPY',
    });
    // Noticed from another tab: the count on the Trading tab, live from the approval_requested event.
    const badge = desktop.getByRole('tablist', { name: 'Centre view' }).getByTestId('tab-badge-Trading');
    await expect.poll(() => badge.textContent(), poll).toMatch(/^\s*1\b/);
    await suite.shots.screenshot(desktop, 'approval-badge');
    // The same request in the event stream, under its own filter.
    const chip = desktop
      .getByRole('toolbar', { name: 'Event filters' })
      .getByRole('button', { name: 'Trading' });
    await chip.click();
    const rows = desktop.getByRole('log', { name: 'Events' }).locator('[data-seq]');
    await expect
      .poll(() => rows.allTextContents(), poll)
      .toEqual([expect.stringMatching(/Approval requested/)]);
    await chip.click();

    await centreTab(desktop, 'Trading').click();
    await part(desktop, 'Approvals').click();
    const card = desktop.getByTestId('approval').first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.getByTestId('approval-leg').count()).toBe(4);
    const legs = await card.getByTestId('approval-leg').allTextContents();
    expect(legs.filter((leg) => leg.includes('Sell to open'))).toHaveLength(2);
    expect(legs.filter((leg) => leg.includes('Buy to open'))).toHaveLength(2);
    expect(await card.getByTestId('approval-terms').textContent()).toMatch(
      /^Multi-leg, .*notional \$[\d,]+\.\d\d/,
    );
    expect(await card.textContent()).toContain('Offline paper');
    expect(await card.getByTestId('mode-badge').textContent()).toContain('PAPER');
    expect(await card.getByTestId('approval-agent').textContent()).toBe('desk');
    await suite.shots.screenshot(desktop, 'approval');

    await card.getByRole('button', { name: 'Approve' }).click();
    const outcome = desktop.getByTestId('approval-outcome').first();
    await expect.poll(() => outcome.getAttribute('data-status'), poll).toBe('submitted');
    expect(await outcome.textContent()).toMatch(/^\s*Submitted: .*\(order [\w-]+\)/);
    await expect.poll(() => badge.count(), poll).toBe(0);
    await desktop.getByText('No orders are waiting for approval.').waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(desktop, 'approved');

    await part(desktop, 'Positions').click();
    await expect.poll(() => strategies(desktop).count(), poll).toBe(1);
    expect(await strategies(desktop).first().getByTestId('leg').count()).toBe(4);
  });

  test('a second request is rejected with a reason: no order, the agent is told', async () => {
    const before = await orderCount();
    await suite.stack.api('POST', `/orchestrators/${orchestratorId}/messages`, {
      message: 'tell desk to buy 1 SPY call',
    });
    await part(desktop, 'Approvals').click();
    const card = desktop.getByTestId('approval').first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await part(desktop, 'Approvals').textContent()).toMatch(/Approvals\s*1/);
    expect(await card.getByTestId('approval-terms').textContent()).toMatch(/^Single, /);
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.getByPlaceholder('Reason (optional)').fill('not today');
    await card.getByRole('button', { name: 'Reject order' }).click();
    const outcome = desktop.getByTestId('approval-outcome').first();
    await expect.poll(() => outcome.getAttribute('data-status'), poll).toBe('rejected');
    expect(await outcome.textContent()).toContain('— not today');
    expect(await orderCount()).toBe(before);
  });

  test('an archived orchestrator shows its trading read-only; a paused account says "trading disabled"', async () => {
    const archived = (
      await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'archived trading' })
    ).id;
    await suite.stack.api('POST', `/orchestrators/${archived}/archive`);
    await suite.stack.api('PATCH', `/accounts/${account.id}`, { trading_enabled: false });
    try {
      const page = await suite.shots.open('archived');
      await page.goto(`${suite.stack.baseUrl}/o/${archived}?view=Trading#token=${suite.stack.token}`);
      await page.getByTestId('trading-read-only').waitFor({ timeout: UI_TIMEOUT });
      const switcher = page.getByTestId('account-switcher');
      await expect
        .poll(() => switcher.getByTestId('mode-badge').textContent(), poll)
        .toMatch(/PAPER\s*trading disabled/);
      expect(await switcher.getByLabel('Account').isDisabled()).toBe(true);
      const card = strategies(page).first();
      await card.waitFor({ timeout: UI_TIMEOUT });
      expect(await card.getByRole('button', { name: 'Close strategy' }).isDisabled()).toBe(true);
      await part(page, 'Greeks').click();
      expect(await page.getByRole('button', { name: 'Snapshot now' }).isDisabled()).toBe(true);
      await suite.shots.screenshot(page, 'read-only');
      await page.context().close();
    } finally {
      await suite.stack.api('PATCH', `/accounts/${account.id}`, { trading_enabled: true });
    }
  });

  test('on a phone (375×812) every part of the Trading tab fits the screen and stays usable', async () => {
    const phone = await suite.shots.open('phone', PHONE);
    await open(phone, '?view=Trading');
    await expect.poll(() => phoneTab(phone, 'Trading').getAttribute('aria-selected'), poll).toBe('true');
    // Opened from the URL: the tab bar scrolls the selected tab into sight.
    await expect
      .poll(async () => {
        const tab = await phoneTab(phone, 'Trading').boundingBox();
        return tab !== null && tab.x >= 0 && tab.x + tab.width <= PHONE.width;
      }, poll)
      .toBe(true);
    const switcher = phone.getByTestId('account-switcher');
    await expect.poll(() => switcher.getByTestId('figure-equity').isVisible(), poll).toBe(true);
    expect(await switcher.getByTestId('mode-badge').isVisible()).toBe(true);
    const card = strategies(phone).first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.getByRole('button', { name: 'Close strategy' }).isVisible()).toBe(true);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    // Each leg's P&L and its Close button are on screen without scrolling the table.
    const firstLeg = card.getByTestId('leg').first();
    for (const cell of [
      firstLeg.locator('td[data-tone]'),
      firstLeg.getByRole('button', { name: /^Close leg / }),
    ]) {
      const where = await cell.boundingBox();
      expect(where && where.x >= 0 && where.x + where.width <= PHONE.width).toBe(true);
    }
    await suite.shots.screenshot(phone, 'positions');

    await card.getByRole('button', { name: 'Close strategy' }).click();
    const dialog = phone.getByTestId('close-dialog');
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Send closing order' }).isVisible()).toBe(true);
    await suite.shots.screenshot(phone, 'close-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    for (const name of ['Trades', 'Greeks', 'Approvals']) {
      await part(phone, name).click();
      await expect.poll(() => part(phone, name).getAttribute('aria-pressed'), poll).toBe('true');
      await phone.getByRole('heading', { level: 3, name }).waitFor({ timeout: UI_TIMEOUT });
      if (name === 'Trades') {
        const realised = phone.getByTestId('trade-leg').first().locator('td[data-tone]');
        await realised.waitFor({ timeout: UI_TIMEOUT });
        const where = await realised.boundingBox();
        expect(where && where.x + where.width <= PHONE.width, 'a leg’s realised P&L on screen').toBe(true);
      }
      if (name === 'Greeks') {
        await expect.poll(() => phone.getByTestId('snapshot-row').count(), poll).toBeGreaterThan(0);
        await phone.getByTestId('snapshot-row').first().getByRole('button').click();
        const canvas = phone.getByTestId('greeks-chart').locator('canvas');
        await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0, poll).toBeGreaterThan(200);
      }
      expect(await horizontalOverflow(phone), `${name} wider than the screen`).toBeLessThanOrEqual(0);
      await suite.shots.screenshot(phone, name.toLowerCase());
    }
    expect(suite.shots.problems()).toEqual([]);
  });
});
