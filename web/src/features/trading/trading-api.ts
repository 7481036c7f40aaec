/**
 * The console's one module for the trading desk's routes (accounts, positions, orders, trades,
 * approvals, snapshots). Through fetch like the pipeline routes: a failure stays an ApiError with the
 * server's message and request id (and any `details`) for the panel that made the request.
 */
import { query, requestJson } from '../pipelines/http.ts';
import type {
  Account,
  AccountSummary,
  Approval,
  CreateAccountRequest,
  LatestSnapshot,
  Order,
  Positions,
  SnapshotHistory,
  SnapshotRun,
  TradesPage,
} from './trading-types.ts';

const enc = encodeURIComponent;

export const listAccounts = () => requestJson<{ accounts: Account[] }>('GET', '/accounts');
export const createAccount = (body: CreateAccountRequest) => requestJson<Account>('POST', '/accounts', body);
export const accountSummary = (accountId: string) =>
  requestJson<AccountSummary>('GET', `/accounts/${enc(accountId)}/summary`);
export const orchestratorAccount = (orchestratorId: string) =>
  requestJson<Account>('GET', `/orchestrators/${enc(orchestratorId)}/account`);
export const selectAccount = (orchestratorId: string, accountId: string) =>
  requestJson<Account>('PUT', `/orchestrators/${enc(orchestratorId)}/account`, { account_id: accountId });

export const listPositions = (accountId: string) =>
  requestJson<Positions>('GET', `/accounts/${enc(accountId)}/positions`);
export const closePosition = (
  accountId: string,
  strategyId: string,
  body: { request_key: string; leg?: string; qty?: number },
) =>
  requestJson<{ order: Order }>(
    'POST',
    `/accounts/${enc(accountId)}/positions/${enc(strategyId)}/close`,
    body,
  );

export const listTrades = (accountId: string, cursor?: string, limit = 20) =>
  requestJson<TradesPage>(
    'GET',
    `/accounts/${enc(accountId)}/trades${query({ status: 'all', limit, cursor })}`,
  );
/** Same-origin link: the session cookie authenticates the download. */
export const tradesCsvUrl = (accountId: string) => `/api/accounts/${enc(accountId)}/trades.csv`;

export const listApprovals = (orchestratorId: string) =>
  requestJson<{ approvals: Approval[] }>(
    'GET',
    `/orchestrators/${enc(orchestratorId)}/approvals${query({ status: 'pending' })}`,
  );
export const approve = (approvalId: string) =>
  requestJson<Approval>('POST', `/approvals/${enc(approvalId)}/approve`, {});
export const reject = (approvalId: string, reason?: string) =>
  requestJson<Approval>('POST', `/approvals/${enc(approvalId)}/reject`, reason ? { reason } : {});

export const latestSnapshot = (underlying: string) =>
  requestJson<LatestSnapshot>('GET', `/snapshots/latest${query({ underlying })}`);
/** A contract's whole history, page after page (500 points each) up to `maxPages`. */
export async function snapshotHistory(symbol: string, maxPages = 8): Promise<SnapshotHistory> {
  const points: SnapshotHistory['points'] = [];
  let from: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const next = await requestJson<SnapshotHistory & { next_from?: string | null }>(
      'GET',
      `/snapshots/history${query({ symbol, from })}`,
    );
    points.push(...next.points);
    if (!next.next_from) break;
    from = next.next_from;
  }
  return { symbol, points };
}
export const runSnapshot = (underlyings?: string[]) =>
  requestJson<SnapshotRun>('POST', '/snapshots/run', underlyings ? { underlyings } : {});
