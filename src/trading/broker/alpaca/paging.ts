/**
 * Alpaca's three paging schemes, each drained to the end so callers always get the whole window:
 * - activities: `page_token` = the id of the last item received, until a short or empty page;
 * - orders: no token; a time window whose `after` moves to the last order's submission time, with
 *   ids de-duplicated (orders sharing that instant may come again), until a short page;
 * - market data and option contracts: an opaque `next_page_token`, until it is null.
 * Each loop has a page cap so a misbehaving server cannot keep it going forever.
 */
import { BrokerError } from '../types.ts';

export const MAX_PAGES = 1_000;

function tooManyPages(what: string): BrokerError {
  return new BrokerError(
    `Alpaca ${what}: more than ${MAX_PAGES} pages; narrow the window`,
    'invalid_response',
  );
}

export async function drainByLastId<T extends { id: string }>(
  what: string,
  pageSize: number,
  fetchPage: (pageToken: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await fetchPage(token);
    for (const item of batch) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
    const last = batch.at(-1);
    if (batch.length < pageSize || !last || last.id === token) return items;
    token = last.id;
  }
  throw tooManyPages(what);
}

/**
 * `after` is exclusive on Alpaca's side, so the next window starts one millisecond before the last
 * order's submission time: orders that share its instant (or differ below a millisecond) come again
 * and are dropped by id, rather than being skipped.
 */
export async function drainByTime<T extends { id: string; submitted_at: string }>(
  what: string,
  pageSize: number,
  start: string | undefined,
  fetchPage: (after: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let after = start;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await fetchPage(after);
    let fresh = 0;
    for (const item of batch) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
      fresh += 1;
    }
    const last = batch.at(-1);
    if (batch.length < pageSize || !last) return items;
    const lastMs = Date.parse(last.submitted_at);
    if (Number.isNaN(lastMs)) {
      throw new BrokerError(
        `Alpaca ${what}: submitted_at ${JSON.stringify(last.submitted_at)} is not a time`,
        'invalid_response',
      );
    }
    // A full page of nothing new: more than a page of orders share one millisecond. Step past it.
    const next = new Date(fresh === 0 ? lastMs : lastMs - 1).toISOString();
    if (fresh === 0 && next === after) return items;
    after = next;
  }
  throw tooManyPages(what);
}

export async function drainByToken<T>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<{ items: T[]; next: string | null | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { items: batch, next } = await fetchPage(token);
    items.push(...batch);
    if (!next || next === token) return items;
    token = next;
  }
  throw tooManyPages(what);
}
