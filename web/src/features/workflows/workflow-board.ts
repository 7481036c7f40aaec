/**
 * Every workflow of one orchestrator and its events sorted into lanes by step, fed from REST pages
 * and live frames in any order: each event is kept once (by seq, which is unique per orchestrator),
 * each lane stays in seq order, summaries arriving later patch the events they name. Plain data with
 * no framework: the view re-reads a card when `ingest` reports its workflow changed.
 */
import {
  applyModelCall,
  applyStatus,
  applyStepChange,
  compareNewestFirst,
  isAdw,
  isTerminal,
} from './adw-updates.ts';
import { FILTER_CATEGORIES, type FilterCategory, isShown } from './event-icons.ts';
import { laneTitle } from './format.ts';
import { type Adw, type LaneEvent, WORKFLOW_LANE } from './types.ts';

export interface IngestResult {
  /** Workflows whose card or lanes changed. */
  changed: Set<string>;
  /** Workflows with events but no object yet (their `adw_created` was missed): read them. */
  unknown: Set<string>;
  /** Workflows whose costs and step details should be re-read (a step ended, or the workflow did). */
  refresh: Set<string>;
}

export interface Lane {
  step: string;
  title: string;
  /** The step's status (the workflow's for the Workflow lane). */
  status: string;
  events: readonly LaneEvent[];
}

const SUMMARY_UPDATES = new Set(['summary_update', 'adw_event_summary_update']);
/** Streaming pieces of a reply: the `text` event that follows carries the whole of it. */
const NOT_IN_LANES = new Set(['text_delta']);

export class WorkflowBoard {
  readonly #adws = new Map<string, Adw>();
  #order: string[] = [];
  readonly #lanes = new Map<string, Map<string, LaneEvent[]>>();
  readonly #bySeq = new Map<number, LaneEvent>();

  get size(): number {
    return this.#order.length;
  }

  /** The workflows, newest first. */
  list(): Adw[] {
    return this.#order.map((id) => this.#adws.get(id) as Adw);
  }

  get(id: string): Adw | undefined {
    return this.#adws.get(id);
  }

  has(id: string): boolean {
    return this.#adws.has(id);
  }

  /** Adds or replaces a workflow (a REST read is the truth: it replaces live patches). */
  upsert(adw: Adw): void {
    const known = this.#adws.has(adw.id);
    this.#adws.set(adw.id, adw);
    if (!known) {
      this.#order.push(adw.id);
      this.#order.sort((a, b) => compareNewestFirst(this.#adws.get(a) as Adw, this.#adws.get(b) as Adw));
    }
  }

