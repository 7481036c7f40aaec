import { PGlite } from '@electric-sql/pglite';
import { neonConfig, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type PgRelay, startPgRelay } from './pg-relay.ts';
import { concatBytes, lastReadyStatus, simpleQuery } from './pg-wire.ts';

neonConfig.webSocketConstructor = WebSocket;
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineTLS = false;
neonConfig.pipelineConnect = false;

function useRelay(relay: PgRelay): void {
  neonConfig.wsProxy = (host, port) => `${relay.address}/v1?address=${host}:${port}`;
}

function openPool(connectionString: string, max: number): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => {});
  return pool;
}

/** The SQLSTATE a query failed with (Postgres errors carry `code`), or what happened instead. */
async function sqlState(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return 'resolved';
  } catch (error: unknown) {
    return typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : String(error);
  }
}

/** `promise`, or a rejection once `ms` pass (the relay's own lock timeout is far longer). */
const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(reject, ms, new Error(`still waiting after ${ms} ms`)).unref(),
    ),
  ]);

/** A v3 StartupMessage, written by hand so a raw socket can speak to the relay. */
function startupMessage(user: string): Uint8Array {
  const body = new TextEncoder().encode(`user\0${user}\0database\0postgres\0\0`);
  const header = new DataView(new ArrayBuffer(8));
  header.setInt32(0, 8 + body.length);
  header.setInt32(4, 196608); // protocol 3.0
  return concatBytes([new Uint8Array(header.buffer), body]);
}

