/**
 * Keys are checked with the broker before they are stored or swapped in: one `account()` call made
 * with the candidate row (already sealed, not yet saved), so a typo is a 422 at once instead of a
 * failing orchestrator later.
 */
import type { Database } from '../../db/client.ts';
import { type BrokerEnvironment, openBroker } from '../broker/factory.ts';
import { BrokerError } from '../broker/types.ts';
import type { BrokerAccountRow } from './store.ts';

/** The broker said no to these keys (as opposed to being unreachable). */
export class CredentialsRefusedError extends Error {
  override readonly name = 'CredentialsRefusedError';
  constructor(readonly reason: string) {
    super(`the broker refused these keys: ${reason}`);
  }
}

const REFUSALS = new Set<BrokerError['code']>(['unauthorized', 'forbidden']);

export async function verifyCredentials(
  candidate: BrokerAccountRow,
  secrets: readonly string[],
  deps: { db: Database; env: BrokerEnvironment },
): Promise<void> {
  const broker = await openBroker(candidate, deps);
  try {
    await broker.account();
  } catch (error) {
    if (error instanceof BrokerError && REFUSALS.has(error.code)) {
      throw new CredentialsRefusedError(withoutSecrets(error.message, secrets));
    }
    if (error instanceof BrokerError) {
      const { code, status, retryAfterMs } = error;
      throw new BrokerError(withoutSecrets(error.message, secrets), code, status, retryAfterMs);
    }
    throw error;
  }
}

/** A broker's message should never echo a key, but if one ever did it stops here. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length > 0) result = result.replaceAll(secret, '[redacted]');
  return result;
}
