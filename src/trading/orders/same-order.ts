/**
 * Whether a request asks for the order already placed under its client_order_id. A retry sends the
 * same order again and gets the first one back; a different order under a used id is a mistake in
 * the caller (a key reused across orders) that must not silently return an unrelated order.
 * Compared: class, type, time in force, quantity, limit price, and the symbol and side of every leg
 * (position intents are left out: a broker may fill them in).
 */
import type { BrokerOrder, OrderRequest } from '../broker/types.ts';

const EPSILON = 1e-9;

export function differencesFrom(request: OrderRequest, placed: BrokerOrder): string[] {
  const differences: string[] = [];
  const differ = (field: string, asked: unknown, found: unknown) => {
    const same =
      typeof asked === 'number' && typeof found === 'number'
        ? Math.abs(asked - found) < EPSILON
        : asked === found;
    if (!same) differences.push(`${field}: ${JSON.stringify(asked)} ≠ ${JSON.stringify(found)}`);
  };
  differ('order_class', request.orderClass, placed.orderClass);
  differ('type', request.type, placed.type);
  differ('time_in_force', request.timeInForce, placed.timeInForce);
  differ('qty', request.qty, placed.qty);
  differ('limit_price', request.limitPrice ?? null, placed.limitPrice);
  if (request.orderClass === 'simple') {
    differ('symbol', request.symbol ?? null, placed.symbol);
    differ('side', request.side ?? null, placed.side);
  } else {
    const asked = (request.legs ?? []).map((leg) => `${leg.side} ${leg.ratioQty} ${leg.symbol}`).join(', ');
    const found = placed.legs.map((leg) => `${leg.side} ${leg.ratioQty} ${leg.symbol}`).join(', ');
    differ('legs', asked, found);
  }
  return differences;
}
