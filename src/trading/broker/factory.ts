/**
 * The one place a stored account becomes a live broker connection: the offline paper broker for
 * `offline` accounts, Alpaca's REST API (paper or live base URL) for `alpaca` accounts, with the
 * credentials opened from their sealed form only here and only for the length of the request.
 */
import { importSecretKey, open } from '../../crypto/secret-box.ts';
import type { Database } from '../../db/client.ts';
import type { BrokerAccountRow } from '../accounts/store.ts';
import { createAlpacaBroker } from './alpaca/broker.ts';
import { createOfflineBroker } from './offline/broker.ts';
import type { Broker } from './types.ts';

export interface BrokerEnvironment {
  SECRETS_KEY?: string | undefined;
  /** Tests and self-hosted gateways: replaces Alpaca's trading / market-data base URLs. */
  ALPACA_TRADING_BASE_URL?: string | undefined;
  ALPACA_DATA_BASE_URL?: string | undefined;
  /** Market-data feeds (the live quote stream reads the same two): `iex`|`sip`, `indicative`|`opra`. */
  ALPACA_STOCK_FEED?: string | undefined;
  ALPACA_OPTION_FEED?: string | undefined;
}

export interface AlpacaCredentials {
  keyId: string;
  secretKey: string;
}

/** The AES-GCM purpose string binding a sealed credential to its account row. */
export function credentialsPurpose(accountId: string): string {
  return `broker-credentials:${accountId}`;
}

export async function openBroker(
  account: BrokerAccountRow,
  deps: { db: Database; env: BrokerEnvironment; now?: () => Date },
): Promise<Broker> {
  if (account.broker === 'offline') {
    return createOfflineBroker({
      db: deps.db,
      accountId: account.id,
      ...(deps.now ? { now: deps.now } : {}),
    });
  }
  const credentials = await openAlpacaCredentials(account, deps.env);
  return createAlpacaBroker({
    accountId: account.id,
    mode: account.mode,
    credentials,
    ...(deps.env.ALPACA_TRADING_BASE_URL ? { tradingBaseUrl: deps.env.ALPACA_TRADING_BASE_URL } : {}),
    ...(deps.env.ALPACA_DATA_BASE_URL ? { dataBaseUrl: deps.env.ALPACA_DATA_BASE_URL } : {}),
    ...feedOptions(deps.env),
  });
}

function feedOptions(env: BrokerEnvironment): {
  stockFeed?: 'iex' | 'sip';
  optionFeed?: 'indicative' | 'opra';
} {
  const stock = env.ALPACA_STOCK_FEED;
  const option = env.ALPACA_OPTION_FEED;
  return {
    ...(stock === 'iex' || stock === 'sip' ? { stockFeed: stock } : {}),
    ...(option === 'indicative' || option === 'opra' ? { optionFeed: option } : {}),
  };
}

/**
 * An Alpaca account's key pair, opened from its sealed form: for the broker above and for the quote
 * stream's login message (src/quotes). Never log, store or return it.
 */
export async function openAlpacaCredentials(
  account: BrokerAccountRow,
  env: BrokerEnvironment,
): Promise<AlpacaCredentials> {
  if (!account.credentialsSealed) throw new Error(`account ${account.id} has no credentials`);
  const key = await importSecretKey(env.SECRETS_KEY);
  return JSON.parse(
    await open(key, account.credentialsSealed, credentialsPurpose(account.id)),
  ) as AlpacaCredentials;
}
