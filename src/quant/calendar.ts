/**
 * Trading days for the bundled sample bars: the NYSE rules of src/schedules (weekends, the full
 * holidays with their observed days, Good Friday from Easter). Ad-hoc closures are not rules, so
 * sample data ignores them; real data comes with its own dates.
 */
import { closedByRule } from '../schedules/nyse-rules.ts';
import { addDays } from '../schedules/plain-date.ts';

/** Trading days from `start` to `end` inclusive (YYYY-MM-DD). */
export function tradingDays(start: string, end: string): string[] {
  const days: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    if (closedByRule(date) === null) days.push(date);
  }
  return days;
}
