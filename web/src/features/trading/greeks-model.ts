/**
 * The Greeks view: the latest snapshot's contracts by expiry and strike, and one contract's Greeks
 * and implied volatility over time as chart series (gaps stay gaps: a missing figure is null, not 0).
 */
import { parseOcc } from './occ.ts';
import type { HistoryPoint, SnapshotContract } from './trading-types.ts';

export const METRICS = ['implied_volatility', 'delta', 'gamma', 'theta', 'vega'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  implied_volatility: 'IV',
  delta: 'Delta',
  gamma: 'Gamma',
  theta: 'Theta (per day)',
  vega: 'Vega (per vol point)',
};

export interface ContractRow extends SnapshotContract {
  type: 'call' | 'put';
  strike: number;
  expiry: string;
  mid: number | null;
}

/** Contracts with their type, strike and expiry (read from the OCC symbol when not given). */
export function contractRows(contracts: readonly SnapshotContract[]): ContractRow[] {
  const rows: ContractRow[] = [];
  for (const contract of contracts) {
    const occ = parseOcc(contract.symbol);
    const type = contract.type ?? occ?.type;
    const strike = contract.strike ?? occ?.strike;
    const expiry = contract.expiry ?? occ?.expiry;
    if (!type || strike === undefined || !expiry) continue;
    const mid = contract.bid !== null && contract.ask !== null ? (contract.bid + contract.ask) / 2 : null;
    rows.push({ ...contract, type, strike, expiry, mid });
  }
  return rows.sort(
    (a, b) =>
      (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : 0) ||
      a.strike - b.strike ||
      (a.type === b.type ? 0 : a.type === 'put' ? -1 : 1),
  );
}

export function expiries(rows: readonly ContractRow[]): string[] {
  return [...new Set(rows.map((row) => row.expiry))];
}

/** The strikes nearest the underlying's price: a chain has hundreds, a phone shows a dozen. */
export function nearTheMoney(
  rows: readonly ContractRow[],
  spot: number | null,
  count: number,
): ContractRow[] {
  if (spot === null || rows.length <= count) return [...rows];
  const strikes = [...new Set(rows.map((row) => row.strike))]
    .sort((a, b) => Math.abs(a - spot) - Math.abs(b - spot) || a - b)
    .slice(0, Math.max(1, Math.ceil(count / 2)));
  const keep = new Set(strikes);
  return rows.filter((row) => keep.has(row.strike));
}

export function spotOf(contracts: readonly SnapshotContract[]): number | null {
  for (const contract of contracts) {
    if (typeof contract.underlying_price === 'number') return contract.underlying_price;
  }
  return null;
}

export interface GreeksSeries {
  labels: string[];
  values: Record<Metric, Array<number | null>>;
}

export function greeksSeries(points: readonly HistoryPoint[], label: (iso: string) => string): GreeksSeries {
  const sorted = [...points].sort((a, b) => Date.parse(a.snapshot_at) - Date.parse(b.snapshot_at));
  const values = Object.fromEntries(
    METRICS.map((metric) => [metric, sorted.map((point) => point[metric] ?? null)]),
  ) as Record<Metric, Array<number | null>>;
  return { labels: sorted.map((point) => label(point.snapshot_at)), values };
}
