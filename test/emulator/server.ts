/**
 * A Messages API emulator for tests: a Node HTTP server on 127.0.0.1 that answers `POST /v1/messages`
 * in JSON or SSE exactly like the API (through src/model/wire), errors included, following steps
 * scripted per scope (`metadata.user_id`), and records what it received. Control API, JSON:
 * - `POST /__emulator/script {scope, steps}` appends steps to the scope's queue;
 * - `GET /__emulator/requests?scope=` → `{requests, pending_steps}`;
 * - `POST /__emulator/reset {scope?}` forgets one scope, or all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_ERROR_STATUS, type ApiErrorType, apiErrorBody } from '../../src/model/wire/errors.ts';
import { parseMessagesRequest } from '../../src/model/wire/request.ts';
import { encodeSseEvent, sseHeaders } from '../../src/model/wire/sse.ts';
import { NO_SCRIPT_STEP, type Planned, planResponse } from './responder.ts';
import { type EmulatorStep, isRecord, type RecordedRequest, stepProblem } from './steps.ts';

export interface Emulator {
  /** Base URL for the SDK's `baseURL` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

interface Scope {
  steps: EmulatorStep[];
  requests: RecordedRequest[];
}

export async function startEmulator(): Promise<Emulator> {
  const scopes = new Map<string, Scope>();
  const scopeOf = (name: string): Scope => {
    const scope = scopes.get(name) ?? { steps: [], requests: [] };
    scopes.set(name, scope);
    return scope;
  };
  let counter = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const raw = await readBody(req);
    const body = parseJson(raw);
    if (url.pathname === '/__emulator/script' && req.method === 'POST') {
      if (!isRecord(body) || typeof body.scope !== 'string' || !Array.isArray(body.steps)) {
        return sendJson(res, 400, { error: 'expected {scope: string, steps: [...]}' });
      }
      const problem = body.steps.map(stepProblem).find((found) => found !== undefined);
      if (problem) return sendJson(res, 400, { error: problem });
      const scope = scopeOf(body.scope);
      // Validated by stepProblem above.
      scope.steps.push(...(body.steps as EmulatorStep[]));
      return sendJson(res, 200, { scope: body.scope, pending_steps: scope.steps.length });
    }
    if (url.pathname === '/__emulator/requests' && req.method === 'GET') {
      const scope = scopes.get(url.searchParams.get('scope') ?? '');
      return sendJson(res, 200, { requests: scope?.requests ?? [], pending_steps: scope?.steps.length ?? 0 });
    }
    if (url.pathname === '/__emulator/reset' && req.method === 'POST') {
      if (isRecord(body) && typeof body.scope === 'string') scopes.delete(body.scope);
      else scopes.clear();
      return sendJson(res, 200, { ok: true });
    }

    counter += 1;
    const number = counter;
    const requestId = `req_emulator_${number}`;
    const fail = (type: ApiErrorType, message: string) =>
      sendJson(res, API_ERROR_STATUS[type], apiErrorBody(type, message, requestId), {
        'request-id': requestId,
      });
    if (url.pathname !== '/v1/messages' || req.method !== 'POST') {
      return fail('not_found_error', `Not found: ${req.method} ${url.pathname}`);
    }
    const userId = isRecord(body) && isRecord(body.metadata) ? body.metadata.user_id : undefined;
    const scope = scopeOf(typeof userId === 'string' ? userId : '');
    scope.requests.push({
      method: req.method,
      path: url.pathname,
      headers: safeHeaders(req),
      body: body ?? raw,
    });

    const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer && !req.headers['x-api-key']) {
      return fail('authentication_error', 'x-api-key header is required');
    }
    if (!req.headers['anthropic-version']) {
      return fail('invalid_request_error', 'anthropic-version: header is required');
    }
    if (body === undefined) return fail('invalid_request_error', 'The request body is not valid JSON.');
    const parsed = parseMessagesRequest(body);
    if (!parsed.ok) return fail('invalid_request_error', parsed.message);

    const step = scope.steps.shift() ?? NO_SCRIPT_STEP;
    let toolUses = 0;
    const planned = planResponse(step, parsed.request, {
      requestId,
      messageId: `msg_emulator_${number}`,
      toolUseId: () => `toolu_emulator_${number}_${++toolUses}`,
    });
    if (step.delay_ms) await sleep(step.delay_ms);
    await send(res, planned, parsed.request.stream === true, requestId, step.chunk_delay_ms ?? 0);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[emulator] request failed', error);
      if (!res.headersSent) sendJson(res, 500, apiErrorBody('api_error', 'emulator failure', null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function send(
  res: ServerResponse,
  planned: Planned,
  stream: boolean,
  requestId: string,
  chunkDelayMs: number,
): Promise<void> {
  if (planned.kind === 'error') {
    return sendJson(res, planned.status, planned.body, { 'request-id': requestId, ...planned.headers });
  }
  if (!stream) {
    const json = JSON.stringify(planned.message);
    if (planned.cutAfterEvents === undefined)
      return sendJson(res, 200, planned.message, { 'request-id': requestId });
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
    await write(res, json.slice(0, Math.floor(json.length / 2)));
    return void res.destroy();
  }
  res.writeHead(200, sseHeaders(requestId));
  res.flushHeaders();
  for (const [index, event] of planned.events.entries()) {
    // Destroying the socket (not ending the response) leaves the chunked body unterminated, which
    // clients see as a network error rather than a clean, truncated stream.
    if (index === planned.cutAfterEvents || res.destroyed) return void res.destroy();
    if (index > 0 && chunkDelayMs > 0) await sleep(chunkDelayMs);
    await write(res, encodeSseEvent(event));
  }
  if (planned.cutAfterEvents !== undefined && planned.cutAfterEvents >= planned.events.length) {
    return void res.destroy();
  }
  res.end();
}

/** Resolves once the chunk is handed to the socket, so a cut that follows never drops it. */
function write(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => res.write(chunk, () => resolve()));
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Request headers for assertions, without credentials. */
function safeHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || name === 'x-api-key' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
