/**
 * The offline NYSE calendar for 2024–2027: the rule-based sessions (nyse-rules.ts) minus the ad-hoc
 * closures listed below. It lets schedules skip non-trading days without a network call; the
 * broker's calendar (Alpaca `GET /v2/calendar`, via tradingCalendarFrom) is the source of truth when
 * it is available, because exchanges announce closures no rule can predict.
 */

import { type MarketDay, nyseSessionsByRule } from './nyse-rules.ts';
import { type TradingCalendar, tradingCalendarFrom } from './trading-calendar.ts';

export const BUNDLED_CALENDAR_FROM = '2024-01-01';
export const BUNDLED_CALENDAR_TO = '2027-12-31';

/**
 * Closures announced by the exchange outside the holiday rules. Add one here when NYSE announces it
 * (and check the broker's calendar agrees).
 */
export const NYSE_SPECIAL_CLOSURES: readonly MarketDay[] = [
  { date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' },
];

let bundled: TradingCalendar | undefined;

/** Built on first use, not at import, so a Worker's startup does not pay for it. */
export function bundledNyseCalendar(): TradingCalendar {
  bundled ??= tradingCalendarFrom(
    nyseSessionsByRule(BUNDLED_CALENDAR_FROM, BUNDLED_CALENDAR_TO, NYSE_SPECIAL_CLOSURES),
    { from: BUNDLED_CALENDAR_FROM, to: BUNDLED_CALENDAR_TO },
  );
  return bundled;
}
