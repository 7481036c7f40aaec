/**
 * The MCP server: one fresh instance per HTTP request (the handler is stateless, so no session and
 * no Durable Object), with the caller's REST client baked into its tools.
 */
import { McpServer } from '@modelcontextprotocol/server';
import type { ApiClient } from './api-client.ts';
import { registerOrchestratorTools } from './tools-orchestrators.ts';
import { registerWorkTools } from './tools-work.ts';

export const MCP_SERVER_INFO = { name: 'edge-orchestrator', version: '0.1.0' } as const;

const INSTRUCTIONS =
  'Drive multi-agent orchestrators: create or pick one (list_orchestrators), talk to it ' +
  '(send_message, then read_events from the returned turn onwards or read_chat), watch its agents ' +
  '(list_agents) and workspace (list_files, read_file), and run AI Developer Workflows ' +
  '(start_workflow, check_workflow).';

export function createMcpServer(api: ApiClient): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });
  registerOrchestratorTools(server, api);
  registerWorkTools(server, api);
  return server;
}
