/**
 * How the trading routes reach an account's broker, and how the desk's failures become the API's
 * one error shape: refusals by the order checks (422, or 403 for a disabled account, 409 for a
 * reused client_order_id), an empty sync window (422), broker outages (503) and refusals (502),
 * never with credentials.
 */
import type { Context } from 'hono';
import { AppError, BadGatewayError, ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';
import { brokerHttpError } from '../trading/accounts/broker-errors.ts';
import { type BrokerAccountRow, findAccount } from '../trading/accounts/store.ts';
import { openBroker } from '../trading/broker/factory.ts';
import type { Broker } from '../trading/broker/types.ts';
import { StrategyNotFoundError } from '../trading/orders/close.ts';
import { OrderRefusedError } from '../trading/orders/errors.ts';
import { EmptySyncWindowError } from '../trading/sync/sync-account.ts';
import { TradeInputError } from '../trading/trades/errors.ts';

export interface OpenedAccount {
  account: BrokerAccountRow;
  broker: Broker;
}

export async function openAccount(c: Context<AppEnv>, id: string): Promise<OpenedAccount> {
  const account = await findAccount(c.var.db(), id);
  if (!account) throw new NotFoundError(`Account ${id}`);
  try {
    return { account, broker: await openBroker(account, { db: c.var.db(), env: c.env }) };
  } catch (error) {
    throw brokerHttpError(error);
  }
}

/** The desk's failures in the API's one error shape; the broker's never carry credentials. */
function httpError(error: unknown, broker: Broker): unknown {
  if (error instanceof OrderRefusedError) {
    const details = { code: error.code, ...error.details };
    if (error.details.reason === 'client_order_id_reused') return new ConflictError(error.message, details);
    if (error.code === 'trading_disabled') return new AppError(403, 'forbidden', error.message, { details });
    return new AppError(422, 'validation_failed', error.message, {
      details: { ...details, issues: [{ path: 'body', message: error.message }] },
    });
  }
  if (error instanceof TradeInputError) {
    // The analytics could not read what the broker reported (a position, a fill).
    return new BadGatewayError(`The broker's data could not be read: ${error.message}`);
  }
  if (error instanceof EmptySyncWindowError) {
    // A window ending before the default start (a few minutes before the last sync's end).
    return new ValidationError([{ path: 'body.until', message: error.message }]);
  }
  if (error instanceof StrategyNotFoundError) return new AppError(404, 'not_found', error.message);
  return brokerHttpError(error, broker.health());
}

export async function guarded<T>(broker: Broker, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw httpError(error, broker);
  }
}

export function guardedSync<T>(broker: Broker, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw httpError(error, broker);
  }
}
