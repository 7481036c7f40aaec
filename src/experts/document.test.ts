import { describe, expect, it } from 'vitest';
import { applyEdits, capDiff, countLines, expertiseDiff, lineLimitProblem } from './document.ts';
import { ExpertiseError } from './errors.ts';

describe('countLines', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['one\n', 1],
    ['one\ntwo', 2],
    ['one\ntwo\n', 2],
    ['\n', 1],
  ])('%j has %i lines', (content, lines) => {
    expect(countLines(content)).toBe(lines);
  });
});

describe('lineLimitProblem', () => {
  it('accepts a document at the limit and refuses one over it, naming both numbers', () => {
    expect(lineLimitProblem('ws', 'a\nb\nc\n', 3)).toBeUndefined();
    const problem = lineLimitProblem('ws', 'a\nb\nc\nd\n', 3);
    expect(problem).toContain('"ws" would have 4 lines');
    expect(problem).toContain('its limit is 3 (max_lines)');
  });
});

describe('applyEdits', () => {
  const doc = '# WebSocket\n- server: src/ws.ts\n- client: web/socket.ts\n';

  it('applies edits in order, each to the result of the one before', () => {
    const next = applyEdits(doc, [
      { old_string: 'src/ws.ts', new_string: 'src/server/ws.ts' },
      { old_string: '- client: web/socket.ts\n', new_string: '' },
      { old_string: 'src/server/ws.ts', new_string: 'src/server/ws.ts (hibernatable)' },
    ]);
    expect(next).toBe('# WebSocket\n- server: src/server/ws.ts (hibernatable)\n');
  });

  it('refuses a missing or ambiguous old_string, naming the edit, and replace_all replaces every one', () => {
    const attempt = (edits: Parameters<typeof applyEdits>[1]) => () => applyEdits(doc, edits);
    expect(attempt([{ old_string: 'nope', new_string: 'x' }])).toThrow(/was not found/);
    expect(attempt([{ old_string: '- ', new_string: 'x' }])).toThrow(ExpertiseError);
    expect(
      attempt([
        { old_string: 'server', new_string: 'srv' },
        { old_string: '.ts', new_string: '.js' },
      ]),
    ).toThrow(/^edit 2: old_string appears 2 times/);
    expect(applyEdits(doc, [{ old_string: '.ts', new_string: '.js', replace_all: true }])).toBe(
      '# WebSocket\n- server: src/ws.js\n- client: web/socket.js\n',
    );
  });
});

describe('expertiseDiff', () => {
  it('counts the lines added and removed, and a first version diffs from nothing', () => {
    const first = expertiseDiff('ws', null, 'a\nb\n');
    expect(first).toMatchObject({ linesAdded: 2, linesRemoved: 0 });
    expect(first.diff).toContain('+++ b/expertise/ws.md');
    const change = expertiseDiff('ws', 'a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(change).toMatchObject({ linesAdded: 2, linesRemoved: 1 });
    expect(change.diff).toContain('-b\n+B\n');
    expect(expertiseDiff('ws', 'same\n', 'same\n')).toEqual({ diff: '', linesAdded: 0, linesRemoved: 0 });
  });

  it('caps the diff an event carries at a line boundary', () => {
    const diff = Array.from({ length: 100 }, (_, i) => `+line ${i}`).join('\n');
    const capped = capDiff(diff, 50);
    expect(capped.length).toBeLessThan(120);
    expect(capped).toMatch(/^\+line 0\n/);
    expect(capped).toMatch(/more characters in the version history\n$/);
    expect(capDiff('short', 50)).toBe('short');
  });
});
