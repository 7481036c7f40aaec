/**
 * What every trading tool starts from: the account the orchestrator trades (its selected one, else
 * the built-in offline paper account) and a broker connection for it, plus the few formatting helpers
 * that keep tool results short and uniform.
 */
import { accountForOrchestrator, type BrokerAccountRow } from '../../trading/accounts/store.ts';
import { type BrokerEnvironment, openBroker } from '../../trading/broker/factory.ts';
import { type Broker, BrokerError, type Quote } from '../../trading/broker/types.ts';
import { type ToolContext, ToolError } from '../types.ts';

export interface TradingSession {
  account: BrokerAccountRow;
  broker: Broker;
}

export async function tradingSession(ctx: ToolContext, env: BrokerEnvironment): Promise<TradingSession> {
  const account = await accountForOrchestrator(ctx.db, ctx.orchestratorId);
  return { account, broker: await openBroker(account, { db: ctx.db, env }) };
}

/** Runs a broker call, turning its refusals into a message the model can act on. */
export async function brokerCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BrokerError) throw new ToolError(`${what} failed (${error.code}): ${error.message}`);
    throw error;
  }
}

export function accountLabel(account: BrokerAccountRow): string {
  return `${account.name} (${account.broker} ${account.mode})`;
}

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function price(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(2);
}

export function midOf(quote: Quote | undefined): number | null {
  if (!quote) return null;
  const bid = quote.bid > 0 ? quote.bid : null;
  const ask = quote.ask > 0 ? quote.ask : null;
  if (bid !== null && ask !== null) return Math.round(((bid + ask) / 2) * 100) / 100;
  return bid ?? ask;
}

/** Today's date in New York (YYYY-MM-DD): option expiries are New York dates. */
export function newYorkToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The underlying's price now: its quote's mid. */
export async function spotPrice(broker: Broker, underlying: string): Promise<number> {
  const [quote] = await brokerCall(`quote for ${underlying}`, () => broker.latestQuotes([underlying]));
  const mid = midOf(quote);
  if (mid === null) throw new ToolError(`no quote for ${underlying}: is it a listed symbol?`);
  return mid;
}
