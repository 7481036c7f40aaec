/**
 * What an expert agent's command runs with, read fresh from Postgres at the start of every command:
 * its system prompt ends with its expertise document (so what another agent learned is reused), and
 * it gets the update_expertise tool. A non-expert agent runs unchanged.
 */
import type { Database } from '../db/client.ts';
import { readExpertise } from '../db/expertise.ts';
import type { ToolDefinition } from '../tools/types.ts';
import { type AgentLike, expertiseDomainOf } from './agent-domain.ts';
import { expertiseSection } from './prompt.ts';
import { updateExpertiseTool } from './update-tool.ts';

export interface ExpertRun {
  domain: string | undefined;
  system: (base: string) => string;
  tools: ToolDefinition[];
}

export async function expertRunSetup(
  db: Database,
  orchestratorId: string,
  agent: AgentLike & { name: string },
): Promise<ExpertRun> {
  const domain = expertiseDomainOf(agent);
  if (!domain) return { domain, system: (base) => base, tools: [] };
  const document = await readExpertise(db, orchestratorId, domain);
  const section = expertiseSection(domain, document);
  return {
    domain,
    system: (base) => `${base.trimEnd()}\n\n${section}`,
    tools: [updateExpertiseTool(domain, agent.name)],
  };
}
