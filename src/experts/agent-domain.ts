/**
 * Which expertise domain an agent holds, if any: the one chosen when it was created
 * (`metadata.expertise_domain`, from create_agent's `expertise`), else its template's `expertise`.
 */
import { findAgentTemplate } from '../catalog/index.ts';
import { isDomain } from './domain.ts';

export interface AgentLike {
  template: string | null;
  metadata: Record<string, unknown>;
}

export function expertiseDomainOf(agent: AgentLike): string | undefined {
  const chosen = agent.metadata.expertise_domain;
  if (typeof chosen === 'string' && isDomain(chosen)) return chosen;
  return agent.template ? findAgentTemplate(agent.template)?.expertise : undefined;
}
