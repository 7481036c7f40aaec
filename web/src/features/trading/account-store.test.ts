import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTradingAccount } from './account-store.ts';
import {
  accountSummary,
  createAccount,
  listAccounts,
  orchestratorAccount,
  selectAccount,
} from './trading-api.ts';
import type { Account, AccountSummary } from './trading-types.ts';

// The network edge: the store's reads, answered per test.
vi.mock('./trading-api.ts', () => ({
  listAccounts: vi.fn(),
  orchestratorAccount: vi.fn(),
  accountSummary: vi.fn(),
  selectAccount: vi.fn(),
  createAccount: vi.fn(),
}));

function account(id: string, name: string): Account {
  return {
    id,
    name,
    broker: 'offline',
    mode: 'paper',
    key_id_hint: null,
    trading_enabled: true,
    max_order_notional: null,
    max_daily_loss: null,
    is_default: false,
    created_at: '2026-12-01T00:00:00Z',
  };
}

function summaryOf(of: Account, equity: number): AccountSummary {
  return {
    account: of,
    equity,
    cash: equity,
    buying_power: equity,
    options_buying_power: equity,
    last_equity: equity,
    day_pnl: 0,
    status: 'ACTIVE',
    currency: 'USD',
    health: {
      circuit: 'closed',
      recent_failures: 0,
      retry_at: null,
      last_error: null,
      requests_remaining: 200,
    },
  };
}

describe('the trading account store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.resetAllMocks();
  });

  it("drops the previous orchestrator's balances as soon as another account is selected", async () => {
    const first = account('a1', 'First');
    const second = account('a2', 'Second');
    vi.mocked(listAccounts).mockResolvedValue({ accounts: [first, second] });
    vi.mocked(orchestratorAccount).mockImplementation(async (id) => (id === 'o1' ? first : second));
    vi.mocked(accountSummary).mockResolvedValueOnce(summaryOf(first, 100_000));
    const store = useTradingAccount();
    await store.load('o1');
    expect(store.summary?.account.id).toBe('a1');

    // The second account's summary is slow: meanwhile nothing of the first may show under its name.
    let answer: (value: AccountSummary) => void = () => {};
    vi.mocked(accountSummary).mockReturnValueOnce(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    const loading = store.load('o2');
    await vi.waitFor(() => expect(accountSummary).toHaveBeenCalledTimes(2));
    expect(store.account?.id).toBe('a2');
    expect(store.summary).toBeNull();
    answer(summaryOf(second, 5_000));
    await loading;
    expect(store.summary).toMatchObject({ account: { id: 'a2' }, equity: 5_000 });
  });

  it('reports a failed summary read so polling can back off, and keeps the error to show', async () => {
    const only = account('a1', 'Only');
    vi.mocked(listAccounts).mockResolvedValue({ accounts: [only] });
    vi.mocked(orchestratorAccount).mockResolvedValue(only);
    vi.mocked(accountSummary).mockRejectedValue(new Error('broker down'));
    const store = useTradingAccount();
    await store.load('o1');
    expect(await store.refreshSummary()).toBe(false);
    expect(store.summaryError).toBeInstanceOf(Error);
    vi.mocked(accountSummary).mockResolvedValue(summaryOf(only, 1));
    expect(await store.refreshSummary()).toBe(true);
    expect(store.summaryError).toBeNull();
  });

  it('lists an added account and makes it the orchestrator’s; a refused one changes nothing', async () => {
    const first = account('a1', 'Default');
    const added = account('a2', 'Added');
    vi.mocked(listAccounts).mockResolvedValue({ accounts: [first] });
    vi.mocked(orchestratorAccount).mockResolvedValue(first);
    vi.mocked(accountSummary).mockImplementation(async (id) =>
      id === 'a2' ? summaryOf(added, 25_000) : summaryOf(first, 100_000),
    );
    const store = useTradingAccount();
    await store.load('o1');

    vi.mocked(createAccount).mockRejectedValueOnce(new Error('keys refused'));
    await expect(
      store.add({ name: 'Bad', broker: 'alpaca', mode: 'paper', key_id: 'k', secret_key: 's' }),
    ).rejects.toThrow('keys refused');
    expect(store.accounts.map((a) => a.id)).toEqual(['a1']);
    expect(selectAccount).not.toHaveBeenCalled();

    vi.mocked(createAccount).mockResolvedValueOnce(added);
    vi.mocked(selectAccount).mockResolvedValueOnce(added);
    await store.add({ name: 'Added', broker: 'offline', starting_cash: 25_000 });
    expect(selectAccount).toHaveBeenCalledWith('o1', 'a2');
    expect(store.accounts.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(store.account?.id).toBe('a2');
    expect(store.summary).toMatchObject({ account: { id: 'a2' }, equity: 25_000 });
  });
});
