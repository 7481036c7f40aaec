/**
 * Which events the stream shows: category buttons (none pressed = all), agent chips (none = all) and a
 * regex over type, summary, agent name and payload. A filtered view is kept incrementally: new events
 * are tested as they arrive, the whole log only when the filter changes.
 */
import type { WireEvent } from '../stream/wire.ts';
import { type FilterName, filterOf } from './categories.ts';

export interface EventFilter {
  categories: ReadonlySet<FilterName>;
  agentIds: ReadonlySet<string>;
  search: string;
}

export type Predicate = (event: WireEvent) => boolean;

/** The search box's regex, or the reason it is not one. Case-insensitive. */
export function compileSearch(search: string): { regex: RegExp | null; error: string | null } {
  if (!search.trim()) return { regex: null, error: null };
  try {
    return { regex: new RegExp(search, 'i'), error: null };
  } catch (error) {
    return { regex: null, error: error instanceof Error ? error.message : 'Invalid regular expression' };
  }
}

const searchText = new WeakMap<WireEvent, string>();
const MAX_SEARCH_CHARS = 4_000;

/** What the regex runs over, made once per event. */
export function textOf(event: WireEvent, agentName: (id: string) => string | undefined): string {
  let text = searchText.get(event);
  if (text === undefined) {
    const name = event.agent_id ? (agentName(event.agent_id) ?? '') : 'orchestrator';
    text = `${event.type}\n${name}\n${event.summary ?? ''}\n${JSON.stringify(event.data).slice(0, MAX_SEARCH_CHARS)}`;
    searchText.set(event, text);
  }
  return text;
}

/** An invalid regex matches everything (and the box says why), so typing never blanks the stream. */
export function makePredicate(filter: EventFilter, agentName: (id: string) => string | undefined): Predicate {
  const { regex } = compileSearch(filter.search);
  const { categories, agentIds } = filter;
  return (event) => {
    if (categories.size > 0 && !categories.has(filterOf(event))) return false;
    if (agentIds.size > 0 && !(event.agent_id && agentIds.has(event.agent_id))) return false;
    if (regex && !regex.test(textOf(event, agentName))) return false;
    return true;
  };
}

/** Indices into the log of the events that pass; `extend` tests only what arrived since. */
export class FilteredIndex {
  indices: number[] = [];
  #scanned = 0;
  #predicate: Predicate | null = null;

  reset(predicate: Predicate | null): void {
    this.#predicate = predicate;
    this.indices = [];
    this.#scanned = 0;
  }

  get active(): boolean {
    return this.#predicate !== null;
  }

  extend(log: readonly WireEvent[]): void {
    const predicate = this.#predicate;
    if (!predicate) {
      this.#scanned = log.length;
      return;
    }
    for (let i = this.#scanned; i < log.length; i++) {
      const event = log[i];
      if (event && predicate(event)) this.indices.push(i);
    }
    this.#scanned = log.length;
  }
}
