/** PLACEHOLDER until the offline paper broker lands: the signature the factory builds against. */
import type { Database } from '../../../db/client.ts';
import type { Broker } from '../types.ts';

export interface OfflineBrokerOptions {
  db: Database;
  accountId: string;
  now?: () => Date;
}

export function createOfflineBroker(_options: OfflineBrokerOptions): Broker {
  throw new Error('the offline paper broker is not built yet');
}
