/** MCP tools for what orchestrators produce: workspace files and AI Developer Workflows. */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { WORKFLOW_TYPE_NAMES } from '../workflows/definitions.ts';
import { normalizePath } from '../workspace/paths.ts';
import type { ApiClient } from './api-client.ts';
import { toolError, toolResult } from './results.ts';

const orchestratorId = z.uuid().describe('The orchestrator id (from list_orchestrators)');
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

export function registerWorkTools(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'list_files',
    {
      description:
        "The live files of an orchestrator's workspace, in path order, with size and version. " +
        'Pass next_after as `after` for the next page.',
      inputSchema: z.object({
        orchestrator_id: orchestratorId,
        prefix: z.string().optional().describe('Only files under this directory, e.g. "src"'),
        after: z.string().optional().describe('Cursor from a previous page (next_after)'),
        limit: z.number().int().min(1).max(5_000).default(500),
      }),
      annotations: readOnly,
    },
    async ({ orchestrator_id, ...query }) =>
      toolResult(await api.send({ path: `/orchestrators/${orchestrator_id}/files`, query })),
  );

  server.registerTool(
    'read_file',
    {
      description: "A workspace file's content: the current version, or an earlier one with `version`.",
      inputSchema: z.object({
        orchestrator_id: orchestratorId,
        path: z.string().min(1).describe('Relative to the workspace root, e.g. "src/index.ts"'),
        version: z.number().int().min(1).optional(),
      }),
      annotations: readOnly,
    },
    async ({ orchestrator_id, path, version }) => {
      // The path goes into a URL, where `..` would be resolved before the route saw it: refuse it
      // (and anything else the workspace refuses) with the workspace's own reason.
      const normalized = normalizePath(path);
      if (!normalized.ok) return toolError(`Invalid path: ${normalized.error}`);
      const encoded = normalized.path.split('/').map(encodeURIComponent).join('/');
      return toolResult(
        await api.send({ path: `/orchestrators/${orchestrator_id}/files/${encoded}`, query: { version } }),
      );
    },
  );

  server.registerTool(
    'start_workflow',
    {
      description:
        'Start an AI Developer Workflow on an orchestrator: its steps (e.g. plan → build → review → fix) ' +
        'run one after another as command agents. Returns the workflow with its id; follow it with ' +
        'check_workflow.',
      inputSchema: z.object({
        orchestrator_id: orchestratorId,
        type: z
          .string()
          .min(1)
          .describe(`The workflow type: one of ${WORKFLOW_TYPE_NAMES.join(', ')}`),
        name: z.string().min(1).max(100).describe('A short name for the workflow'),
        prompt: z.string().min(1).max(100_000).describe('What the workflow should achieve'),
        description: z.string().max(2_000).optional(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async ({ orchestrator_id, type, ...rest }) =>
      toolResult(
        await api.send({
          method: 'POST',
          path: `/orchestrators/${orchestrator_id}/adws`,
          json: { workflow_type: type, ...rest },
        }),
      ),
  );

  server.registerTool(
    'check_workflow',
    {
      description:
        "A workflow's status, current step, each step's status, agent, timings, output and error, and " +
        'its cost and tokens.',
      inputSchema: z.object({ workflow_id: z.uuid().describe('The id start_workflow returned') }),
      annotations: readOnly,
    },
    async ({ workflow_id }) => toolResult(await api.send({ path: `/adws/${workflow_id}` })),
  );
}
