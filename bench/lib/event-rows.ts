/**
 * Realistic orchestrator events for write benchmarks: the mix a running agent produces (mostly
 * streamed `text_delta` responses, some `PreToolUse` hooks), each with a 200–400 byte `data` payload,
 * an agent, a prompt and a timestamp. Payloads are deterministic, so every run writes the same bytes.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import type { EventRow } from '../../src/db/events.ts';
import { orchestrators } from '../../src/db/schema.ts';

const MIN_DATA_BYTES = 200;
const MAX_DATA_BYTES = 400;
const WORDS =
  'the agent reads the file then runs the tests and edits the handler before it reports back'.split(' ');

/** Inserts the orchestrator every benchmark event belongs to (events reference it). */
export async function createOrchestrator(db: Database): Promise<string> {
  const [row] = await db
    .insert(orchestrators)
    .values({ name: 'bench', model: 'claude-sonnet-4-5', status: 'running' })
    .returning({ id: orchestrators.id });
  if (!row) throw new Error('inserting the benchmark orchestrator returned no row');
  return row.id;
}

export interface EventStream {
  /** The next `count` events, continuing the sequence. */
  take(count: number): EventRow[];
}

/** An endless, sequenced event stream for one orchestrator, spread over a few agents and prompts. */
export function eventStream(orchestratorId: string, agentCount = 4): EventStream {
  const agents = Array.from({ length: agentCount }, () => ({
    agentId: randomUUID(),
    promptId: randomUUID(),
  }));
  const startMs = Date.now();
  let nextSeq = 1;
  return {
    take(count) {
      const rows: EventRow[] = [];
      for (let i = 0; i < count; i++, nextSeq++) {
        const seq = nextSeq;
        const agent = agents[seq % agents.length] ?? { agentId: null, promptId: null };
        const isHook = seq % 4 === 0;
        rows.push({
          orchestratorId,
          seq,
          type: isHook ? 'PreToolUse' : 'text_delta',
          category: isHook ? 'hook' : 'response',
          agentId: agent.agentId,
          promptId: agent.promptId,
          data: isHook ? hookData(seq) : deltaData(seq),
          createdAt: new Date(startMs + seq),
        });
      }
      return rows;
    },
  };
}

/** Bytes of the `data` payload as JSON, as Postgres receives it. */
export function dataBytes(row: EventRow): number {
  return Buffer.byteLength(JSON.stringify(row.data ?? {}));
}

function deltaData(seq: number): Record<string, unknown> {
  return padded(seq, (text) => ({
    message_id: `msg_${seq.toString(36).padStart(12, '0')}`,
    index: seq % 7,
    delta: { type: 'text_delta', text },
  }));
}

function hookData(seq: number): Record<string, unknown> {
  return padded(seq, (text) => ({
    session_id: `sess_${(seq >> 6).toString(36)}`,
    tool_use_id: `toolu_${seq.toString(36).padStart(16, '0')}`,
    tool_name: 'Bash',
    tool_input: { command: 'npm test -- --run src/handlers', description: text },
  }));
}

/** Builds the payload with a text field sized so the JSON lands on a per-event size in 200–400 bytes. */
function padded(seq: number, build: (text: string) => Record<string, unknown>): Record<string, unknown> {
  const target = MIN_DATA_BYTES + (hash(seq) % (MAX_DATA_BYTES - MIN_DATA_BYTES + 1));
  const overhead = JSON.stringify(build('')).length;
  return build(words(seq, Math.max(0, target - overhead)));
}

function words(seq: number, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) {
    text += `${WORDS[(seq + i) % WORDS.length]} `;
  }
  return text.slice(0, length);
}

/** A small integer hash, so payload sizes vary from event to event but not from run to run. */
function hash(value: number): number {
  let h = Math.imul(value ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
