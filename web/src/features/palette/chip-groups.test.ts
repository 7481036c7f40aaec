import { describe, expect, it } from 'vitest';
import type { Agent, OrchestratorDetails } from '../../api/client.ts';
import { chipGroupsOf } from './chip-groups.ts';

const catalog = {
  slash_commands: [{ name: 'plan', description: 'Plan a task', argument_hint: '<task>' }],
  agent_templates: [{ name: 'builder', description: 'Builds' }],
  workflow_types: [{ type: 'plan_build', description: 'Plan, then build' }],
  tools: [{ name: 'create_agent', description: 'Creates an agent' }],
} as unknown as OrchestratorDetails['catalog'];

describe('chipGroupsOf', () => {
  it('has no chips before the catalog loads', () => {
    expect(chipGroupsOf(undefined, [])).toEqual([]);
  });

  it('lists what each chip inserts, agents first', () => {
    const agents = [{ name: 'alpha', status: 'idle', template: null }] as unknown as Agent[];
    const groups = chipGroupsOf(catalog, agents);
    expect(groups.map((group) => group.title)).toEqual([
      'Agents',
      'Slash commands',
      'Agent templates',
      'Workflow types',
      'Tools',
    ]);
    expect(groups.map((group) => group.items.map((item) => item.text))).toEqual([
      ['alpha'],
      ['/plan'],
      ['builder'],
      ['plan_build'],
      ['create_agent'],
    ]);
    expect(groups[0]?.items[0]?.title).toBe('idle');
  });
});
