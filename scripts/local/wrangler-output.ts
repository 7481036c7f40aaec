/**
 * `wrangler dev`'s output as `npm run dev` shows it: the same, less its repeats. wrangler prints the
 * Worker's bindings table when it reads its configuration and again every time its dev registry (the
 * list of local Workers that could be bound to one another) changes, starting with this Worker's own
 * registration, each time after a "Connection status updated" line. This Worker binds no other local
 * Worker, so those repeats say nothing new: a table identical to the last one shown is dropped, and
 * so is the status line. A table that differs (the configuration changed) is shown.
 */
import { stripVTControlCharacters } from 'node:util';

const TABLE_TITLE = 'Your Worker has access to the following bindings:';
const STATUS_LINE = /^⎔ Connection status updated$/;

/** A line-by-line filter: `push` text as it arrives, `end` when the stream closes. */
export interface OutputFilter {
  push(text: string): void;
  end(): void;
}

export function withoutRepeatedBindings(write: (text: string) => void): OutputFilter {
  let partial = '';
  let table: string[] | undefined;
  let lastTable = '';
  const flushTable = (): void => {
    if (!table) return;
    const shown = table.map((line) => stripVTControlCharacters(line).trimEnd()).join('\n');
    if (shown !== lastTable) write(`${table.join('\n')}\n`);
    lastTable = shown;
    table = undefined;
  };
  const line = (text: string): void => {
    const plain = stripVTControlCharacters(text).trim();
    if (table) {
      table.push(text);
      // The table ends at the first blank line, which is part of it.
      if (plain === '') flushTable();
      return;
    }
    if (plain === TABLE_TITLE) {
      table = [text];
      return;
    }
    if (STATUS_LINE.test(plain)) return;
    write(`${text}\n`);
  };
  return {
    push(text) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const each of lines) line(each);
    },
    end() {
      if (partial) line(partial);
      partial = '';
      flushTable();
    },
  };
}
