/**
 * What a new user is told about the offline model before and while using it: health and the
 * orchestrator's catalog name the provider; anything outside the grammar gets a short hint back,
 * labelled, without calling a tool.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.ts';
import { ask } from '../helpers/conversation.ts';
import { createOrchestrator, ofType } from '../helpers/orchestrators.ts';
import { openStream } from '../helpers/stream.ts';

interface OrchestratorJson {
  live: { last_seq: number; connections: number; turn_running: boolean; agent_runs: number };
  catalog: {
    model_provider: { provider: string; label: string; base_url?: string };
    slash_commands: Array<{ name: string; description: string; argument_hint: string }>;
    agent_templates: Array<{ name: string; description: string; tools: string[]; model: string }>;
    tools: Array<{ name: string; description: string }>;
    workflow_types: Array<{ type: string; description: string }>;
  };
}

const MANAGEMENT_TOOLS = [
  'create_agent',
  'list_agents',
  'command_agent',
  'check_agent_status',
  'delete_agent',
  'interrupt_agent',
  'read_system_logs',
  'report_cost',
];

describe('the offline model, as the API describes it', () => {
  it('GET /api/health names the offline provider, with no URL', async () => {
    const response = await call('/api/health', { token: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; model: Record<string, string> };
    expect(body.status).toBe('ok');
    expect(body.model).toEqual({
      provider: 'offline',
      label: 'Built-in offline model (no AI: follows a fixed command grammar)',
    });
  });

  it('the orchestrator’s catalog lists slash commands, templates, tools and the provider', async () => {
    const id = await createOrchestrator();
    const response = await call(`/api/orchestrators/${id}`);
    expect(response.status).toBe(200);
    const { catalog, live } = (await response.json()) as OrchestratorJson;
    expect(catalog.model_provider.provider).toBe('offline');
    expect(catalog.model_provider.base_url).toBeUndefined();
    expect(catalog.slash_commands.map((c) => c.name).sort()).toEqual([
      'build',
      'fix',
      'plan',
      'prime',
      'question',
      'review',
      'self-improve',
    ]);
    expect(catalog.slash_commands.every((c) => c.description.length > 0)).toBe(true);
    expect(catalog.agent_templates.map((t) => t.name).sort()).toEqual([
      'builder',
      'database-expert',
      'documenter',
      'expert',
      'planner',
      'reviewer',
      'scout',
      'trader',
      'websocket-expert',
    ]);
    expect(catalog.agent_templates.every((t) => t.tools.length > 0 && t.model.length > 0)).toBe(true);
    expect(catalog.tools.map((t) => t.name)).toEqual([...MANAGEMENT_TOOLS, 'start_adw', 'check_adw']);
    expect(catalog.workflow_types.map((w) => w.type)).toEqual([
      'plan_build',
      'plan_build_review',
      'plan_build_review_fix',
    ]);
    expect(catalog.workflow_types.every((w) => w.description.length > 0)).toBe(true);
    expect(live).toEqual({ last_seq: 0, connections: 0, turn_running: false, agent_runs: 0 });
  });
});

describe('talking to the offline model outside its grammar', () => {
  it('answers with a short hint naming the closest commands, labelled, and calls no tool', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const reply = await ask(id, stream, 'Could you please build me a web shop?');
    expect(reply.end).toBe('turn_completed');
    expect(reply.results).toEqual([]);
    expect(reply.replies).toEqual([
      '[offline model] Not understood: "Could you please build me a web shop?". Closest commands: ' +
        '"run a plan_build|plan_build_review|plan_build_review_fix workflow [named <name>]: <prompt>". ' +
        'Say "help" for all of them.\n' +
        '(This is the built-in offline model, not an AI: it follows a fixed grammar.)',
    ]);
    expect(ofType(stream.events, 'model_call')).toHaveLength(1);
    stream.close();
  });

  it('does what it understands in a message and names what it did not', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const reply = await ask(id, stream, 'create agent gamma; make me a sandwich');
    expect(reply.replies[0]).toBe(
      '[offline model] Calling create_agent.\nNot understood: "make me a sandwich". ' +
        'Closest commands: "create agent <name> [as <template>]". Say "help" for all of them.',
    );
    expect(reply.results.map((e) => [e.data.name, e.data.is_error])).toEqual([['create_agent', false]]);
    const agents = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ name: string }>;
    };
    expect(agents.agents.map((a) => a.name)).toEqual(['gamma']);
    stream.close();
  });
});