  /** Events from the stream or from `GET /api/adws/:id/events`, in any order, duplicates included. */
  ingest(events: readonly LaneEvent[]): IngestResult {
    const result: IngestResult = { changed: new Set(), unknown: new Set(), refresh: new Set() };
    for (const event of events) {
      if (SUMMARY_UPDATES.has(event.type)) {
        this.#patchSummaries(event, result.changed);
        continue;
      }
      const adwId = event.adw_id;
      if (!adwId || NOT_IN_LANES.has(event.type) || this.#bySeq.has(event.seq)) continue;
      this.#bySeq.set(event.seq, event);
      this.#insert(adwId, event.adw_step ?? WORKFLOW_LANE, event);
      result.changed.add(adwId);
      this.#apply(adwId, event, result);
    }
    return result;
  }

  /** The lanes of a workflow: Workflow first, then its steps in definition order, then any others. */
  lanes(adwId: string): Lane[] {
    const adw = this.#adws.get(adwId);
    const byStep = this.#lanes.get(adwId) ?? new Map<string, LaneEvent[]>();
    const lanes: Lane[] = [
      {
        step: WORKFLOW_LANE,
        title: laneTitle(WORKFLOW_LANE),
        status: adw?.status ?? 'pending',
        events: byStep.get(WORKFLOW_LANE) ?? [],
      },
    ];
    const steps = [...(adw?.steps ?? [])].sort((a, b) => a.step_index - b.step_index);
    for (const step of steps) {
      lanes.push({
        step: step.step,
        title: laneTitle(step.step),
        status: step.status,
        events: byStep.get(step.step) ?? [],
      });
    }
    for (const [step, events] of byStep) {
      if (lanes.some((lane) => lane.step === step)) continue;
      lanes.push({ step, title: laneTitle(step), status: '', events });
    }
    return lanes;
  }

  eventCount(adwId: string): number {
    let count = 0;
    for (const events of this.#lanes.get(adwId)?.values() ?? []) count += events.length;
    return count;
  }

  #insert(adwId: string, step: string, event: LaneEvent): void {
    let byStep = this.#lanes.get(adwId);
    if (!byStep) {
      byStep = new Map();
      this.#lanes.set(adwId, byStep);
    }
    let lane = byStep.get(step);
    if (!lane) {
      lane = [];
      byStep.set(step, lane);
    }
    const last = lane.at(-1);
    if (!last || last.seq < event.seq) {
      lane.push(event);
      return;
    }
    // A REST page landing after live events: binary-search the place.
    lane.splice(seqIndex(lane, event.seq), 0, event);
  }

  #apply(adwId: string, event: LaneEvent, result: IngestResult): void {
    if (event.type === 'adw_created') {
      const adw = event.data.adw;
      if (isAdw(adw) && !this.#adws.has(adw.id)) this.upsert(adw);
      return;
    }
    const adw = this.#adws.get(adwId);
    if (!adw) {
      result.unknown.add(adwId);
      return;
    }
    switch (event.type) {
      case 'adw_status': {
        const next = applyStatus(adw, event.data);
        this.#adws.set(adwId, next);
        if (isTerminal(next.status) && !isTerminal(adw.status)) result.refresh.add(adwId);
        break;
      }
      case 'adw_step_change':
        this.#adws.set(adwId, applyStepChange(adw, event.data, event.ts));
        if (event.data.change === 'StepEnd') result.refresh.add(adwId);
        break;
      case 'model_call':
        this.#adws.set(adwId, applyModelCall(adw, event));
        break;
    }
  }

  #patchSummaries(event: LaneEvent, changed: Set<string>): void {
    const summaries = event.data.summaries;
    if (!Array.isArray(summaries)) return;
    for (const item of summaries) {
      const { seq, summary } = (item ?? {}) as { seq?: unknown; summary?: unknown };
      if (typeof seq !== 'number' || typeof summary !== 'string') continue;
      const target = this.#bySeq.get(seq);
      if (!target?.adw_id || target.summary === summary) continue;
      // A copy, not a write: the same event object may belong to the console's own log.
      const patched = { ...target, summary };
      this.#bySeq.set(seq, patched);
      const lane = this.#lanes.get(target.adw_id)?.get(target.adw_step ?? WORKFLOW_LANE);
      const index = lane ? seqIndex(lane, seq) : -1;
      if (lane && lane[index]?.seq === seq) lane[index] = patched;
      changed.add(target.adw_id);
    }
  }
}

/** The index of the first event with a seq ≥ `seq` in a lane sorted by seq. */
function seqIndex(lane: readonly LaneEvent[], seq: number): number {
  let low = 0;
  let high = lane.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lane[mid] as LaneEvent).seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What a lane renders under the filters: at most `cap` of the newest shown events, and how many more there are. */
export function visibleWindow(
  events: readonly LaneEvent[],
  active: ReadonlySet<FilterCategory>,
  cap: number,
): { shown: LaneEvent[]; hidden: number } {
  const all =
    active.size >= FILTER_CATEGORIES.length ? events : events.filter((event) => isShown(event, active));
  const start = Math.max(0, all.length - cap);
  return { shown: all.slice(start), hidden: start };
}
