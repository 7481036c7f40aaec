/**
 * The messages between the ws-fanout scenario and its client process (bench/lib/fanout-clients.ts),
 * over Node's IPC channel. The clients live in their own process so that receiving and checking
 * events for 100 sockets is scheduled by the OS beside workerd, not inside the driver's event loop.
 */
import type { HistogramData } from './latency-histogram.ts';

export type ToClients =
  | { type: 'connect'; url: string; token: string; clients: number; compress: boolean }
  /** Wait until every client has `untilSeq`, then report; rates are measured up to `endSeq`. */
  | { type: 'collect'; untilSeq: number; endSeq: number; timeoutMs: number }
  | { type: 'close' };

export type FromClients =
  | { type: 'ready'; compression: string }
  /** Turn boundaries seen by client 0, so the driver knows when a turn's bookkeeping is done. */
  | {
      type: 'turn_event';
      eventType: string;
      seq: number;
      turnId: string | undefined;
      status: string | undefined;
    }
  | { type: 'stats'; stats: FanoutStats }
  | { type: 'error'; message: string };

export interface ClientStats {
  received: number;
  firstSeq: number;
  lastSeq: number;
  /** Times a seq was not the previous one + 1 (a gap or a reordering), and repeats of a seq. */
  gaps: number;
  duplicates: number;
  /** Events from the first received up to `endSeq`, over the time between receiving them. */
  windowEvents: number;
  windowSeconds: number;
  /** The close code, if the server closed the socket during the run. */
  closed: number | false;
}

export interface FanoutStats {
  clients: ClientStats[];
  /** Delivery latency (event `ts` → receipt) of every event up to `endSeq`, all clients together. */
  latency: HistogramData;
  /** Clients that had not received `untilSeq` when the wait timed out. */
  incomplete: number;
}