/** A bare WebSocket to the relay, as the driver opens one, with everything it receives collected. */
function rawSocket(relay: PgRelay, address: string) {
  const socket = new WebSocket(`ws://${relay.address}/v1?address=${address}`);
  let received: Uint8Array = new Uint8Array(0);
  const waiters: Array<() => void> = [];
  socket.on('message', (data: Buffer) => {
    received = concatBytes([received, new Uint8Array(data)]);
    for (const wake of waiters.splice(0)) wake();
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
  const readyStatus = async (status: 'I' | 'T' | 'E'): Promise<void> => {
    while (lastReadyStatus(received) !== status) await new Promise<void>((wake) => waiters.push(wake));
  };
  return { socket, opened, closed, readyStatus, received: () => received };
}

describe('pg relay in front of PGlite', () => {
  const url = 'postgres://postgres@localhost:5432/postgres';
  let db: PGlite;
  let relay: PgRelay;
  let pool: Pool;

  // PGlite's start (compiling its WebAssembly) takes seconds, and longer while scripts/dev.test.ts
  // builds and starts the whole dev stack beside it: more than the default 10 s hook timeout.
  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec('create table items (id serial primary key, label text not null)');
    relay = await startPgRelay({ kind: 'pglite', db });
    useRelay(relay);
    pool = openPool(url, 25);
  }, 60_000);

  /** How many committed rows carry `label`, failing if the backend is still held by someone else. */
  const committed = async (label: string) =>
    (await within(5_000, pool.query('select count(*)::int as n from items where label = $1', [label]))).rows;

  afterAll(async () => {
    await pool?.end();
    await relay?.close();
    await db?.close();
  });

  it('runs a parameterised query', async () => {
    const result = await pool.query('select $1::int + $2::int as sum, $3::text as label', [2, 40, 'héllo']);
    expect(result.rows).toEqual([{ sum: 42, label: 'héllo' }]);
  });

  it('runs 20 concurrent interactive transactions, each on its own client', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => pool.connect()));
    const seen = await Promise.all(
      clients.map(async (client, i) => {
        try {
          await client.query('BEGIN');
          await client.query('insert into items (label) values ($1)', [`tx-${i}`]);
          const { rows } = await client.query<{ n: number }>(
            "select count(*)::int as n from items where label like 'tx-%'",
          );
          await client.query('COMMIT');
          return rows[0]?.n ?? -1;
        } finally {
          client.release();
        }
      }),
    );
    // Serialised on the single backend, each transaction saw its own row and every earlier one.
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const { rows } = await pool.query<{ label: string }>("select label from items where label like 'tx-%'");
    expect(rows.map((r) => r.label).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `tx-${i}`).sort());
  });

  it('rolls back a destroyed client’s open transaction and does not block later queries', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('insert into items (label) values ($1)', ['destroyed']);
    client.release(true);
    expect(await committed('destroyed')).toEqual([{ n: 0 }]);
  });

  it('rolls back when the socket drops mid-transaction without a Terminate message', async () => {
    const raw = rawSocket(relay, 'localhost:5432');
    await raw.opened;
    raw.socket.send(startupMessage('postgres'));
    await raw.readyStatus('I');
    raw.socket.send(simpleQuery("BEGIN; insert into items (label) values ('dropped')"));
    await raw.readyStatus('T');
    raw.socket.terminate();
    expect(await committed('dropped')).toEqual([{ n: 0 }]);
  });

  it('answers a frame with an impossible length with a protocol violation and hangs up', async () => {
    const raw = rawSocket(relay, 'localhost:5432');
    await raw.opened;
    raw.socket.send(startupMessage('postgres'));
    await raw.readyStatus('I');
    raw.socket.send(new Uint8Array([0x51, 0xff, 0xff, 0xff, 0xff]));
    await within(5_000, raw.closed);
    expect(new TextDecoder().decode(raw.received())).toContain('08P01');
    expect((await pool.query('select 1 as n')).rows).toEqual([{ n: 1 }]);
  });

  it('returns the Postgres error from extended protocol and keeps the connection usable', async () => {
    const client = await pool.connect();
    try {
      expect(await sqlState(client.query('select * from no_such_table where id = $1', [1]))).toBe('42P01');
      const ok = await client.query('select $1::text as v', ['still here']);
      expect(ok.rows).toEqual([{ v: 'still here' }]);

      await client.query('BEGIN');
      expect(await sqlState(client.query('select 1 / $1::int', [0]))).toBe('22012');
      expect(await sqlState(client.query('select 1'))).toBe('25P02');
      await client.query('ROLLBACK');
      expect((await client.query('select 2 as n')).rows).toEqual([{ n: 2 }]);
    } finally {
      client.release();
    }
    // The failed transaction did not keep the backend from other connections.
    expect((await within(5_000, pool.query('select 3 as n'))).rows).toEqual([{ n: 3 }]);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
// Registered only when a PostgreSQL server is given, so the run never reports skipped tests.
if (serverUrl) {
  describe('pg relay in front of PostgreSQL over TCP', () => {
    const target = new URL(serverUrl);
    const host = target.hostname;
    const port = Number(target.port || 5432);
    let relay: PgRelay;
    let pool: Pool;

    beforeAll(async () => {
      relay = await startPgRelay({ kind: 'tcp', host, port });
      useRelay(relay);
      pool = openPool(serverUrl, 4);
    });

    afterAll(async () => {
      await pool?.end();
      await relay?.close();
    });

    it('runs a parameterised query', async () => {
      const result = await pool.query('select $1::int * $2::int as product, $3::text as word', [
        6,
        7,
        'relay',
      ]);
      expect(result.rows).toEqual([{ product: 42, word: 'relay' }]);
    });

    it('runs transactions that commit and roll back', async () => {
      const client = await pool.connect();
      try {
        await client.query('create temp table relay_probe (v int)');
        await client.query('BEGIN');
        await client.query('insert into relay_probe values ($1)', [1]);
        await client.query('ROLLBACK');
        await client.query('BEGIN');
        await client.query('insert into relay_probe values ($1)', [2]);
        expect((await client.query('select count(*)::int as n from relay_probe')).rows).toEqual([{ n: 1 }]);
        await client.query('COMMIT');
        expect((await client.query('select v from relay_probe')).rows).toEqual([{ v: 2 }]);
        expect(await sqlState(client.query('select * from no_such_table where v = $1', [1]))).toBe('42P01');
      } finally {
        client.release(true);
      }
    });

    it('refuses a socket that asks for any other address', async () => {
      const raw = rawSocket(relay, `${host}:${port + 1}`);
      await raw.opened;
      raw.socket.send(startupMessage(target.username || 'postgres'));
      expect(await within(5_000, raw.closed)).toBe(1008);
      expect(raw.received().length).toBe(0);
    });
  });
}
