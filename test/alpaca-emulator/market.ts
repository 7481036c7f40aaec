/**
 * The emulator's market: a few underlyings at fixed prices, a deterministic option universe around
 * each (12 weekly expiries × 61 strikes × call/put, so SPY's chain is more than one page), quotes
 * and Greeks from the desk's own Black-Scholes-Merton at a smile-free 20 % volatility, and the NYSE
 * calendar the desk bundles. Everything is a function of the emulator's clock, so a test that pins
 * the clock gets the same chain every run.
 */
import { bundledNyseCalendar } from '../../src/schedules/bundled-calendar.ts';
import { sessionOn, sessionTimes } from '../../src/schedules/trading-calendar.ts';
import { optionGreeks } from '../../src/trading/options/black-scholes.ts';
import { formatOccSymbol, parseOccSymbol } from '../../src/trading/options/occ-symbol.ts';

export const SPOTS: Readonly<Record<string, number>> = { SPY: 600, QQQ: 520, GLD: 250, SLV: 30, AAPL: 230 };
const VOLATILITY = 0.2;
const RATE = 0.04;
const EXPIRIES = 12;
const STRIKES_EACH_SIDE = 30;

export interface Contract {
  symbol: string;
  underlying: string;
  expiry: string;
  type: 'call' | 'put';
  strike: number;
}

export function strikeStep(spot: number): number {
  return spot < 100 ? 1 : spot < 300 ? 2.5 : 5;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The next `EXPIRIES` Fridays strictly after the clock's date. */
export function expiries(now: Date): string[] {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const result: string[] = [];
  while (result.length < EXPIRIES) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 5) result.push(isoDate(day));
  }
  return result;
}

/** Every contract on the underlying, sorted by symbol (Alpaca's order). Empty for unknown tickers. */
export function contractsOf(underlying: string, now: Date): Contract[] {
  const spot = SPOTS[underlying];
  if (spot === undefined) return [];
  const step = strikeStep(spot);
  const contracts: Contract[] = [];
  for (const expiry of expiries(now)) {
    for (let index = -STRIKES_EACH_SIDE; index <= STRIKES_EACH_SIDE; index += 1) {
      const strike = spot + index * step;
      for (const type of ['call', 'put'] as const) {
        contracts.push({
          symbol: formatOccSymbol({ root: underlying, expiry, type, strike }),
          underlying,
          expiry,
          type,
          strike,
        });
      }
    }
  }
  return contracts.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
}

export interface Pricing {
  bid: number;
  ask: number;
  mid: number;
  greeks: { delta: number; gamma: number; theta: number; vega: number; rho: number };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Model price of a contract at the clock's time, with a spread of 2 % (at least a cent each side). */
export function priceContract(symbol: string, now: Date): Pricing | null {
  let contract: ReturnType<typeof parseOccSymbol>;
  try {
    contract = parseOccSymbol(symbol);
  } catch {
    return null;
  }
  const spot = SPOTS[contract.root];
  if (spot === undefined) return null;
  const expiresAt = Date.parse(`${contract.expiry}T21:00:00Z`);
  const timeToExpiry = (expiresAt - now.getTime()) / (365 * 86_400_000);
  if (timeToExpiry <= 0) return null;
  const figures = optionGreeks({
    type: contract.type,
    spot,
    strike: contract.strike,
    rate: RATE,
    dividendYield: 0,
    timeToExpiry,
    volatility: VOLATILITY,
  });
  const mid = Math.max(0.01, round2(figures.price));
  const half = Math.max(0.01, round2(mid * 0.01));
  return {
    bid: round2(Math.max(0, mid - half)),
    ask: round2(mid + half),
    mid,
    greeks: {
      delta: figures.delta,
      gamma: figures.gamma,
      theta: figures.theta,
      vega: figures.vega,
      rho: figures.rho,
    },
  };
}

export function quoteOf(symbol: string, now: Date): { bid: number; ask: number } | null {
  const spot = SPOTS[symbol];
  if (spot !== undefined) return { bid: round2(spot - 0.01), ask: round2(spot + 0.01) };
  const priced = priceContract(symbol, now);
  return priced ? { bid: priced.bid, ask: priced.ask } : null;
}

export const VOLATILITY_QUOTED = VOLATILITY;

/** GET /v2/calendar rows for [start, end], from the bundled NYSE calendar. */
export function calendarRows(start: string, end: string) {
  const rows: Array<{
    date: string;
    open: string;
    close: string;
    session_open: string;
    session_close: string;
    settlement_date: string;
  }> = [];
  const day = new Date(`${start}T12:00:00Z`);
  const last = new Date(`${end}T12:00:00Z`);
  for (let guard = 0; day <= last && guard < 4000; guard += 1) {
    const date = isoDate(day);
    const session = sessionOn(bundledNyseCalendar(), date);
    if (session) {
      rows.push({
        date,
        open: session.open,
        close: session.close,
        session_open: '0400',
        session_close: '2000',
        settlement_date: date,
      });
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return rows;
}

const NEW_YORK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });

/** GET /v2/clock from the emulator's time: open now? next open and close as New York offsets. */
export function clockAt(now: Date) {
  const calendar = bundledNyseCalendar();
  const today = NEW_YORK_DATE.format(now);
  const todays = sessionTimes(calendar, today);
  const isOpen = todays !== null && now >= todays.opensAt && now < todays.closesAt;
  let nextOpen: Date | null = null;
  let nextClose: Date | null = isOpen && todays ? todays.closesAt : null;
  const day = new Date(`${today}T12:00:00Z`);
  for (let guard = 0; guard < 30 && (!nextOpen || !nextClose); guard += 1) {
    const times = sessionTimes(calendar, isoDate(day));
    if (times && times.opensAt > now && !nextOpen) nextOpen = times.opensAt;
    if (times && times.closesAt > now && !nextClose) nextClose = times.closesAt;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return {
    timestamp: now.toISOString(),
    is_open: isOpen,
    next_open: (nextOpen ?? now).toISOString(),
    next_close: (nextClose ?? now).toISOString(),
  };
}
