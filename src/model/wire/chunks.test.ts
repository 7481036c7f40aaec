import { describe, expect, it } from 'vitest';
import { splitJson, splitText } from './chunks.ts';

describe('splitText', () => {
  it.each([
    ['', 16],
    ['short', 16],
    ['several words that need more than one delta to stream', 16],
    ['  leading and trailing whitespace  \n\n', 8],
    ['a-very-long-word-without-any-space-in-it', 10],
    ['emoji 🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪 and 東京都', 5],
  ])('cuts %j into pieces that join back, none longer than %i code points', (text, max) => {
    const pieces = splitText(text, max);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(Array.from(piece).length).toBeLessThanOrEqual(max);
      expect(piece).not.toBe('');
      // No lone surrogate: each piece survives a UTF-8 round trip unchanged.
      expect(new TextDecoder().decode(new TextEncoder().encode(piece))).toBe(piece);
    }
  });

  it('prefers cutting between words', () => {
    expect(splitText('one two three four', 9)).toEqual(['one two ', 'three ', 'four']);
  });
});

describe('splitJson', () => {
  it('cuts a tool input into several pieces, only their concatenation being the JSON', () => {
    const json = JSON.stringify({ path: 'src/app.ts', content: 'export const x = 1;\n' });
    const pieces = splitJson(json);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.join('')).toBe(json);
    expect(() => JSON.parse(pieces[0] ?? '')).toThrow();
  });

  it('handles the empty object', () => {
    expect(splitJson('{}').join('')).toBe('{}');
  });
});
