/**
 * Why the desk refused an order before it reached the broker. The code is stable (the API puts it in
 * the error's details, the approval inbox stores it), the message says what to change.
 */
export type OrderRefusalCode = 'trading_disabled' | 'notional_limit' | 'daily_loss_limit' | 'invalid_order';

export class OrderRefusedError extends Error {
  override readonly name = 'OrderRefusedError';
  constructor(
    readonly code: OrderRefusalCode,
    message: string,
    /** Figures behind the refusal (the limit, the estimate), for the caller to show. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
