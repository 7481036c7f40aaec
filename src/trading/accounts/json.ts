/** Accounts and their broker figures as the API shows them (snake_case; credentials never included). */
import type { AccountSummary, BrokerHealth } from '../broker/types.ts';
import { type BrokerAccountRow, DEFAULT_ACCOUNT_ID } from './store.ts';

export function accountJson(row: BrokerAccountRow) {
  return {
    id: row.id,
    name: row.name,
    broker: row.broker,
    mode: row.mode,
    key_id_hint: row.keyIdHint,
    trading_enabled: row.tradingEnabled,
    max_order_notional: row.maxOrderNotional,
    max_daily_loss: row.maxDailyLoss,
    is_default: row.id === DEFAULT_ACCOUNT_ID,
    created_at: row.createdAt.toISOString(),
  };
}

export function healthJson(health: BrokerHealth) {
  return {
    circuit: health.circuit,
    recent_failures: health.recentFailures,
    retry_at: health.retryAt,
    last_error: health.lastError,
    requests_remaining: health.requestsRemaining,
  };
}

export function summaryJson(row: BrokerAccountRow, summary: AccountSummary, health: BrokerHealth) {
  return {
    account: accountJson(row),
    equity: summary.equity,
    cash: summary.cash,
    buying_power: summary.buyingPower,
    options_buying_power: summary.optionsBuyingPower,
    last_equity: summary.lastEquity,
    // Rounded to cents: equity − last equity in binary floating point leaves noise like 0.30000000000000004.
    day_pnl: Math.round((summary.equity - summary.lastEquity) * 100) / 100,
    status: summary.status,
    currency: summary.currency,
    health: healthJson(health),
  };
}
