/** Calling the Worker under test, the way a program or a browser would. */
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { openDatabase } from '../../src/db/client.ts';
import { TEST_TOKEN } from './tokens.ts';

export const ORIGIN = 'http://orchestrator.test';

export interface CallOptions extends RequestInit {
  /** A bearer token; `null` sends no Authorization header. Defaults to the test token. */
  token?: string | null;
  json?: unknown;
}

export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const { token = TEST_TOKEN, json, ...init } = options;
  const headers = new Headers(init.headers);
  if (token !== null && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const body = json !== undefined ? JSON.stringify(json) : init.body;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, body }));
}

/** A WebSocket ticket for the test token (POST /api/auth/ws-ticket). */
export async function wsTicket(): Promise<{ ticket: string; expires_at: string }> {
  const response = await call('/api/auth/ws-ticket', { method: 'POST' });
  if (response.status !== 200) throw new Error(`ticket failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { ticket: string; expires_at: string };
}

export interface ErrorBody {
  error: { type: string; message: string; details?: unknown; request_id: string };
}

/** Asserts the one error shape and returns it; the request id must match the response header. */
export async function expectError(response: Response, status: number, type: string): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  if (response.status !== status || body.error?.type !== type) {
    throw new Error(`expected ${status} ${type}, got ${response.status} ${JSON.stringify(body)}`);
  }
  const requestId = response.headers.get('X-Request-Id');
  if (!requestId || body.error.request_id !== requestId) {
    throw new Error(`request id mismatch: header ${requestId}, body ${body.error.request_id}`);
  }
  return body;
}

/** A database handle for the test to look at what the Worker stored. */
export async function withDatabase<T>(
  fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(env);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
