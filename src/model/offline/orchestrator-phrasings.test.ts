/** The looser, natural phrasings of the orchestrator grammar, and the hints instead of wrong calls. */
import { describe, expect, it } from 'vitest';
import type { Intent } from './grammar.ts';
import { parseOrchestratorCommands } from './orchestrator-grammar.ts';

const call = (name: string, input: Record<string, unknown> = {}): Intent => ({ kind: 'tool', name, input });
const hinted = (text: string, created: string[] = []) => {
  const intents = parseOrchestratorCommands(text, created);
  expect(intents.every((intent) => intent.kind === 'unknown')).toBe(true);
  return intents.map((intent) => (intent.kind === 'unknown' ? intent.hint : undefined));
};

describe('natural phrasings', () => {
  it.each<[string, Intent[]]>([
    ['create an agent called scout', [call('create_agent', { name: 'scout' })]],
    ['Create a new agent named scout.', [call('create_agent', { name: 'scout' })]],
    ['make an agent called rev as a reviewer', [call('create_agent', { name: 'rev', template: 'reviewer' })]],
    [
      'create an agent called rev using the reviewer template',
      [call('create_agent', { name: 'rev', template: 'reviewer' })],
    ],
    [
      'create two agents named writer and critic',
      [call('create_agent', { name: 'writer' }), call('create_agent', { name: 'critic' })],
    ],
    [
      'create 3 agents called a, b, and c',
      [
        call('create_agent', { name: 'a' }),
        call('create_agent', { name: 'b' }),
        call('create_agent', { name: 'c' }),
      ],
    ],
    [
      'create an agent called scout and ask it to write notes/x.md: hi',
      [
        call('create_agent', { name: 'scout' }),
        call('command_agent', { agent_name: 'scout', command: 'write notes/x.md: hi' }),
      ],
    ],
    [
      'create two agents named writer and critic and tell them to list files',
      [
        call('create_agent', { name: 'writer' }),
        call('create_agent', { name: 'critic' }),
        call('command_agent', { agent_name: 'writer', command: 'list files' }),
        call('command_agent', { agent_name: 'critic', command: 'list files' }),
      ],
    ],
    [
      'create agent scout, then ask the agent to read a.md',
      [
        call('create_agent', { name: 'scout' }),
        call('command_agent', { agent_name: 'scout', command: 'read a.md' }),
      ],
    ],
    ['list agents', [call('list_agents')]],
    ['what are my agents doing?', [call('list_agents')]],
    ['Show me all my agents', [call('list_agents')]],
    ['which agents do I have?', [call('list_agents')]],
    ['what is scout doing?', [call('check_agent_status', { agent_name: 'scout' })]],
    ['cancel scout', [call('interrupt_agent', { agent_name: 'scout' })]],
    ["what's the cost?", [call('report_cost')]],
    [
      'run a plan and build workflow: add a login page',
      [
        call('start_adw', {
          name_of_adw: 'add-a-login-page',
          workflow_type: 'plan_build',
          prompt: 'add a login page',
        }),
      ],
    ],
    [
      'run a plan, build and review workflow named x: tidy the docs',
      [call('start_adw', { name_of_adw: 'x', workflow_type: 'plan_build_review', prompt: 'tidy the docs' })],
    ],
    [
      'start a plan, build, review and fix workflow called y: z',
      [call('start_adw', { name_of_adw: 'y', workflow_type: 'plan_build_review_fix', prompt: 'z' })],
    ],
  ])('%j', (text, expected) => {
    expect(parseOrchestratorCommands(text)).toEqual(expected);
  });
});

describe('pronouns', () => {
  it('refer to the agents the conversation created last when the message creates none', () => {
    expect(parseOrchestratorCommands('ask it to list files', ['scout'])).toEqual([
      call('command_agent', { agent_name: 'scout', command: 'list files' }),
    ]);
    expect(parseOrchestratorCommands('stop them', ['a', 'b'])).toEqual([
      call('interrupt_agent', { agent_name: 'a' }),
      call('interrupt_agent', { agent_name: 'b' }),
    ]);
  });

  it('prefer the agents created earlier in the same message', () => {
    expect(parseOrchestratorCommands('create agent b; tell it to read x', ['a'])).toEqual([
      call('create_agent', { name: 'b' }),
      call('command_agent', { agent_name: 'b', command: 'read x' }),
    ]);
  });

  it('refer to the agent named just before', () => {
    expect(parseOrchestratorCommands('tell scout to write a.md: x and y, then ask it to read a.md')).toEqual([
      call('command_agent', { agent_name: 'scout', command: 'write a.md: x and y' }),
      call('command_agent', { agent_name: 'scout', command: 'read a.md' }),
    ]);
  });

  it('work in the short commands too: "stop it", "delete the agent", "what is it doing?"', () => {
    expect(parseOrchestratorCommands('stop it; delete the agent; what is it doing?', ['scout'])).toEqual([
      call('interrupt_agent', { agent_name: 'scout' }),
      call('delete_agent', { agent_name: 'scout' }),
      call('check_agent_status', { agent_name: 'scout' }),
    ]);
    expect(hinted('stop the agent')).toHaveLength(1);
  });

  it('with nothing to refer to, or "it" for several agents, get a hint and no call', () => {
    expect(hinted('ask it to write notes/x.md: hi')).toEqual([
      '"it" names no agent yet: name it, e.g. "tell scout to …" or ' +
        '"create an agent called scout and ask it to …".',
    ]);
    expect(hinted('tell it to read x', ['a', 'b'])).toEqual([
      '"it" could be a or b: name the agent, or say "them" for all.',
    ]);
  });
});

describe('hints instead of wrong calls', () => {
  it('never names an agent with a filler word', () => {
    expect(hinted('create an agent called')).toEqual([
      'Name the agent: "create agent <name>", e.g. "create an agent called scout".',
    ]);
    expect(hinted('create an agent')).toHaveLength(1);
    expect(hinted('create agent the')).toEqual([
      '"the" cannot be an agent\'s name: "create agent <name>", e.g. "create agent scout".',
    ]);
    expect(hinted('create agents the and them')).toEqual([
      'Name each agent: "create agents <a> and <b>", e.g. "create agents writer and critic".',
    ]);
    expect(hinted('delete an')).toEqual([
      '"an" is not an agent\'s name: name the agent, e.g. "tell scout to …".',
    ]);
  });

  it('says when the count and the names disagree', () => {
    expect(hinted('create two agents named a, b and c')).toEqual([
      'That asks for two agents but names 3: a, b, c.',
    ]);
  });

  it('asks for a workflow prompt or a known workflow type', () => {
    expect(hinted('run a plan and build workflow')).toEqual([
      'Give the workflow its task after a colon, e.g. "run a plan and build workflow: add a login page".',
    ]);
    expect(hinted('run a plan and fix workflow: x')).toEqual([
      'Workflow types: plan_build, plan_build_review, plan_build_review_fix ' +
        '(e.g. "run a plan, build and review workflow: …").',
    ]);
  });

  it('leaves other text unknown without a specific hint (the reply names the closest commands)', () => {
    expect(parseOrchestratorCommands('make me a sandwich')).toEqual([
      { kind: 'unknown', clause: 'make me a sandwich' },
    ]);
  });
});
