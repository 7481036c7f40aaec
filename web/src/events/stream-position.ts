/**
 * Where the reader is in an orchestrator's event stream, kept outside the stream component: the
 * centre tabs unmount it (Events → Files → Events) and the phone tabs hide it, and either used to
 * drop the reader back at seq 1. Following: the newest event shows. Not following: the row the
 * reader had at the top (by seq, so filters and new events do not move it) shows again.
 */
import { reactive } from 'vue';

export interface StreamPosition {
  /** Auto-follow: keep the newest event in view. */
  follow: boolean;
  /** The seq of the first visible row while not following (null: none recorded yet). */
  anchorSeq: number | null;
}

const positions = new Map<string, StreamPosition>();

/** The position of one orchestrator's stream (the same object for the life of the page). */
export function streamPosition(orchestratorId: string): StreamPosition {
  let position = positions.get(orchestratorId);
  if (!position) {
    position = reactive({ follow: true, anchorSeq: null });
    positions.set(orchestratorId, position);
  }
  return position;
}

/**
 * The row showing `seq`, or the first after it if that event is filtered out: rows are in seq order,
 * so a binary search over `seqAt` (which reads one row's seq).
 */
export function rowOfSeq(seq: number, count: number, seqAt: (row: number) => number | undefined): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((seqAt(middle) ?? Number.POSITIVE_INFINITY) < seq) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, Math.max(0, count - 1));
}

/** The row a position restores to: the last when following, else the anchor's row. */
export function restoreRow(
  position: StreamPosition,
  count: number,
  seqAt: (row: number) => number | undefined,
): { row: number; align: 'start' | 'end' } | null {
  if (count === 0) return null;
  if (position.follow || position.anchorSeq === null) {
    return position.follow ? { row: count - 1, align: 'end' } : null;
  }
  return { row: rowOfSeq(position.anchorSeq, count, seqAt), align: 'start' };
}
