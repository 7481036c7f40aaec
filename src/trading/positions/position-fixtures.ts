/** Test fixtures only: Alpaca /v2/positions rows, numbers as strings like the API sends them. */
import type { BrokerPosition } from './broker-position.ts';

export function position(symbol: string, qty: number, entry: number, current: number | null): BrokerPosition {
  const multiplier = /\d{6}[CP]\d{8}$/.test(symbol) ? 100 : 1;
  // The broker reports money to the cent.
  const money = (value: number) => String(Math.round(value * 100) / 100);
  return {
    symbol,
    qty: String(qty),
    side: qty < 0 ? 'short' : 'long',
    avg_entry_price: String(entry),
    current_price: current === null ? null : String(current),
    cost_basis: money(entry * qty * multiplier),
    market_value: current === null ? null : money(current * qty * multiplier),
    unrealized_pl: current === null ? null : money((current - entry) * qty * multiplier),
    asset_class: multiplier === 100 ? 'us_option' : 'us_equity',
  };
}
