/**
 * The Alpaca emulator from Worker tests: every workerd project's ALPACA_TRADING_BASE_URL and
 * ALPACA_DATA_BASE_URL point at it (vitest.config.ts). Make a fresh emulated account per test (its
 * own key pair, so tests running in parallel never share state) and script faults on its key.
 */
import { env } from 'cloudflare:test';
import { inject } from 'vitest';
import { brokerAccounts } from '../../src/db/schema-trading.ts';
import { sealCredentials } from '../../src/trading/accounts/credentials.ts';
import {
  type AlpacaEmulatorControl,
  type AlpacaKeys,
  alpacaEmulatorControl,
} from '../alpaca-emulator/control.ts';
import { withDatabase } from './api.ts';

export { activityIdAt, fillActivities, optionActivity } from '../alpaca-emulator/control.ts';
export type { AlpacaKeys };

export function alpacaEmulator(): AlpacaEmulatorControl {
  return alpacaEmulatorControl(inject('alpacaBaseUrl'));
}

/** A new emulated Alpaca account; `clock` pins its market data and order times. */
export function newAlpacaAccount(options: { cash?: number; clock?: string } = {}): Promise<AlpacaKeys> {
  return alpacaEmulator().createAccount(options);
}

/** An Alpaca paper account row holding these keys, sealed as the desk stores them; returns its id. */
export async function storeAlpacaAccount(
  keys: Pick<AlpacaKeys, 'keyId' | 'secretKey'>,
  name: string,
): Promise<string> {
  const id = crypto.randomUUID();
  const sealed = await sealCredentials(env.SECRETS_KEY, id, keys);
  await withDatabase((db) =>
    db
      .insert(brokerAccounts)
      .values({ id, name, broker: 'alpaca', mode: 'paper', ...sealed, tradingEnabled: true }),
  );
  return id;
}
