/**
 * Whether an orchestrator can be talked to: an archived one is read-only (its history loads, nothing
 * is sent and no socket is opened), and an unknown or malformed id is a dead end with a way back
 * rather than a "connecting" that never ends. Pure: decided from the details or the load error.
 */
import { ApiError } from '../api/client.ts';
import type { ConnectionState } from './stream-client.ts';

export type Unavailable = 'archived' | 'not-found' | 'invalid';

/** After loading the details: archived orchestrators are read-only. */
export function unavailableFromDetails(details: { status: string }): Unavailable | null {
  return details.status === 'archived' ? 'archived' : null;
}

/** A load failure that retrying cannot fix: 404 (no such orchestrator) or 400/422 (not an id). */
export function unavailableFromError(error: unknown): Unavailable | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return 'not-found';
  if (error.status === 400 || error.status === 422) return 'invalid';
  return null;
}

/** What the header's connection pill says (and its data-state). */
export function connectionLabel(state: ConnectionState, unavailable: Unavailable | null): string {
  return unavailable ?? state;
}

/** The note under a disabled message box, or '' when messages can be sent. */
export function readOnlyNote(unavailable: Unavailable | null): string {
  switch (unavailable) {
    case 'archived':
      return 'This orchestrator is archived: its history is read-only and it takes no new messages.';
    case 'not-found':
      return 'There is no orchestrator with this id.';
    case 'invalid':
      return 'This is not a valid orchestrator id.';
    default:
      return '';
  }
}
