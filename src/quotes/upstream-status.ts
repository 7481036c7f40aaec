/**
 * One status for the clients of an Alpaca account from its two streams: `connected` when every stream
 * that carries someone's symbols is up, `reconnecting` while any of them is not; nothing to report
 * while no stream is in use. Pure.
 */
import type { FeedState } from './alpaca-feed.ts';
import type { UpstreamStatus } from './wire.ts';

export function combinedStatus(
  feeds: ReadonlyArray<{ inUse: boolean; state: FeedState }>,
): UpstreamStatus | undefined {
  const used = feeds.filter((feed) => feed.inUse);
  if (used.length === 0) return undefined;
  return used.every((feed) => feed.state === 'ready') ? 'connected' : 'reconnecting';
}
