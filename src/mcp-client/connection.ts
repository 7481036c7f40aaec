/**
 * One short-lived client session with a remote server: connect over Streamable HTTP, do the work,
 * close. Nothing is kept between calls, so a Durable Object that hibernates or is evicted loses
 * nothing: the next call (or resumed run) opens a new session from the row.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Database } from '../db/client.ts';
import { type McpServerRow, updateMcpServer } from '../db/mcp-servers.ts';
import { authProviderFor } from './auth.ts';

export const CLIENT_INFO = { name: 'edge-orchestrator', version: '0.1.0' } as const;
/** The longest a remote tool call (or a tool listing) may take. */
export const CALL_TIMEOUT_MS = 30_000;

export interface ServerAccess {
  db: Database;
  /** `SECRETS_KEY`, to open the server's sealed credentials. */
  encodedKey: string | undefined;
  /** Aborts the connection and the request in flight (a run's interrupt). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Session {
  client: Client;
  /** Request options for the client's calls: the run's signal and the timeout. */
  options: { signal: AbortSignal; timeout: number };
}

export async function withSession<T>(
  row: McpServerRow,
  access: ServerAccess,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const timeout = access.timeoutMs ?? CALL_TIMEOUT_MS;
  const signal = AbortSignal.any([AbortSignal.timeout(timeout), ...(access.signal ? [access.signal] : [])]);
  const authProvider = await authProviderFor(row, {
    encodedKey: access.encodedKey,
    signal,
    saveSecret: async (sealed) => {
      await updateMcpServer(access.db, row.id, { secretCiphertext: sealed });
    },
  });
  const transport = new StreamableHTTPClientTransport(new URL(row.url), authProvider ? { authProvider } : {});
  const client = new Client(CLIENT_INFO);
  try {
    await client.connect(transport, { signal, timeout });
    return await work({ client, options: { signal, timeout } });
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * A failure as stored in `last_error` and shown to the model: the message only (never a stack, and
 * never headers or bodies, which could carry credentials), bounded in length.
 */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message || 'unknown error').replace(/\s+/g, ' ').slice(0, 500);
}
