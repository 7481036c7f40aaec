/** The chains a run can name, and how each one's agents are built for an environment. */
import type { ChainAgent } from './runner.ts';
import { seasonPlanChain } from './season-plan/index.ts';

export const CHAIN_NAMES = ['season_plan'] as const;
export type ChainName = (typeof CHAIN_NAMES)[number];

export function isChainName(name: string): name is ChainName {
  return (CHAIN_NAMES as readonly string[]).includes(name);
}

/** The agents of a registered chain; undefined for a name no chain has. */
export function chainAgents(name: string, env: Env): ChainAgent[] | undefined {
  if (name === 'season_plan') return seasonPlanChain(env);
  return undefined;
}
