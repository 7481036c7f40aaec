/** MCP tools for orchestrators and their conversation: list, create, chat, agents and events. */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { EVENT_TYPES } from '../events/types.ts';
import type { ApiClient } from './api-client.ts';
import { toolResult } from './results.ts';

const categories = [...new Set(Object.values(EVENT_TYPES))] as [string, ...string[]];
const eventTypes = Object.keys(EVENT_TYPES) as [string, ...string[]];

const orchestratorId = z.uuid().describe('The orchestrator id (from list_orchestrators)');
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

export function registerOrchestratorTools(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'list_orchestrators',
    {
      description:
        'List orchestrators, newest first, each with its status, model, budget and token/cost usage. ' +
        'Pass next_before as `before` for the next page.',
      inputSchema: z.object({
        limit: z.number().int().min(1).max(200).default(50),
        before: z.string().optional().describe('Cursor from a previous page (next_before)'),
        include_archived: z.boolean().default(false),
      }),
      annotations: readOnly,
    },
    async ({ limit, before, include_archived }) =>
      toolResult(await api.send({ path: '/orchestrators', query: { limit, before, include_archived } })),
  );

  server.registerTool(
    'create_orchestrator',
    {
      description: 'Create an orchestrator (a lead agent with its own chat, command agents and workspace).',
      inputSchema: z.object({
        name: z.string().min(1).max(120).optional(),
        model: z.string().optional().describe('A model id or alias such as "opus" (the default)'),
        system_prompt: z.string().max(100_000).optional(),
        budget_usd: z.number().positive().optional().describe('Stop spending once this much USD is used'),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async (body) => toolResult(await api.send({ method: 'POST', path: '/orchestrators', json: body })),
  );

  server.registerTool(
    'send_message',
    {
      description:
        "Send a message to an orchestrator's chat. Returns at once with the turn id; the reply runs in " +
        'the background (a running turn is interrupted). Follow it with read_events or read_chat.',
      inputSchema: z.object({ orchestrator_id: orchestratorId, message: z.string().min(1).max(100_000) }),
      outputSchema: z.object({
        message_id: z.string(),
        turn_id: z.string().describe('The turn that answers; its events carry data.turn_id'),
        interrupted_turn_id: z.string().nullable(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async ({ orchestrator_id, message }) =>
      toolResult(
        await api.send({
          method: 'POST',
          path: `/orchestrators/${orchestrator_id}/messages`,
          json: { message },
        }),
      ),
  );

  server.registerTool(
    'read_chat',
    {
      description:
        "An orchestrator's recent chat history, newest first: user and orchestrator messages with " +
        'thinking and tool-use entries. Pass next_before as `before` for older messages.',
      inputSchema: z.object({
        orchestrator_id: orchestratorId,
        limit: z.number().int().min(1).max(200).default(20),
        before: z.string().optional().describe('Cursor from a previous page (next_before)'),
      }),
      annotations: readOnly,
    },
    async ({ orchestrator_id, limit, before }) =>
      toolResult(
        await api.send({ path: `/orchestrators/${orchestrator_id}/messages`, query: { limit, before } }),
      ),
  );

  server.registerTool(
    'list_agents',
    {
      description:
        "An orchestrator's live command agents: status, current task, queued commands, tokens and cost.",
      inputSchema: z.object({ orchestrator_id: orchestratorId }),
      annotations: readOnly,
    },
    async ({ orchestrator_id }) =>
      toolResult(await api.send({ path: `/orchestrators/${orchestrator_id}/agents` })),
  );

  server.registerTool(
    'read_events',
    {
      description:
        "An orchestrator's event stream in sequence order (chat, model output, hooks, agents, files, " +
        'costs, workflows), optionally filtered. Pass next_after_seq as `after_seq` to continue; it is ' +
        'null when there is nothing more yet, and last_seq is the newest event.',
      inputSchema: z.object({
        orchestrator_id: orchestratorId,
        after_seq: z.number().int().min(0).default(0).describe('Only events after this sequence number'),
        limit: z.number().int().min(1).max(1_000).default(100),
        type: z.enum(eventTypes).optional(),
        category: z.enum(categories).optional(),
        agent_id: z.uuid().optional().describe("Only this command agent's events"),
      }),
      annotations: readOnly,
    },
    async ({ orchestrator_id, ...query }) =>
      toolResult(await api.send({ path: `/orchestrators/${orchestrator_id}/events`, query })),
  );
}
