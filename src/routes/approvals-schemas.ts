/** Wire schemas of the approvals inbox (src/routes/approvals.ts). */
import { z } from '@hono/zod-openapi';

export const ApprovalSchema = z
  .object({
    id: z.uuid(),
    orchestrator_id: z.uuid(),
    agent_id: z.uuid().nullable(),
    account: z.object({ id: z.uuid(), name: z.string(), mode: z.enum(['paper', 'live']) }),
    summary: z
      .string()
      .openapi({ example: 'sell 1 SPY iron condor 2027-01-15: buy put 570, sell put 575, …' }),
    order: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The order exactly as it will be sent to the broker (snake_case)' }),
    notional: z.number().openapi({ description: 'Estimated dollars at risk' }),
    status: z.enum(['pending', 'approved', 'rejected', 'submitted', 'failed', 'expired']),
    created_at: z.string(),
    expires_at: z.string(),
    decided_at: z.string().nullable(),
    decided_by: z
      .string()
      .nullable()
      .openapi({ description: 'The API token id (never the token) of who decided' }),
    reason: z.string().nullable(),
    broker_order_id: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('Approval');

export const ApprovalListSchema = z.object({ approvals: z.array(ApprovalSchema) }).openapi('ApprovalList');

export const ApprovalListQuery = z.object({
  status: z.enum(['pending', 'all']).default('pending').openapi({ description: 'pending (default) or all' }),
});

export const ApproveSchema = z.strictObject({}).openapi('ApproveRequest');

export const RejectSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional() })
  .openapi('RejectRequest');
