/**
 * Asks the work queue for summaries of persisted events, in batches, without ever holding up the
 * event stream.
 *
 * - It learns of events once they are in Postgres (the consumer reads them from there), and counts
 *   the summarisable ones.
 * - One message covers a seq range, `(sent, pending]`; it goes out when 50 summarisable events have
 *   gathered or 2 s after the first of them, whichever comes first. A busy stream therefore sends
 *   about one message per 2 s instead of one per event.
 * - Both bounds live in the object's storage, so a range noted before an eviction or a failed send is
 *   sent later (from the alarm); the range is re-read by the consumer, so sending it twice is harmless.
 */
import type { WireEvent } from '../events/types.ts';
import { isSummarizable } from '../summaries/events.ts';
import { type SummarizeEventsMessage, summarizeEventsMessage } from '../summaries/message.ts';

export const SUMMARY_BATCH_EVENTS = 50;
export const SUMMARY_BATCH_DELAY_MS = 2_000;

/** Where the two bounds are kept (the hub's `meta` table). */
export interface SummaryCursorStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export interface SummaryBatcherDeps {
  store: SummaryCursorStore;
  orchestratorId: () => string;
  send: (message: SummarizeEventsMessage) => Promise<void>;
  /** Asks the object to call `resume` later (its alarm), after a failed send. */
  retryLater: () => void;
}

/** Every summarisable event up to this seq has been asked for. */
const SENT_KEY = 'summaries_sent_seq';
/** The last summarisable event known to be in Postgres. */
const PENDING_KEY = 'summaries_pending_seq';

export class SummaryBatcher {
  readonly #deps: SummaryBatcherDeps;
  /** Summarisable events noted and not sent yet, by this instance (only a trigger, not a record). */
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sending: Promise<void> | undefined;

  constructor(deps: SummaryBatcherDeps) {
    this.#deps = deps;
  }

  /** True when some persisted event has not been asked for yet. */
  get hasPending(): boolean {
    return this.#pendingSeq > this.#sentSeq;
  }

  /** Called with each batch of events once Postgres has it; only notes, never waits on the queue. */
  noteFlushed(events: readonly WireEvent[]): void {
    const seqs = events.filter(isSummarizable).map((event) => event.seq);
    const first = seqs[0];
    const last = seqs.at(-1);
    if (first === undefined || last === undefined) return;
    // The first range starts here: history from before summaries existed is not back-filled.
    if (this.#deps.store.get(SENT_KEY) === undefined) this.#deps.store.set(SENT_KEY, String(first - 1));
    this.#deps.store.set(PENDING_KEY, String(Math.max(last, this.#pendingSeq)));
    this.#count += seqs.length;
    this.#schedule();
  }

  /** From the alarm: sends a range left over by an evicted instance or a failed send. */
  resume(): Promise<void> {
    if (this.#timer !== undefined || !this.hasPending) return Promise.resolve();
    return this.sendNow();
  }

  /** Sends the pending range now; concurrent callers share one send. */
  sendNow(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sending ??= this.#send().then((sent) => {
      this.#sending = undefined;
      // Events noted while the message was on its way wait for their own window. After a failure the
      // alarm retries instead, at its slower pace.
      if (sent && this.#count > 0) this.#schedule();
    });
    return this.#sending;
  }

  #schedule(): void {
    if (this.#sending) return;
    if (this.#count >= SUMMARY_BATCH_EVENTS) {
      void this.sendNow();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.sendNow();
    }, SUMMARY_BATCH_DELAY_MS);
  }

  /** False when the send failed (the range stays pending). Never throws: the stream must not care. */
  async #send(): Promise<boolean> {
    try {
      const afterSeq = this.#sentSeq;
      const upToSeq = this.#pendingSeq;
      if (upToSeq <= afterSeq) {
        // Another instance (before an eviction) or an earlier send already covered it.
        this.#count = 0;
        return true;
      }
      const counted = this.#count;
      await this.#deps.send(summarizeEventsMessage(this.#deps.orchestratorId(), afterSeq, upToSeq));
      this.#deps.store.set(SENT_KEY, String(upToSeq));
      this.#count = Math.max(0, this.#count - counted);
      return true;
    } catch (error) {
      console.error('summary request not queued, will retry from the alarm', error);
      this.#deps.retryLater();
      return false;
    }
  }

  get #sentSeq(): number {
    return Number(this.#deps.store.get(SENT_KEY) ?? 0);
  }

  get #pendingSeq(): number {
    return Number(this.#deps.store.get(PENDING_KEY) ?? 0);
  }
}
