import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BrokerError } from '../types.ts';
import { AlpacaHttp, backoffMs, HTTP_DEFAULTS } from './http.ts';

const URL_ACCOUNT = 'https://paper-api.alpaca.markets/v2/account';
const schema = z.object({ status: z.string() });

function setup(answers: Array<(init: RequestInit | undefined) => Response | Promise<Response>>) {
  let nowMs = Date.parse('2026-12-04T15:00:00Z');
  const sleeps: number[] = [];
  const calls: RequestInit[] = [];
  const http = new AlpacaHttp({
    ...HTTP_DEFAULTS,
    accountId: crypto.randomUUID(),
    credentials: { keyId: 'PKTESTKEYID', secretKey: 'SECRET-do-not-leak' },
    fetch: async (_input, init) => {
      calls.push(init ?? {});
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer');
      return answer(init);
    },
    now: () => new Date(nowMs),
    sleep: async (ms) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    random: () => 0.5,
  });
  return { http, sleeps, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

async function failure(promise: Promise<unknown>): Promise<BrokerError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BrokerError);
  return error as BrokerError;
}

describe('AlpacaHttp', () => {
  it('sends the key headers and validates the answer', async () => {
    const { http, calls } = setup([json(200, { status: 'ACTIVE', more: 1 })]);
    expect(await http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true })).toEqual({
      status: 'ACTIVE',
    });
    expect(calls[0]?.headers).toMatchObject({
      'APCA-API-KEY-ID': 'PKTESTKEYID',
      'APCA-API-SECRET-KEY': 'SECRET-do-not-leak',
    });
  });

  it('a body that is not JSON, or not the expected shape, is invalid_response and not retried', async () => {
    const { http } = setup([() => new Response('<html>oops</html>', { status: 200 })]);
    const notJson = await failure(
      http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }),
    );
    expect(notJson).toMatchObject({ code: 'invalid_response' });
    const shaped = setup([json(200, { status: 7 })]);
    const wrong = await failure(
      shaped.http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }),
    );
    expect(wrong.code).toBe('invalid_response');
    expect(wrong.message).toContain('status');
    expect(shaped.http.health().recentFailures).toBe(0);
  });

  it('retries 5xx with growing, jittered waits, then gives up as unavailable', async () => {
    const { http, sleeps, calls } = setup([
      json(502, { message: 'bad gateway' }),
      json(503, { message: 'unavailable' }),
      json(500, { code: 50010000, message: 'internal' }),
      json(500, { code: 50010000, message: 'internal' }),
    ]);
    const error = await failure(http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }));
    expect(error).toMatchObject({ code: 'unavailable', status: 500 });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([188, 375, 750]);
  });

  it('a non-idempotent request without a recovery check is never sent twice', async () => {
    const { http, calls } = setup([json(500, { message: 'internal' })]);
    await failure(http.request({ method: 'POST', url: URL_ACCOUNT, body: {}, schema, idempotent: false }));
    expect(calls).toHaveLength(1);
  });

  it('maps 401, 403, 404 and 422 without retrying, keeping Alpaca\u2019s message', async () => {
    for (const [status, code] of [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [422, 'rejected'],
    ] as const) {
      const { http, calls } = setup([json(status, { code: status * 100000, message: `reason ${status}` })]);
      const error = await failure(
        http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }),
      );
      expect(error).toMatchObject({ code, status });
      expect(error.message).toContain(`reason ${status}`);
      expect(calls).toHaveLength(1);
      expect(http.health().recentFailures).toBe(0);
    }
  });

  it('never puts the key or secret in an error message', async () => {
    const { http } = setup([
      () => {
        throw new TypeError('connect failed for PKTESTKEYID:SECRET-do-not-leak');
      },
      json(401, { message: 'bad key PKTESTKEYID' }),
    ]);
    const error = await failure(http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }));
    expect(error.message).not.toContain('PKTESTKEYID');
    expect(error.message).not.toContain('SECRET-do-not-leak');
    expect(error.message).toContain('[redacted]');
    expect(http.health().lastError).not.toContain('SECRET-do-not-leak');
  });

  it('after a long Retry-After, later requests wait in the bucket or fail fast as rate_limited', async () => {
    const { http, calls } = setup([json(429, { message: 'too many requests' }, { 'retry-after': '30' })]);
    const first = await failure(http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }));
    expect(first).toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000 });
    const second = await failure(http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true }));
    expect(second.code).toBe('rate_limited');
    expect(second.retryAfterMs).toBeGreaterThan(25_000);
    // The bucket refused it: Alpaca was not asked again.
    expect(calls).toHaveLength(1);
    expect(http.health().requestsRemaining).toBe(0);
  });

  it('waits for a token when the minute budget is briefly spent', async () => {
    const answers = Array.from({ length: 201 }, () => json(200, { status: 'ACTIVE' }));
    const { http, sleeps } = setup(answers);
    for (let index = 0; index < 200; index += 1) {
      await http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true });
    }
    expect(sleeps).toEqual([]);
    await http.request({ method: 'GET', url: URL_ACCOUNT, schema, idempotent: true });
    expect(sleeps).toEqual([300]);
  });

  it('a recovery check that finds the result ends the request without resending', async () => {
    const { http, calls } = setup([
      () => {
        throw new TypeError('connection reset');
      },
    ]);
    const result = await http.request({
      method: 'POST',
      url: URL_ACCOUNT,
      body: {},
      schema,
      idempotent: false,
      recover: async () => ({ status: 'FOUND' }),
    });
    expect(result).toEqual({ status: 'FOUND' });
    expect(calls).toHaveLength(1);
  });

  it('backoff doubles per attempt up to the cap, with jitter in its upper half', () => {
    const options = { backoffBaseMs: 250, backoffCapMs: 5000 };
    expect(backoffMs(1, { ...options, random: () => 0 })).toBe(125);
    expect(backoffMs(1, { ...options, random: () => 0.999999 })).toBe(250);
    expect(backoffMs(3, { ...options, random: () => 0 })).toBe(500);
    expect(backoffMs(10, { ...options, random: () => 0 })).toBe(2500);
  });
});
