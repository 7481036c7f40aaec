import { describe, expect, it } from 'vitest';
import { summaryJson } from './json.ts';
import { type BrokerAccountRow, DEFAULT_ACCOUNT_ID } from './store.ts';

const row: BrokerAccountRow = {
  id: DEFAULT_ACCOUNT_ID,
  name: 'Offline paper',
  broker: 'offline',
  mode: 'paper',
  credentialsSealed: null,
  keyIdHint: null,
  tradingEnabled: true,
  maxOrderNotional: null,
  maxDailyLoss: null,
  createdAt: new Date('2026-01-02T03:04:05Z'),
  updatedAt: new Date('2026-01-02T03:04:05Z'),
  archivedAt: null,
};

describe('summaryJson', () => {
  it('maps the broker figures and health to snake_case, day P&L in cents', () => {
    const json = summaryJson(
      row,
      {
        accountNumber: 'PA000',
        status: 'ACTIVE',
        currency: 'USD',
        equity: 100_000.3,
        lastEquity: 100_000.1,
        cash: 50_000,
        buyingPower: 200_000,
        optionsBuyingPower: 50_000,
        optionsTradingLevel: 3,
      },
      { circuit: 'half_open', recentFailures: 5, retryAt: null, lastError: 'boom', requestsRemaining: 190 },
    );
    expect(json).toEqual({
      account: {
        id: DEFAULT_ACCOUNT_ID,
        name: 'Offline paper',
        broker: 'offline',
        mode: 'paper',
        key_id_hint: null,
        trading_enabled: true,
        max_order_notional: null,
        max_daily_loss: null,
        is_default: true,
        created_at: '2026-01-02T03:04:05.000Z',
      },
      equity: 100_000.3,
      cash: 50_000,
      buying_power: 200_000,
      options_buying_power: 50_000,
      last_equity: 100_000.1,
      day_pnl: 0.2,
      status: 'ACTIVE',
      currency: 'USD',
      health: {
        circuit: 'half_open',
        recent_failures: 5,
        retry_at: null,
        last_error: 'boom',
        requests_remaining: 190,
      },
    });
  });
});
