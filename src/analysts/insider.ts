/**
 * Insider-transaction aggregates (SEC Form 4 codes), computed in code so the analyst model only
 * interprets them. Only open-market purchases (`P`) and sales (`S`) are discretionary signals: awards
 * (`A`), option exercises (`M`), tax withholding (`F`), gifts (`G`) and the rest are counted but move
 * neither the net figures nor the buyer and seller counts. A trade without a price adds its shares
 * but no value.
 */
import { round } from './lexicon.ts';

export interface InsiderTransaction {
  insider_name: string;
  transaction_date: string;
  transaction_code: string;
  shares: number;
  price?: number | undefined;
}

export interface NotableTransaction {
  insider_name: string;
  transaction_date: string;
  transaction_code: 'P' | 'S';
  shares: number;
  price: number | null;
  value: number | null;
}

export interface InsiderAggregates {
  net_shares: number;
  net_value: number;
  buyers: number;
  sellers: number;
  purchases: number;
  sales: number;
  other_transactions: number;
  /** The largest purchases and sales by value (by shares when unpriced), at most NOTABLE_COUNT. */
  notable: NotableTransaction[];
}

export const NOTABLE_COUNT = 5;

export function insiderAggregates(transactions: readonly InsiderTransaction[]): InsiderAggregates {
  let netShares = 0;
  let netValue = 0;
  const buyers = new Set<string>();
  const sellers = new Set<string>();
  const discretionary: NotableTransaction[] = [];
  let other = 0;
  for (const tx of transactions) {
    const code = tx.transaction_code.toUpperCase();
    if (code !== 'P' && code !== 'S') {
      other += 1;
      continue;
    }
    const sign = code === 'P' ? 1 : -1;
    const value = tx.price === undefined ? null : tx.shares * tx.price;
    netShares += sign * tx.shares;
    netValue += sign * (value ?? 0);
    (code === 'P' ? buyers : sellers).add(tx.insider_name.trim().toLowerCase());
    discretionary.push({
      insider_name: tx.insider_name,
      transaction_date: tx.transaction_date,
      transaction_code: code,
      shares: tx.shares,
      price: tx.price ?? null,
      value: value === null ? null : round(value, 2),
    });
  }
  const weight = (tx: NotableTransaction) => tx.value ?? tx.shares;
  const notable = discretionary
    .map((tx, index) => ({ tx, index }))
    .sort((a, b) => weight(b.tx) - weight(a.tx) || a.index - b.index)
    .slice(0, NOTABLE_COUNT)
    .map(({ tx }) => tx);
  return {
    net_shares: round(netShares, 4),
    net_value: round(netValue, 2),
    buyers: buyers.size,
    sellers: sellers.size,
    purchases: discretionary.filter((tx) => tx.transaction_code === 'P').length,
    sales: discretionary.filter((tx) => tx.transaction_code === 'S').length,
    other_transactions: other,
    notable,
  };
}
