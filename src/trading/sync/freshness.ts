/**
 * Reads (orders, trades) sync first when asked to, or when the synced history does not reach the
 * last minute. A sync the caller did not ask for may fail without failing the read: the stored rows
 * are still the best answer, and broker_sync_state keeps the error for the account's summary.
 */
import type { Database } from '../../db/client.ts';
import type { Broker } from '../broker/types.ts';
import { syncAccount, syncState } from './sync-account.ts';

export const STALE_AFTER_MS = 60_000;

export async function syncIfStale(
  input: { db: Database; account: { id: string }; broker: Broker; now?: () => Date },
  force: boolean,
): Promise<void> {
  const now = (input.now ?? (() => new Date()))();
  if (!force) {
    const through = (await syncState(input.db, input.account.id))?.activitiesThrough;
    if (through && now.getTime() - through.getTime() < STALE_AFTER_MS) return;
  }
  try {
    await syncAccount(input);
  } catch (error) {
    if (force) throw error;
    console.warn(`background sync of account ${input.account.id} failed: ${(error as Error).message}`);
  }
}
