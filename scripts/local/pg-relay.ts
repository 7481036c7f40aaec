/**
 * The local end of the Neon serverless driver's WebSocket transport. In production the driver talks to
 * Neon's WebSocket proxy; locally it talks to this relay (the Worker sets `neonConfig.wsProxy` from
 * `PG_WS_PROXY`), which either pipes the bytes to a PostgreSQL server over TCP or serves them from
 * the embedded PGlite. Either way the Worker runs the same driver code as in production.
 */
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { WebSocket, WebSocketServer } from 'ws';
import { Mutex } from './mutex.ts';
import { PgliteSession } from './pglite-session.ts';

// `ws` through createRequire: vitest's globalSetup resolves bare imports with browser conditions,
// which yield ws's browser stub, a WebSocket client without a server.
const require = createRequire(import.meta.url);
const { WebSocketServer: Server } = require('ws') as typeof import('ws');

export type RelayBackend = { kind: 'tcp'; host: string; port: number } | { kind: 'pglite'; db: PGlite };

export interface PgRelay {
  /** `host:port` to put in the Worker's `PG_WS_PROXY`. */
  readonly address: string;
  close(): Promise<void>;
}

export async function startPgRelay(backend: RelayBackend, port = 0): Promise<PgRelay> {
  const server: WebSocketServer = new Server({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const attach = backend.kind === 'tcp' ? tcpConnector(backend) : await pgliteConnector(backend.db);
  server.on('connection', (socket, request) => {
    socket.binaryType = 'nodebuffer';
    attach(socket, new URL(request.url ?? '/', 'http://relay').searchParams.get('address'));
  });
  const info = server.address();
  const boundPort = typeof info === 'object' && info ? info.port : port;
  return {
    address: `127.0.0.1:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

type Connector = (socket: WebSocket, requestedAddress: string | null) => void;

function tcpConnector(target: { host: string; port: number }): Connector {
  const allowed = `${target.host}:${target.port}`;
  return (socket, requestedAddress) => {
    // Only the configured database: the relay must not become an open TCP proxy on the machine.
    if (requestedAddress !== allowed) {
      socket.close(1008, `relay only reaches ${allowed}`);
      return;
    }
    const tcp = connect({ host: target.host, port: target.port });
    tcp.setNoDelay(true);
    const pendingFromClient: Buffer[] = [];
    tcp.once('connect', () => {
      for (const chunk of pendingFromClient.splice(0)) tcp.write(chunk);
    });
    socket.on('message', (data: Buffer) => {
      if (tcp.connecting) pendingFromClient.push(data);
      else tcp.write(data);
    });
    tcp.on('data', (data) => socket.send(data));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.terminate());
    socket.on('close', () => tcp.destroy());
    socket.on('error', () => tcp.destroy());
  };
}

async function pgliteConnector(db: PGlite): Promise<Connector> {
  const lock = new Mutex();
  const show = async (name: string) =>
    (await db.query<Record<string, string>>(`show ${name}`)).rows[0]?.[name] ?? '';
  const serverParameters = {
    server_version: await show('server_version'),
    server_encoding: 'UTF8',
    client_encoding: 'UTF8',
    DateStyle: 'ISO, MDY',
    integer_datetimes: 'on',
    standard_conforming_strings: 'on',
    TimeZone: await show('timezone'),
  };
  return (socket) => {
    const session = new PgliteSession({
      db,
      lock,
      serverParameters,
      send: (bytes) => socket.send(bytes),
      close: () => socket.close(),
    });
    socket.on('message', (data: Buffer) => session.receive(new Uint8Array(data)));
    socket.on('close', () => void session.end());
    socket.on('error', () => void session.end());
  };
}
