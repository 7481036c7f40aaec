import { describe, expect, it } from 'vitest';
import { accountOption, healthBanner, modeBadge, pickAccount } from './account-model.ts';
import {
  expiresIn,
  notionalLine,
  orderLines,
  orderTerms,
  outcomeLine,
  sortPending,
} from './approvals-model.ts';
import { ironCondor, stats } from './fixtures.ts';
import { contractRows, expiries, greeksSeries, nearTheMoney } from './greeks-model.ts';
import { describeContract, parseOcc, shortContract } from './occ.ts';
import { closePreview, legRow, newRequestKey, strategyName, strategyTitle } from './positions-model.ts';
import { appendPage, statTiles } from './trades-model.ts';
import { formatGreek, formatMoney, formatPercent, formatPnl, pnlTone } from './trading-format.ts';
import type { Account, Approval, HistoryPoint, Trade } from './trading-types.ts';

const account = (over: Partial<Account> = {}): Account => ({
  id: 'a1',
  name: 'Offline paper',
  broker: 'offline',
  mode: 'paper',
  key_id_hint: null,
  trading_enabled: true,
  max_order_notional: null,
  max_daily_loss: null,
  is_default: true,
  created_at: '2026-12-01T00:00:00Z',
  ...over,
});

describe('formatting', () => {
  it('shows money with a sign only for P&L, and a dash for a missing figure', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(-3)).toBe('-$3.00');
    expect(formatPnl(12)).toBe('+$12.00');
    expect(formatPnl(-0.5)).toBe('-$0.50');
    expect(formatPnl(0)).toBe('$0.00');
    expect(formatPnl(null)).toBe('—');
    expect([pnlTone(1), pnlTone(-1), pnlTone(0), pnlTone(null)]).toEqual(['gain', 'loss', 'flat', 'flat']);
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatGreek(0.52341)).toBe('0.5234');
    expect(formatGreek(0.003456)).toBe('0.00346');
    expect(formatGreek(-12.345)).toBe('-12.35');
  });
});

describe('OCC symbols', () => {
  it('reads root, expiry, type and strike back', () => {
    expect(parseOcc('SPY261218C00600000')).toEqual({
      underlying: 'SPY',
      expiry: '2026-12-18',
      type: 'call',
      strike: 600,
    });
    expect(parseOcc('GLD270115P00187500')?.strike).toBe(187.5);
    expect(parseOcc('SPY')).toBeNull();
    expect(describeContract('SPY261218P00560000')).toBe('SPY 2026-12-18 560 put');
    expect(describeContract('QQQ')).toBe('QQQ');
    expect(shortContract('SPY261231P00669000')).toBe('669 put 12-31');
    expect(shortContract('QQQ')).toBe('QQQ');
  });
});

describe('the account switcher', () => {
  it('badges paper and live apart, and says when trading is disabled', () => {
    expect(modeBadge(account())).toEqual({ label: 'PAPER', mode: 'paper', note: null });
    expect(modeBadge(account({ mode: 'live', trading_enabled: false }))).toEqual({
      label: 'LIVE',
      mode: 'live',
      note: 'trading disabled',
    });
    expect(accountOption(account({ broker: 'alpaca', key_id_hint: 'PK…X2', name: 'Main' }))).toBe(
      'Main (paper, Alpaca PK…X2)',
    );
  });
  it('banners an open circuit with its failures and last error, and nothing when healthy', () => {
    const health = {
      circuit: 'open' as const,
      recent_failures: 5,
      retry_at: null,
      last_error: 'HTTP 503',
      requests_remaining: 200,
    };
    const banner = healthBanner(health);
    expect(banner?.level).toBe('bad');
    expect(banner?.text).toContain('circuit open after 5 failures');
    expect(banner?.text).toContain('HTTP 503');
    expect(healthBanner({ ...health, circuit: 'half_open' })?.level).toBe('warn');
    expect(healthBanner({ ...health, circuit: 'closed' })).toBeNull();
  });
  it('falls back to the default account when the selection is gone', () => {
    const live = account({ id: 'live', is_default: false, mode: 'live' });
    expect(pickAccount([account(), live], 'live')?.id).toBe('live');
    expect(pickAccount([live, account()], 'archived')?.id).toBe('a1');
    expect(pickAccount([], null)).toBeNull();
  });
});

