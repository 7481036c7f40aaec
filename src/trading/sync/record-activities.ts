/**
 * broker_activities rows: each fill or option event under the broker's activity id. Activities do
 * not change once reported; a row is rewritten only if the broker's payload differs (a corrected
 * report), so re-syncing a window changes nothing.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { type ActivityKind, brokerActivities } from '../../db/schema-trading.ts';
import type { Activities, BrokerFill, OptionEvent } from '../broker/types.ts';

interface ActivityRow {
  activityId: string;
  kind: ActivityKind;
  transactionTime: Date;
  symbol: string;
  payload: BrokerFill | OptionEvent;
}

export function activityRows(activities: Activities): ActivityRow[] {
  return [
    ...activities.fills.map((fill) => ({
      activityId: fill.id,
      kind: 'fill' as const,
      transactionTime: new Date(fill.transaction_time),
      symbol: fill.symbol,
      payload: fill,
    })),
    ...activities.events.map((event) => ({
      activityId: event.id,
      kind: event.type,
      transactionTime: new Date(event.transaction_time),
      symbol: event.symbol,
      payload: event,
    })),
  ];
}

/** Upserts the activities; returns how many rows were new or changed. */
export async function recordActivities(
  db: Database,
  accountId: string,
  activities: Activities,
): Promise<number> {
  let changed = 0;
  for (const row of activityRows(activities)) {
    const values = { accountId, ...row, payload: row.payload as unknown as Record<string, unknown> };
    const written = await db
      .insert(brokerActivities)
      .values(values)
      .onConflictDoUpdate({
        target: [brokerActivities.accountId, brokerActivities.activityId],
        set: {
          kind: values.kind,
          transactionTime: values.transactionTime,
          symbol: values.symbol,
          payload: values.payload,
          syncedAt: sql`now()`,
        },
        setWhere: sql`${brokerActivities.payload} is distinct from excluded.payload`,
      })
      .returning({ id: brokerActivities.activityId });
    changed += written.length;
  }
  return changed;
}

export async function storedActivities(
  db: Database,
  accountId: string,
): Promise<{ fills: BrokerFill[]; events: OptionEvent[] }> {
  const rows = await db
    .select({ kind: brokerActivities.kind, payload: brokerActivities.payload })
    .from(brokerActivities)
    .where(eq(brokerActivities.accountId, accountId))
    .orderBy(brokerActivities.transactionTime, brokerActivities.activityId);
  const fills: BrokerFill[] = [];
  const events: OptionEvent[] = [];
  for (const row of rows) {
    if (row.kind === 'fill') fills.push(row.payload as unknown as BrokerFill);
    else events.push(row.payload as unknown as OptionEvent);
  }
  return { fills, events };
}
