/** Reaching an orchestrator's Durable Object from a route, after checking the orchestrator exists. */
import type { Context } from 'hono';
import { assertOrchestratorAccess } from '../auth/middleware.ts';
import { findOrchestrator, type OrchestratorRow } from '../db/orchestrators.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';

export async function requireOrchestrator(
  c: Context<AppEnv>,
  id: string,
  options: { live?: boolean } = {},
): Promise<OrchestratorRow> {
  // Ids from bodies and queries reach here too, not only the paths the auth middleware checks.
  assertOrchestratorAccess(c.var.principal, id);
  const row = await findOrchestrator(c.var.db(), id);
  if (!row) throw new NotFoundError(`Orchestrator ${id}`);
  if (options.live && row.archivedAt) throw new ConflictError(`Orchestrator ${id} is archived.`);
  return row;
}

export function hubFor(c: Context<AppEnv>, orchestratorId: string) {
  return c.env.ORCHESTRATOR.get(c.env.ORCHESTRATOR.idFromName(orchestratorId));
}
