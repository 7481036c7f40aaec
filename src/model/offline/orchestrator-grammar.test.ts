import { describe, expect, it } from 'vitest';
import type { Intent } from './grammar.ts';
import { parseOrchestratorCommands } from './orchestrator-grammar.ts';

const call = (name: string, input: Record<string, unknown> = {}): Intent => ({ kind: 'tool', name, input });

describe('parseOrchestratorCommands', () => {
  it.each<[string, Intent[]]>([
    ['create agent builder', [call('create_agent', { name: 'builder' })]],
    ['Create an agent builder.', [call('create_agent', { name: 'builder' })]],
    ['create agent rev as reviewer', [call('create_agent', { name: 'rev', template: 'reviewer' })]],
    [
      'create agent rev using template reviewer',
      [call('create_agent', { name: 'rev', template: 'reviewer' })],
    ],
    [
      'create agent rev with template reviewer',
      [call('create_agent', { name: 'rev', template: 'reviewer' })],
    ],
    [
      'create agent poet: You write haiku. Keep them short.',
      [call('create_agent', { name: 'poet', system_prompt: 'You write haiku. Keep them short.' })],
    ],
    [
      'create agent poet:\nYou write haiku.\nOnly haiku.',
      [call('create_agent', { name: 'poet', system_prompt: 'You write haiku.\nOnly haiku.' })],
    ],
    ['create agent poet:', [call('create_agent', { name: 'poet' })]],
    [
      'create agents a, b and c',
      [
        call('create_agent', { name: 'a' }),
        call('create_agent', { name: 'b' }),
        call('create_agent', { name: 'c' }),
      ],
    ],
    [
      'CREATE AGENTS front and back',
      [call('create_agent', { name: 'front' }), call('create_agent', { name: 'back' })],
    ],
    [
      'tell builder to write hello.txt: hi',
      [call('command_agent', { agent_name: 'builder', command: 'write hello.txt: hi' })],
    ],
    [
      'ask a to read x; command b to list files',
      [
        call('command_agent', { agent_name: 'a', command: 'read x' }),
        call('command_agent', { agent_name: 'b', command: 'list files' }),
      ],
    ],
    [
      'tell a to build it and tell b to test it',
      [
        call('command_agent', { agent_name: 'a', command: 'build it' }),
        call('command_agent', { agent_name: 'b', command: 'test it' }),
      ],
    ],
    [
      'tell a to build and test it',
      [call('command_agent', { agent_name: 'a', command: 'build and test it' })],
    ],
    [
      'tell a to write app.py:\ndef main():\n    print("hi"); return 1\nread app.py\ntell b to read app.py',
      [
        call('command_agent', {
          agent_name: 'a',
          command: 'write app.py:\ndef main():\n    print("hi"); return 1\nread app.py',
        }),
        call('command_agent', { agent_name: 'b', command: 'read app.py' }),
      ],
    ],
    ['status of builder', [call('check_agent_status', { agent_name: 'builder' })]],
    ['check builder', [call('check_agent_status', { agent_name: 'builder' })]],
    ['check the status of agent builder?', [call('check_agent_status', { agent_name: 'builder' })]],
    ['list agents', [call('list_agents')]],
    ['List all agents.', [call('list_agents')]],
    ['interrupt builder', [call('interrupt_agent', { agent_name: 'builder' })]],
    ['stop builder', [call('interrupt_agent', { agent_name: 'builder' })]],
    ['delete builder', [call('delete_agent', { agent_name: 'builder' })]],
    ['delete agent builder', [call('delete_agent', { agent_name: 'builder' })]],
    ['report cost', [call('report_cost')]],
    ['cost', [call('report_cost')]],
    ['logs', [call('read_system_logs')]],
    ['show logs', [call('read_system_logs')]],
    [
      'start a plan_build workflow named login: add a login page',
      [call('start_adw', { name_of_adw: 'login', workflow_type: 'plan_build', prompt: 'add a login page' })],
    ],
    [
      'Start a plan build review fix workflow: Add dark mode to the settings page',
      [
        call('start_adw', {
          name_of_adw: 'add-dark-mode-to',
          workflow_type: 'plan_build_review_fix',
          prompt: 'Add dark mode to the settings page',
        }),
      ],
    ],
    [
      'start plan-build-review workflow called r1: review it',
      [call('start_adw', { name_of_adw: 'r1', workflow_type: 'plan_build_review', prompt: 'review it' })],
    ],
    [
      'start a plan_fix workflow: nope',
      [
        {
          kind: 'unknown',
          clause: 'start a plan_fix workflow: nope',
          hint: 'Workflow types: plan_build, plan_build_review, plan_build_review_fix (e.g. "run a plan, build and review workflow: …").',
        },
      ],
    ],
    ['hello there', [{ kind: 'unknown', clause: 'hello there' }]],
    ['', []],
    [
      'list agents\nmake me a sandwich',
      [call('list_agents'), { kind: 'unknown', clause: 'make me a sandwich' }],
    ],
  ])('%j', (text, expected) => {
    expect(parseOrchestratorCommands(text)).toEqual(expected);
  });
});

describe('workflow checks', () => {
  it('maps check workflow / status of workflow to check_adw', () => {
    for (const text of ['check workflow demo', 'status of workflow demo.', 'check the workflow demo'])
      expect(parseOrchestratorCommands(text)).toEqual([
        { kind: 'tool', name: 'check_adw', input: { adw_id: 'demo', step_details: true } },
      ]);
  });
});
