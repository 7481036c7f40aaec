/**
 * order_approvals rows: created once per (account, client_order_id) so a retried tool call finds the
 * request it already made, and moved between states only by compare-and-set on the status, so two
 * people deciding at once (or a decision racing the expiry) leave exactly one outcome.
 */
import { and, desc, eq, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { type ApprovalStatus, orderApprovals } from '../../db/schema-trading.ts';

export type ApprovalRow = typeof orderApprovals.$inferSelect;
export type NewApproval = typeof orderApprovals.$inferInsert;

/** Inserts the request, or returns the one already made for this client_order_id. */
export async function createOrFindApproval(
  db: Database,
  values: NewApproval & { clientOrderId: string; accountId: string },
): Promise<{ row: ApprovalRow; created: boolean }> {
  const [inserted] = await db.insert(orderApprovals).values(values).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const existing = await findApprovalByClientOrderId(db, values.accountId, values.clientOrderId);
  if (!existing) throw new Error(`approval for ${values.clientOrderId} vanished`);
  return { row: existing, created: false };
}

export async function findApproval(db: Database, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await db.select().from(orderApprovals).where(eq(orderApprovals.id, id)).limit(1);
  return row;
}

export async function findApprovalByClientOrderId(
  db: Database,
  accountId: string,
  clientOrderId: string,
): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .select()
    .from(orderApprovals)
    .where(and(eq(orderApprovals.accountId, accountId), eq(orderApprovals.clientOrderId, clientOrderId)))
    .limit(1);
  return row;
}

/** The request a tool call made, if it made one (the newest, should its account have changed). */
export async function findApprovalByToolUse(
  db: Database,
  orchestratorId: string,
  toolUseId: string,
): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .select()
    .from(orderApprovals)
    .where(and(eq(orderApprovals.orchestratorId, orchestratorId), eq(orderApprovals.toolUseId, toolUseId)))
    .orderBy(desc(orderApprovals.createdAt))
    .limit(1);
  return row;
}

export async function listApprovals(
  db: Database,
  orchestratorId: string,
  status: 'pending' | 'all',
  limit = 200,
): Promise<ApprovalRow[]> {
  const where =
    status === 'pending'
      ? and(eq(orderApprovals.orchestratorId, orchestratorId), eq(orderApprovals.status, 'pending'))
      : eq(orderApprovals.orchestratorId, orchestratorId);
  return db.select().from(orderApprovals).where(where).orderBy(desc(orderApprovals.createdAt)).limit(limit);
}

/** Moves the row from `from` to the new values; undefined when it was no longer in `from`. */
export async function transition(
  db: Database,
  id: string,
  from: ApprovalStatus,
  values: Partial<Omit<ApprovalRow, 'id'>> & { status: ApprovalStatus },
): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .update(orderApprovals)
    .set(values)
    .where(and(eq(orderApprovals.id, id), eq(orderApprovals.status, from)))
    .returning();
  return row;
}

/** Marks a pending approval whose time is up as expired; undefined when it was not (or no longer) pending. */
export async function expireIfDue(db: Database, id: string, now: Date): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .update(orderApprovals)
    .set({ status: 'expired', reason: 'no decision within the approval window', decidedAt: now })
    .where(
      and(
        eq(orderApprovals.id, id),
        eq(orderApprovals.status, 'pending'),
        lte(orderApprovals.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/**
 * Expires every pending approval of the orchestrator whose time is up (a request whose waiting call
 * vanished with its Durable Object, say), so the inbox never offers what can no longer be approved.
 */
export async function expireDue(db: Database, orchestratorId: string, now: Date): Promise<ApprovalRow[]> {
  return db
    .update(orderApprovals)
    .set({ status: 'expired', reason: 'no decision within the approval window', decidedAt: now })
    .where(
      and(
        eq(orderApprovals.orchestratorId, orchestratorId),
        eq(orderApprovals.status, 'pending'),
        lte(orderApprovals.expiresAt, now),
      ),
    )
    .returning();
}
