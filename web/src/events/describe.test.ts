import { describe, expect, it } from 'vitest';
import openapi from '../api/openapi.json';
import { describeEvent, EVENT_TYPES } from './describe.ts';

interface OpenApi {
  paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
}

/** The vocabulary as the server publishes it (the snapshot the console is built against). */
function vocabulary(): string[] {
  const document = openapi as unknown as OpenApi;
  const parameter = document.paths['/orchestrators/{id}/events']?.get?.parameters?.find(
    (p) => p.name === 'type',
  );
  return parameter?.schema?.enum ?? [];
}

/** Payloads as the server emits them, one per type. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  chat_message: { message: { role: 'user', content: 'hello there' } },
  chat_typing: { is_typing: true, turn_id: 't1' },
  text_delta: { text: 'partial' },
  text: { text: 'Done.' },
  thinking: { thinking: 'considering' },
  tool_use: { name: 'create_agent', input: { name: 'alpha', template: null } },
  tool_result: { name: 'create_agent', content: 'Created agent alpha', is_error: false },
  UserPromptSubmit: { prompt: 'create agent alpha', prompt_length: 18 },
  PreToolUse: { tool_name: 'write_file', tool_input: { path: 'a.md' } },
  PostToolUse: { tool_name: 'write_file', is_error: false },
  Stop: { reason: 'completed' },
  agent_created: { agent: { id: 'a1', name: 'alpha', status: 'idle' } },
  agent_updated: { usage: { cost_usd: 0.0012 } },
  agent_status_changed: { old_status: 'idle', new_status: 'executing' },
  agent_deleted: { agent_name: 'alpha' },
  command_queued: { agent_name: 'alpha', command: 'write a.md', ahead: 1 },
  turn_started: { turn_id: 't1', resumed: false },
  turn_completed: { turn_id: 't1', status: 'completed', turns: 2, stop_reason: 'end_turn' },
  turn_interrupted: { turn_id: 't1', status: 'interrupted', turns: 1 },
  turn_failed: { turn_id: 't1', status: 'failed', turns: 1, error: 'boom' },
  system_log: { level: 'warning', message: 'The running turn was interrupted.' },
  summary_update: {
    summaries: [
      { seq: 1, summary: 'x' },
      { seq: 2, summary: 'y' },
    ],
  },
  file_changes: { produced: [{ path: 'a.md' }], consumed: [] },
  expertise_updated: {
    domain: 'websocket',
    version: 2,
    lines_added: 1,
    lines_removed: 1,
    diff: '-a\n+b\n',
    author: 'alpha',
    reason: 'learned it hibernates',
  },
  model_call: { model: 'offline', input_tokens: 10, output_tokens: 5, cost_usd: 0 },
  orchestrator_updated: { usage: { cost_usd: 0.5, model_calls: 3 } },
  budget_exceeded: { scope: 'turn', budget_usd: 1, spent_usd: 1.2, message: 'Budget exceeded' },
  adw_created: { adw: { name: 'demo', workflow_type: 'plan_build', total_steps: 2 } },
  adw_status: { status: 'in_progress', completed_steps: 0, total_steps: 2 },
  adw_step_change: { step: 'plan', change: 'StepStart', status: 'running' },
  adw_event: { step: 'plan', level: 'info', event_type: 'note', message: 'Planning started' },
  adw_event_summary_update: { summaries: [{ seq: 1, summary: 'x' }] },
  pipeline_run: { run_id: 'r1', kind: 'decision', trigger: 'manual', status: 'succeeded' },
  pipeline_step: { run_id: 'r1', step: 'regime', index: 0, total: 5, status: 'succeeded', duration_ms: 3 },
  approval_requested: { approval_id: 'ap1', summary: 'sell 1 SPY iron condor', notional: 500, order: {} },
  approval_decided: { approval_id: 'ap1', status: 'submitted', broker_order_id: 'o1', reason: null },
  order_submitted: { approval_id: 'ap1', broker_order_id: 'o1', status: 'filled', filled_qty: 1 },
};

const looksLikeJson = (line: string) => /[{}[\]]|":/.test(line);

describe('describeEvent', () => {
  it('covers exactly the event vocabulary of the OpenAPI snapshot', () => {
    expect(vocabulary().length).toBeGreaterThan(0);
    expect([...EVENT_TYPES].sort()).toEqual([...vocabulary()].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...vocabulary()].sort());
  });

  it.each(vocabulary())('gives %s a readable line, not JSON, with or without a payload', (type) => {
    for (const data of [SAMPLES[type] ?? {}, {}]) {
      const line = describeEvent({ type, data });
      expect(line.length).toBeGreaterThan(0);
      expect(looksLikeJson(line), `${type}: ${line}`).toBe(false);
      expect(line).not.toMatch(/undefined|\[object Object\]/);
    }
  });

  it('words the chat and turn events people see most', () => {
    expect(describeEvent({ type: 'chat_typing', data: { is_typing: true } })).toBe('Orchestrator is typing…');
    expect(describeEvent({ type: 'chat_typing', data: { is_typing: false } })).toBe(
      'Orchestrator stopped typing',
    );
    expect(describeEvent({ type: 'turn_completed', data: SAMPLES.turn_completed ?? {} })).toBe(
      'Turn completed · 2 model turns · stop: end_turn',
    );
    expect(describeEvent({ type: 'tool_use', data: SAMPLES.tool_use ?? {} })).toBe(
      'Tool call create_agent · name: alpha, template: null',
    );
  });

  it('prefers the server summary, and names a type newer than the console', () => {
    expect(describeEvent({ type: 'adw_status', data: { status: 'completed' }, summary: 'Done' })).toBe(
      'Done',
    );
    expect(describeEvent({ type: 'brand_new', data: { message: 'hi', extra: { a: 1 } } })).toBe(
      'brand_new · hi',
    );
  });

  it('keeps one line, clipped', () => {
    const line = describeEvent({ type: 'text', data: { text: `a\nb ${'x'.repeat(500)}` } });
    expect(line.startsWith('a b ')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(240);
  });
});

describe('describeEvent for workflow events', () => {
  it('describes a created workflow', () => {
    const data = { adw: { name: 'demo', workflow_type: 'plan_build', total_steps: 2 } };
    expect(describeEvent({ type: 'adw_created', data })).toBe('Workflow demo (plan_build, 2 steps) created');
  });

  it('describes status with progress, step and error', () => {
    const data = {
      status: 'failed',
      completed_steps: 1,
      total_steps: 3,
      current_step: 'build',
      error_message: 'build step ended without calling its tool',
    };
    expect(describeEvent({ type: 'adw_status', data })).toBe(
      'Workflow failed · 1/3 steps · at build · build step ended without calling its tool',
    );
  });

  it('describes step starts and ends', () => {
    expect(
      describeEvent({
        type: 'adw_step_change',
        data: { step: 'plan', change: 'StepStart', status: 'running' },
      }),
    ).toBe('Step plan started');
    const end = {
      step: 'plan',
      change: 'StepEnd',
      status: 'completed',
      agent_name: 'plan-1a2b3c4d',
      duration_ms: 1500,
    };
    expect(describeEvent({ type: 'adw_step_change', data: end })).toBe(
      'Step plan completed · plan-1a2b3c4d · 1.5 s',
    );
  });

  it('counts summary updates', () => {
    expect(
      describeEvent({ type: 'adw_event_summary_update', data: { summaries: [{ seq: 1, summary: 'x' }] } }),
    ).toBe('1 event summary updated');
  });
});
