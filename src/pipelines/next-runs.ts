/** The next instants a schedule will run, trading-day filter applied (what the console shows). Pure. */
import { bundledNyseCalendar } from '../schedules/bundled-calendar.ts';
import { cronFor, type Schedule } from '../schedules/schedule.ts';
import { isTradingDay } from '../schedules/trading-calendar.ts';
import { localDateOf } from '../schedules/wall-clock.ts';

/** Cron matches looked at before giving up (a trading-days-only schedule on weekends never runs). */
const MAX_LOOKED_AT = 400;

export function nextRuns(
  schedule: Pick<Schedule, 'cron' | 'timezone' | 'trading_days_only' | 'paused'>,
  after: Date,
  count = 3,
): string[] {
  if (schedule.paused) return [];
  const job = cronFor(schedule);
  const calendar = schedule.trading_days_only ? bundledNyseCalendar() : undefined;
  const found: string[] = [];
  let reference: Date | null = after;
  for (let looked = 0; looked < MAX_LOOKED_AT && found.length < count && reference; looked += 1) {
    const next: Date | null = job.nextRun(reference);
    if (!next) break;
    if (!calendar || isTradingDay(calendar, localDateOf(next, calendar.timeZone)))
      found.push(next.toISOString());
    reference = next;
  }
  return found;
}
