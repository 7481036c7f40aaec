/**
 * Account activities: fills (FILL) and option lifecycle events (OPEXP, OPASN, OPEXC) over a whole
 * window, paged by the last activity's id. Alpaca reports no settlement price for an assignment or
 * exercise, so the underlying's daily close on that date (market-data bars) values the contract.
 */
import type { z } from 'zod';
import type { Activities, ActivityQuery, OptionEvent } from '../types.ts';
import { type AlpacaClient, parseItem } from './client.ts';
import { toBrokerFill, toOptionEvent } from './mapping.ts';
import { drainByLastId } from './paging.ts';
import { optionRoot } from './symbols.ts';
import { wireActivities, wireBars, wireFillActivity, wireOptionActivity } from './wire-schemas.ts';

export const ACTIVITY_PAGE_SIZE = 100;
const OPTION_ACTIVITY_TYPES = new Set(['OPEXP', 'OPASN', 'OPEXC']);
const WHERE = 'GET /v2/account/activities';

export function activityApi(client: AlpacaClient) {
  async function dailyClose(symbol: string, date: string): Promise<number | undefined> {
    const bars = await client.get(
      client.data(`/v2/stocks/${encodeURIComponent(symbol)}/bars`, {
        timeframe: '1Day',
        start: date,
        end: date,
        adjustment: 'raw',
      }),
      wireBars,
    );
    return bars.bars?.find((bar) => bar.t.startsWith(date))?.c ?? bars.bars?.at(-1)?.c;
  }

  async function optionEvents(raw: z.infer<typeof wireActivities>): Promise<OptionEvent[]> {
    const closes = new Map<string, number | undefined>();
    const events: OptionEvent[] = [];
    for (const item of raw) {
      if (!OPTION_ACTIVITY_TYPES.has(item.activity_type)) continue;
      const wire = parseItem(WHERE, wireOptionActivity, item);
      if (wire.activity_type === 'OPEXP') {
        events.push(toOptionEvent(wire));
        continue;
      }
      const key = `${optionRoot(wire.symbol)}|${wire.date}`;
      if (!closes.has(key)) closes.set(key, await dailyClose(optionRoot(wire.symbol), wire.date));
      events.push(toOptionEvent(wire, closes.get(key)));
    }
    return events;
  }

  async function activities(query: ActivityQuery): Promise<Activities> {
    const raw = await drainByLastId(WHERE, ACTIVITY_PAGE_SIZE, (pageToken) =>
      client.get(
        client.trading('/v2/account/activities', {
          activity_types: 'FILL,OPEXP,OPASN,OPEXC',
          after: query.after,
          until: query.until,
          direction: 'asc',
          page_size: ACTIVITY_PAGE_SIZE,
          page_token: pageToken,
        }),
        wireActivities,
      ),
    );
    const fills = raw
      .filter((item) => item.activity_type === 'FILL')
      .map((item) => toBrokerFill(parseItem(WHERE, wireFillActivity, item)));
    return { fills, events: await optionEvents(raw) };
  }

  return { activities };
}