describe('positions', () => {
  it('fills a leg row from its OCC symbol when the row lacks type, strike or expiry', () => {
    const row = legRow(ironCondor().legs[1] as never);
    expect(row).toMatchObject({
      type: 'put',
      strike: 560,
      expiry: '2026-12-18',
      direction: 'short',
      pnl: 50,
    });
    expect(strategyName('iron_condor')).toBe('Iron condor');
    expect(strategyTitle(ironCondor())).toBe('SPY 2026-12-18 · Iron condor');
  });
  it('closes a strategy with one multi-leg order: buy back the shorts, sell the longs', () => {
    const preview = closePreview(ironCondor());
    expect(preview.orderClass).toBe('mleg');
    expect(preview.leg).toBeNull();
    expect(preview.lines.map((line) => `${line.action} ${line.qty} ${line.symbol}`)).toEqual([
      'Sell to close 1 SPY261218P00550000',
      'Buy to close 1 SPY261218P00560000',
      'Buy to close 1 SPY261218C00640000',
      'Sell to close 1 SPY261218C00650000',
    ]);
    // 0.9·100 − 1.5·100 − 1.2·100 + 0.6·100 = −120: closing costs a $120 debit.
    expect(preview.estimate).toBe(-120);
  });
  it('closes one leg, all of it or a part, and refuses an unknown leg', () => {
    const one = closePreview(ironCondor(), 'leg-SPY261218C00640000');
    expect(one).toMatchObject({ orderClass: 'simple', leg: 'leg-SPY261218C00640000', qty: 1 });
    expect(one.lines[0]?.action).toBe('Buy to close');
    expect(one.title).toBe('Close SPY 2026-12-18 640 call');
    expect(() => closePreview(ironCondor(), 'nope')).toThrow(/no leg nope/);
  });
  it('makes one request key per dialog', () => {
    expect(newRequestKey(() => 'abc')).toBe('console-abc');
    expect(newRequestKey()).not.toBe(newRequestKey());
  });
});

