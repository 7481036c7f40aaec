/**
 * A small real MCP server for the Worker tests of the MCP client (test/mcp-client-*.test.ts): the
 * official server SDK's stateless handler behind a Node HTTP server on 127.0.0.1. Everything is per
 * scope (tests run in parallel), under `/s/<scope>/`:
 * - `open/mcp` tools `add`, `echo` and `fail` (always an `isError` result), no auth;
 * - `secure/mcp` tool `whoami`, 401 unless `Authorization: Bearer <MCP_FIXTURE_TOKEN>` or a token
 *   the scope's `oauth/token` issued;
 * - `oauth/token` client-credentials grant (HTTP Basic `MCP_FIXTURE_CLIENT`), `oauth/revoke` forgets
 *   the scope's issued tokens (the next call gets a 401 and must fetch a new one);
 * - `stats` → `{tools_list, tools_call, unauthorized, tokens_issued}` counters.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { MCP_FIXTURE_CLIENT, MCP_FIXTURE_TOKEN } from './credentials.ts';

export interface McpFixture {
  /** Base URL, no trailing slash: `${url}/s/<scope>/open/mcp`. */
  url: string;
  close(): Promise<void>;
}

interface ScopeState {
  toolsList: number;
  toolsCall: number;
  unauthorized: number;
  tokens: Set<string>;
  tokensIssued: number;
}

function openServer(): McpServer {
  const server = new McpServer({ name: 'fixture-open', version: '1.0.0' });
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: z.object({ a: z.number(), b: z.number() }) },
    async ({ a, b }) => ({ content: [{ type: 'text', text: `the sum is ${a + b}` }] }),
  );
  server.registerTool(
    'echo',
    { description: 'Echoes the text.', inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
  );
  server.registerTool('fail', { description: 'Always fails.', inputSchema: z.object({}) }, async () => ({
    content: [{ type: 'text', text: 'the fail tool always fails' }],
    isError: true,
  }));
  return server;
}

function secureServer(): McpServer {
  const server = new McpServer({ name: 'fixture-secure', version: '1.0.0' });
  server.registerTool(
    'whoami',
    { description: 'Says who you are.', inputSchema: z.object({}) },
    async () => ({
      content: [{ type: 'text', text: 'you are the authorized fixture client' }],
    }),
  );
  return server;
}

export async function startMcpFixture(): Promise<McpFixture> {
  const scopes = new Map<string, ScopeState>();
  const stateOf = (scope: string): ScopeState => {
    const state = scopes.get(scope) ?? {
      toolsList: 0,
      toolsCall: 0,
      unauthorized: 0,
      tokens: new Set(),
      tokensIssued: 0,
    };
    scopes.set(scope, state);
    return state;
  };
  const openHandler = createMcpHandler(openServer);
  const secureHandler = createMcpHandler(secureServer);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture.invalid');
    const match = /^\/s\/([\w-]+)\/(open\/mcp|secure\/mcp|oauth\/token|oauth\/revoke|stats)$/.exec(
      url.pathname,
    );
    if (!match?.[1] || !match[2]) return send(res, new Response('not found', { status: 404 }));
    const state = stateOf(match[1]);
    const body = await readBody(req);
    const route = match[2];
    if (route === 'stats') {
      const { toolsList, toolsCall, unauthorized, tokensIssued } = state;
      return send(
        res,
        Response.json({
          tools_list: toolsList,
          tools_call: toolsCall,
          unauthorized,
          tokens_issued: tokensIssued,
        }),
      );
    }
    if (route === 'oauth/revoke') {
      state.tokens.clear();
      return send(res, Response.json({ ok: true }));
    }
    if (route === 'oauth/token') return send(res, issueToken(state, req, body));
    if (route === 'secure/mcp') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || (token !== MCP_FIXTURE_TOKEN && !state.tokens.has(token))) {
        state.unauthorized += 1;
        return send(
          res,
          new Response('unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } }),
        );
      }
    }
    countMethods(state, body);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const handler = route === 'open/mcp' ? openHandler : secureHandler;
    return send(res, await handler.fetch(request));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await Promise.all([openHandler.close(), secureHandler.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function issueToken(state: ScopeState, req: IncomingMessage, body: Buffer): Response {
  const expected = `Basic ${btoa(`${MCP_FIXTURE_CLIENT.id}:${MCP_FIXTURE_CLIENT.secret}`)}`;
  const form = new URLSearchParams(body.toString('utf8'));
  if (req.headers.authorization !== expected)
    return Response.json({ error: 'invalid_client' }, { status: 401 });
  if (form.get('grant_type') !== 'client_credentials')
    return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
  state.tokensIssued += 1;
  const token = `issued-${state.tokensIssued}-${Math.random().toString(36).slice(2)}`;
  state.tokens.add(token);
  return Response.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
}

function countMethods(state: ScopeState, body: Buffer): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return;
  }
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    const method =
      typeof message === 'object' && message !== null ? (message as { method?: unknown }).method : undefined;
    if (method === 'tools/list') state.toolsList += 1;
    if (method === 'tools/call') state.toolsCall += 1;
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}
