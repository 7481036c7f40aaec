/** The wire shape of a command agent, shared by events and the REST API. */
import type { AgentRow } from '../db/agents.ts';

export function agentJson(row: AgentRow) {
  return {
    id: row.id,
    name: row.name,
    model: row.model,
    template: row.template,
    status: row.status,
    budget_usd: row.budgetUsd,
    color: typeof row.metadata.template_color === 'string' ? row.metadata.template_color : null,
    created_at: row.createdAt.toISOString(),
  };
}
