/**
 * The selected square of the swimlanes, by identity (workflow id + event seq): cards and lanes
 * re-render as events arrive and new workflows come first, so an index or a DOM element would point
 * at another square by then. The detail panel reads the event back from the board by the same key.
 */
import type { Adw, LaneEvent } from './types.ts';
import type { WorkflowBoard } from './workflow-board.ts';

export interface Selection {
  adwId: string;
  seq: number;
}

/** The seq selected in this workflow's card, or null. */
export function selectedSeqIn(selection: Selection | null, adwId: string): number | null {
  return selection?.adwId === adwId ? selection.seq : null;
}

/** The selected event and its workflow as the board holds them now (summaries patched in), or null. */
export function resolveSelection(
  board: Pick<WorkflowBoard, 'get' | 'lanes'>,
  selection: Selection | null,
): { event: LaneEvent; adw: Adw } | null {
  if (!selection) return null;
  const adw = board.get(selection.adwId);
  if (!adw) return null;
  for (const lane of board.lanes(adw.id)) {
    const event = lane.events.find((item) => item.seq === selection.seq);
    if (event) return { event, adw };
  }
  return null;
}

/** The square of a lane that takes the lane's tab stop: the selected one if it is there, else the newest. */
export function tabStopSeq(seqs: readonly number[], selectedSeq: number | null): number | undefined {
  return selectedSeq !== null && seqs.includes(selectedSeq) ? selectedSeq : seqs.at(-1);
}
