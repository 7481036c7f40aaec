/** PLACEHOLDER until the Alpaca adapter lands: the signature the factory builds against. */
import type { AccountMode } from '../../../db/schema-trading.ts';
import type { Broker } from '../types.ts';

export interface AlpacaBrokerOptions {
  accountId: string;
  mode: AccountMode;
  credentials: { keyId: string; secretKey: string };
  tradingBaseUrl?: string;
  dataBaseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

export function createAlpacaBroker(_options: AlpacaBrokerOptions): Broker {
  throw new Error('the Alpaca adapter is not built yet');
}
