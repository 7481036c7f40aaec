/** What the account switcher shows: the mode badge, the figures, and the broker's health. */
import { formatWhen } from './trading-format.ts';
import type { Account, AccountSummary, BrokerHealth } from './trading-types.ts';

export interface ModeBadge {
  label: 'PAPER' | 'LIVE';
  mode: 'paper' | 'live';
  /** Live accounts place no orders until enabled: said next to the badge. */
  note: string | null;
}

export function modeBadge(account: Pick<Account, 'mode' | 'trading_enabled'>): ModeBadge {
  if (account.mode === 'live') {
    return { label: 'LIVE', mode: 'live', note: account.trading_enabled ? null : 'trading disabled' };
  }
  return { label: 'PAPER', mode: 'paper', note: account.trading_enabled ? null : 'trading disabled' };
}

/** The switcher's option text: name, mode and broker, so two accounts of one name stay apart. */
export function accountOption(account: Account): string {
  const broker = account.broker === 'offline' ? 'offline' : 'Alpaca';
  const hint = account.key_id_hint ? ` ${account.key_id_hint}` : '';
  return `${account.name} (${account.mode}, ${broker}${hint})`;
}

export interface HealthBanner {
  level: 'bad' | 'warn';
  text: string;
}

/** A banner while the broker's circuit is open or probing; nothing while it is healthy. */
export function healthBanner(health: BrokerHealth | null | undefined): HealthBanner | null {
  if (!health || health.circuit === 'closed') return null;
  const why = health.last_error ? ` Last error: ${health.last_error}` : '';
  if (health.circuit === 'open') {
    const retry = health.retry_at ? ` Next attempt at ${formatWhen(health.retry_at)}.` : '';
    return {
      level: 'bad',
      text: `The broker is not answering (circuit open after ${health.recent_failures} failures): prices and orders are paused.${retry}${why}`,
    };
  }
  return { level: 'warn', text: `The broker is recovering: the next request is a trial.${why}` };
}

export interface SummaryFigure {
  label: string;
  value: number | null;
  pnl?: boolean;
}

export function summaryFigures(summary: AccountSummary): SummaryFigure[] {
  return [
    { label: 'Equity', value: summary.equity },
    { label: 'Buying power', value: summary.buying_power },
    { label: 'Day P&L', value: summary.day_pnl, pnl: true },
  ];
}

/** The account an orchestrator uses: its selection if still listed, else the default one. */
export function pickAccount(accounts: readonly Account[], selectedId: string | null): Account | null {
  return (
    accounts.find((account) => account.id === selectedId) ??
    accounts.find((account) => account.is_default) ??
    accounts[0] ??
    null
  );
}
