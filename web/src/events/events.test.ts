import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../stream/wire.ts';
import { filterOf } from './categories.ts';
import { compileSearch, type EventFilter, FilteredIndex, makePredicate } from './event-filter.ts';
import { EventLog } from './event-log.ts';
import { createFrameBatcher } from './frame-batcher.ts';

const ev = (seq: number, type: string, category: string, extra: Partial<WireEvent> = {}): WireEvent => ({
  seq,
  type,
  category,
  ts: '2026-01-01T00:00:00Z',
  orchestrator_id: 'o',
  data: {},
  ...extra,
});

const filter = (over: Partial<EventFilter> = {}): EventFilter => ({
  categories: new Set(),
  agentIds: new Set(),
  search: '',
  ...over,
});
const names = (id: string) => ({ a1: 'alpha', b1: 'beta' })[id];

describe('event filters', () => {
  it('map types to the filter buttons', () => {
    expect(filterOf(ev(1, 'tool_use', 'response'))).toBe('Tool');
    expect(filterOf(ev(1, 'thinking', 'response'))).toBe('Thinking');
    expect(filterOf(ev(1, 'text_delta', 'response'))).toBe('Response');
    expect(filterOf(ev(1, 'PreToolUse', 'hook'))).toBe('Hook');
    expect(filterOf(ev(1, 'adw_event', 'adw'))).toBe('Workflow');
  });

  it('combine categories, agents and a case-insensitive regex', () => {
    const events = [
      ev(1, 'text', 'response', { agent_id: 'a1', data: { text: 'Hello World' } }),
      ev(2, 'tool_use', 'response', { agent_id: 'b1', data: { name: 'write_file' } }),
      ev(3, 'Stop', 'hook', { agent_id: 'a1' }),
      ev(4, 'chat_message', 'chat', { data: { message: { content: 'hi' } } }),
    ];
    const pick = (f: EventFilter) => events.filter(makePredicate(f, names)).map((e) => e.seq);
    expect(pick(filter())).toEqual([1, 2, 3, 4]);
    expect(pick(filter({ categories: new Set(['Tool', 'Hook'] as const) }))).toEqual([2, 3]);
    expect(pick(filter({ agentIds: new Set(['a1']) }))).toEqual([1, 3]);
    expect(pick(filter({ search: 'hello\\s+world' }))).toEqual([1]);
    expect(pick(filter({ search: '^tool_use|beta' }))).toEqual([2]);
    expect(pick(filter({ search: 'orchestrator' }))).toEqual([4]);
  });

  it('report an invalid regex and then filter nothing out', () => {
    expect(compileSearch('a(').error).toMatch(/./);
    expect(compileSearch('a(').regex).toBeNull();
    expect(compileSearch('  ').error).toBeNull();
    expect([ev(1, 'text', 'response')].filter(makePredicate(filter({ search: 'a(' }), names))).toHaveLength(
      1,
    );
  });

  it('keep a filtered index incrementally', () => {
    const log = [ev(1, 'text', 'response'), ev(2, 'Stop', 'hook')];
    const index = new FilteredIndex();
    index.reset(makePredicate(filter({ categories: new Set(['Hook'] as const) }), names));
    index.extend(log);
    expect(index.indices).toEqual([1]);
    log.push(ev(3, 'Stop', 'hook'), ev(4, 'text', 'response'));
    index.extend(log);
    expect(index.indices).toEqual([1, 2]);
  });
});

describe('EventLog', () => {
  it('appends in seq order, finds by seq and patches summaries', () => {
    const log = new EventLog();
    expect(
      log.append([ev(1, 'text', 'response'), ev(2, 'text', 'response'), ev(2, 'text', 'response')]),
    ).toBe(2);
    log.append([ev(5, 'text', 'response')]);
    expect(log.indexOf(5)).toBe(2);
    expect(log.indexOf(3)).toBe(-1);
    expect(
      log.applySummaries([
        { seq: 2, summary: 'two' },
        { seq: 9, summary: 'none' },
      ]),
    ).toBe(1);
    expect(log.events[1]?.summary).toBe('two');
    expect(log.distinctSeqCount()).toBe(3);
  });

  it('holds 50,000 events and filters them quickly', () => {
    const log = new EventLog();
    const batch: WireEvent[] = [];
    for (let seq = 1; seq <= 50_000; seq++) {
      batch.push(
        ev(seq, seq % 3 ? 'text_delta' : 'tool_use', 'response', { data: { text: `token ${seq}` } }),
      );
    }
    log.append(batch);
    const started = performance.now();
    const index = new FilteredIndex();
    index.reset(makePredicate(filter({ search: 'token 4\\d{4}"' }), names));
    index.extend(log.events);
    expect(index.indices.length).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('createFrameBatcher', () => {
  it('delivers everything pushed within a frame at once', () => {
    const frames: (() => void)[] = [];
    const delivered: number[][] = [];
    const batcher = createFrameBatcher<number>(
      (items) => delivered.push(items),
      (callback) => frames.push(callback),
    );
    batcher.push([1, 2]);
    batcher.push([3]);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    batcher.push([4]);
    batcher.flush();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });
});
