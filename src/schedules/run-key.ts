/**
 * The identity of a scheduled run: (schedule id, scheduled_for as an ISO UTC instant). Cron Triggers
 * may deliver a tick twice and two ticks may overlap, so the database claim of a run is keyed on this
 * pair; the same run computed twice must give the same key.
 */

export interface RunIdentity {
  schedule_id: string;
  /** ISO 8601 UTC with milliseconds, e.g. '2026-03-09T12:00:00.000Z'. */
  scheduled_for: string;
}

/**
 * The canonical identity of a run. `scheduledFor` may be a Date or any ISO string with an offset
 * ('2026-03-09T08:00:00-04:00'); it is normalised to UTC, so equal instants give equal identities.
 */
export function runIdentity(scheduleId: string, scheduledFor: Date | string): RunIdentity {
  if (scheduleId === '') throw new RangeError('schedule id must not be empty');
  const instant = typeof scheduledFor === 'string' ? new Date(scheduledFor) : scheduledFor;
  if (Number.isNaN(instant.getTime()))
    throw new RangeError(`scheduled_for is not an instant (got '${scheduledFor}')`);
  return { schedule_id: scheduleId, scheduled_for: instant.toISOString() };
}

/**
 * The identity as one string, e.g. 'greeks-snapshot-0800@2026-03-09T12:00:00.000Z', for a queue
 * message's dedupe id or a log line. Unambiguous because schedule ids cannot contain '@'.
 */
export function runKey(scheduleId: string, scheduledFor: Date | string): string {
  const identity = runIdentity(scheduleId, scheduledFor);
  return `${identity.schedule_id}@${identity.scheduled_for}`;
}