describe('trades', () => {
  const trade = (id: string): Trade => ({
    id,
    underlying: 'SPY',
    status: 'closed',
    opened_at: '2026-12-01T15:00:00Z',
    closed_at: '2026-12-02T15:00:00Z',
    strategy: 'iron_condor',
    legs: [],
    realised_pnl: 10,
    unrealised_pnl: null,
  });
  it('appends a page without repeating a trade that moved between pages', () => {
    expect(appendPage([trade('a'), trade('b')], [trade('b'), trade('c')]).map((t) => t.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
  it('shows the statistics with their tones; no losses is an infinite profit factor, not a number', () => {
    const tiles = Object.fromEntries(statTiles(stats()).map((tile) => [tile.label, tile]));
    expect(tiles['Win rate']?.value).toBe('50%');
    expect(tiles['Avg loss']).toMatchObject({ value: '-$40.00', tone: 'loss' });
    expect(tiles['Profit factor']?.value).toBe('3.00');
    expect(tiles['Max drawdown']).toMatchObject({ value: '-$40.00', tone: 'loss' });
    expect(tiles['Unrealised P&L']?.value).toBe('-$12.50');
    const noLoss = Object.fromEntries(
      statTiles(stats({ losses: 0, profit_factor: null })).map((tile) => [tile.label, tile.value]),
    );
    expect(noLoss['Profit factor']).toBe('∞');
    const none = Object.fromEntries(
      statTiles(stats({ wins: 0, losses: 0, closed_trades: 0, win_rate: null, profit_factor: null })).map(
        (tile) => [tile.label, tile.value],
      ),
    );
    expect([none['Win rate'], none['Profit factor']]).toEqual(['—', '—']);
  });
});

describe('Greeks', () => {
  const contract = (symbol: string, delta: number) => ({
    symbol,
    bid: 1,
    ask: 1.2,
    implied_volatility: 0.2,
    delta,
    gamma: 0.01,
    theta: -0.05,
    vega: 0.3,
    underlying_price: 600,
  });
  it('orders contracts by expiry, strike, put before call, and keeps the strikes nearest the money', () => {
    const rows = contractRows([
      contract('SPY270115C00600000', 0.5),
      contract('SPY261218C00610000', 0.4),
      contract('SPY261218P00600000', -0.5),
      contract('SPY261218C00600000', 0.5),
      contract('SPY261218C00700000', 0.01),
      contract('NOT-A-CONTRACT', 0),
    ]);
    expect(rows.map((row) => row.symbol)).toEqual([
      'SPY261218P00600000',
      'SPY261218C00600000',
      'SPY261218C00610000',
      'SPY261218C00700000',
      'SPY270115C00600000',
    ]);
    expect(rows[0]?.mid).toBeCloseTo(1.1);
    expect(expiries(rows)).toEqual(['2026-12-18', '2027-01-15']);
    const near = nearTheMoney(rows.slice(0, 4), 602, 3);
    expect(near.map((row) => row.strike)).toEqual([600, 600, 610]);
  });
  it('turns a contract history into chart series in time order, gaps kept', () => {
    const point = (at: string, iv: number | null): HistoryPoint => ({
      snapshot_at: at,
      underlying_price: 600,
      bid: 1,
      ask: 1.2,
      last: null,
      implied_volatility: iv,
      delta: 0.5,
      gamma: 0.01,
      theta: -0.1,
      vega: 0.3,
      rho: 0.1,
    });
    const series = greeksSeries(
      [point('2026-12-02T13:00:00Z', null), point('2026-12-01T13:00:00Z', 0.2)],
      (iso) => iso.slice(0, 10),
    );
    expect(series.labels).toEqual(['2026-12-01', '2026-12-02']);
    expect(series.values.implied_volatility).toEqual([0.2, null]);
    expect(series.values.delta).toEqual([0.5, 0.5]);
  });
});

describe('approvals', () => {
  const approval = (over: Partial<Approval> = {}): Approval => ({
    id: 'ap1',
    orchestrator_id: 'o1',
    agent_id: 'ag1',
    account: { id: 'a1', name: 'Offline paper', mode: 'paper' },
    summary: 'Iron condor on SPY',
    order: {
      order_class: 'mleg',
      qty: 2,
      type: 'limit',
      limit_price: -1.25,
      time_in_force: 'day',
      legs: [
        { symbol: 'SPY261218P00560000', side: 'sell', ratio_qty: 1, position_intent: 'sell_to_open' },
        { symbol: 'SPY261218P00550000', side: 'buy', ratio_qty: 1, position_intent: 'buy_to_open' },
      ],
    },
    notional: 2000,
    status: 'pending',
    created_at: '2026-12-01T15:00:00Z',
    expires_at: '2026-12-01T15:15:00Z',
    decided_at: null,
    decided_by: null,
    reason: null,
    broker_order_id: null,
    error: null,
    ...over,
  });
  it('spells out every leg with its quantity, and the terms with a credit limit', () => {
    const { order } = approval();
    expect(orderLines(order).map((line) => `${line.action} ${line.qty} ${line.contract}`)).toEqual([
      'Sell to open 2 SPY 2026-12-18 560 put',
      'Buy to open 2 SPY 2026-12-18 550 put',
    ]);
    expect(orderTerms(order)).toBe('Multi-leg, limit 1.25 credit per unit, 2 units, day');
    expect(orderTerms({ order_class: 'simple', symbol: 'SPY', side: 'buy', qty: 5, type: 'market' })).toBe(
      'Single, market',
    );
    expect(orderLines({ order_class: 'simple', symbol: 'SPY', side: 'buy', qty: 5, type: 'market' })).toEqual(
      [{ action: 'Buy', qty: 5, symbol: 'SPY', contract: 'SPY' }],
    );
    expect(
      orderLines({
        order_class: 'simple',
        symbol: 'SPY261218C00600000',
        side: 'sell',
        position_intent: 'sell_to_close',
        qty: 1,
        type: 'market',
      })[0]?.action,
    ).toBe('Sell to close');
    expect(notionalLine(approval())).toBe('notional $2,000.00');
  });
  it('lists only pending ones, oldest first, with the time left', () => {
    const list = sortPending([
      approval({ id: 'new', created_at: '2026-12-01T16:00:00Z' }),
      approval({ id: 'done', status: 'approved' }),
      approval({ id: 'old' }),
    ]);
    expect(list.map((item) => item.id)).toEqual(['old', 'new']);
    const now = Date.parse('2026-12-01T15:10:30Z');
    expect(expiresIn('2026-12-01T15:15:00Z', now)).toBe('expires in 5 min');
    expect(expiresIn('2026-12-01T15:00:00Z', now)).toBe('expired');
    expect(expiresIn(null, now)).toBe('');
  });
  it('says what a decision came to', () => {
    expect(outcomeLine(approval({ status: 'submitted', broker_order_id: 'ord-1' }))).toBe(
      'Submitted: Iron condor on SPY (order ord-1)',
    );
    expect(outcomeLine(approval({ status: 'failed', error: 'trading is disabled' }))).toBe(
      'Failed: Iron condor on SPY — trading is disabled',
    );
    expect(outcomeLine(approval({ status: 'rejected', reason: 'too wide' }))).toBe(
      'Rejected: Iron condor on SPY — too wide',
    );
  });
});
