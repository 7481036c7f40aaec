/**
 * Readable lines for the trading desk's events (category `trading`: the approval gate agent orders
 * wait at), part of describe.ts's table. The server's own summaries say the same in more words.
 */
type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const shortId = (value: unknown): string => text(value).slice(0, 8);
const join = (...parts: Array<string | false | undefined>): string => parts.filter(Boolean).join(' · ');
const dollars = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value) ? `notional $${value.toFixed(2)}` : '';

export const TRADING_DESCRIBERS: Readonly<
  Record<'approval_requested' | 'approval_decided' | 'order_submitted', (data: Data) => string>
> = {
  approval_requested: (data) =>
    join(`Approval requested${text(data.summary) ? `: ${text(data.summary)}` : ''}`, dollars(data.notional)),
  approval_decided: (data) =>
    join(
      `Approval ${shortId(data.approval_id) || '?'} ${text(data.status) || 'decided'}`,
      text(data.reason),
      text(data.error),
    ),
  order_submitted: (data) => {
    const filled =
      typeof data.filled_qty === 'number' && data.filled_qty > 0
        ? `filled ${data.filled_qty}${typeof data.filled_avg_price === 'number' ? ` at ${data.filled_avg_price.toFixed(2)}` : ''}`
        : '';
    return join(`Order ${text(data.broker_order_id) || '?'} ${text(data.status) || 'submitted'}`, filled);
  },
};
