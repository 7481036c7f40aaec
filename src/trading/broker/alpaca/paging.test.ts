import { describe, expect, it } from 'vitest';
import { BrokerError } from '../types.ts';
import { drainByLastId, drainByTime, drainByToken, MAX_PAGES } from './paging.ts';

const ids = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => ({ id: `a${String(index + from).padStart(4, '0')}` }));

describe('drainByLastId', () => {
  it('asks for the page after the last id until a short page', async () => {
    const all = ids(250);
    const tokens: (string | undefined)[] = [];
    const items = await drainByLastId('activities', 100, async (token) => {
      tokens.push(token);
      const start = token === undefined ? 0 : all.findIndex((item) => item.id === token) + 1;
      return all.slice(start, start + 100);
    });
    expect(items).toEqual(all);
    expect(tokens).toEqual([undefined, 'a0099', 'a0199']);
  });

  it('an exactly full last page ends with an empty one', async () => {
    const all = ids(200);
    let calls = 0;
    const items = await drainByLastId('activities', 100, async (token) => {
      calls += 1;
      const start = token === undefined ? 0 : all.findIndex((item) => item.id === token) + 1;
      return all.slice(start, start + 100);
    });
    expect(items).toHaveLength(200);
    expect(calls).toBe(3);
  });

  it('a server that repeats items or ignores the token cannot loop or duplicate', async () => {
    const page = ids(100);
    const items = await drainByLastId('activities', 100, async () => page);
    expect(items).toEqual(page);
  });
});

describe('drainByTime', () => {
  const orders = (count: number, sameInstantEvery = 1) =>
    Array.from({ length: count }, (_, index) => ({
      id: `o${index}`,
      submitted_at: new Date(
        Date.parse('2026-01-05T14:30:00Z') + Math.floor(index / sameInstantEvery) * 1000,
      ).toISOString(),
    }));

  function server(all: { id: string; submitted_at: string }[], limit: number) {
    const afters: (string | undefined)[] = [];
    const fetchPage = async (after: string | undefined) => {
      afters.push(after);
      return all
        .filter((order) => after === undefined || Date.parse(order.submitted_at) > Date.parse(after))
        .slice(0, limit);
    };
    return { afters, fetchPage };
  }

  it('moves the window to just before the last order and drops the repeats', async () => {
    const all = orders(1200);
    const { afters, fetchPage } = server(all, 500);
    const items = await drainByTime('orders', 500, undefined, fetchPage);
    expect(items.map((order) => order.id)).toEqual(all.map((order) => order.id));
    expect(afters).toEqual([undefined, '2026-01-05T14:38:18.999Z', '2026-01-05T14:46:37.999Z']);
  });

  it('keeps orders that share the boundary instant', async () => {
    // Three orders per second: a page boundary falls inside one instant.
    const all = orders(10, 3);
    const { fetchPage } = server(all, 4);
    const items = await drainByTime('orders', 4, undefined, fetchPage);
    expect(items.map((order) => order.id)).toEqual(all.map((order) => order.id));
  });

  it('steps past an instant holding more than a page of orders instead of looping', async () => {
    const all = orders(6, 6);
    const { afters, fetchPage } = server(all, 4);
    const items = await drainByTime('orders', 4, undefined, fetchPage);
    // Alpaca cannot page inside one instant: the first page's orders are all it can give.
    expect(items).toHaveLength(4);
    expect(afters.length).toBeLessThan(5);
  });

  it('a garbled submitted_at is an invalid response', async () => {
    const page = Array.from({ length: 2 }, (_, index) => ({ id: `o${index}`, submitted_at: 'yesterday' }));
    await expect(drainByTime('orders', 2, undefined, async () => page)).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});

describe('drainByToken', () => {
  it('follows next_page_token until null', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      start: { items: [1, 2], next: 't1' },
      t1: { items: [3], next: 't2' },
      t2: { items: [], next: null },
    };
    const seen: (string | undefined)[] = [];
    const items = await drainByToken('chain', async (token) => {
      seen.push(token);
      return pages[token ?? 'start'] as { items: number[]; next: string | null };
    });
    expect(items).toEqual([1, 2, 3]);
    expect(seen).toEqual([undefined, 't1', 't2']);
  });

  it('gives up after MAX_PAGES rather than following a server forever', async () => {
    let counter = 0;
    const error = await drainByToken('chain', async () => ({ items: [1], next: `t${++counter}` })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BrokerError);
    expect(counter).toBe(MAX_PAGES);
  });
});
