import { describe, expect, it } from 'vitest';
import { REPLACEMENT, storable, storableText, unstorableCharacter } from './storable.ts';

describe('unstorableCharacter', () => {
  it('finds nothing in ordinary text, newlines, tabs, emoji and other controls included', () => {
    expect(unstorableCharacter('line one\n\tline two 😀 \u0007 \u00e9')).toBeUndefined();
  });

  it('finds NUL with its index', () => {
    expect(unstorableCharacter('ab\u0000c')).toEqual({ index: 2, label: 'U+0000 (NUL)' });
  });

  it('finds a lone high or low surrogate, but not a pair', () => {
    expect(unstorableCharacter('x\uD800y')).toEqual({ index: 1, label: 'U+D800 (a lone surrogate)' });
    expect(unstorableCharacter('\uDC00')).toEqual({ index: 0, label: 'U+DC00 (a lone surrogate)' });
    expect(unstorableCharacter('a\uD83D')).toEqual({ index: 1, label: 'U+D83D (a lone surrogate)' });
    expect(unstorableCharacter('\uD83D\uDE00')).toBeUndefined();
  });
});

describe('storableText', () => {
  it('replaces every NUL and lone surrogate with U+FFFD, keeping pairs', () => {
    expect(storableText('a\u0000b\u0000\uD800c\uD83D\uDE00\uDC00')).toBe(
      `a${REPLACEMENT}b${REPLACEMENT}${REPLACEMENT}c\uD83D\uDE00${REPLACEMENT}`,
    );
  });

  it('returns storable text unchanged', () => {
    const text = 'plain\r\n\ttext';
    expect(storableText(text)).toBe(text);
  });

  it('makes the text acceptable to JSON for jsonb: no \\u0000 and no lone surrogate escape', () => {
    const json = JSON.stringify(storableText('\u0000\uD800'));
    expect(json).not.toMatch(/\\u0000|\\ud800/i);
  });
});

describe('storable', () => {
  it('cleans strings at any depth, object keys included, and keeps other values', () => {
    const when = new Date(0);
    const input = {
      text: 'a\u0000',
      count: 3,
      flag: true,
      none: null,
      when,
      list: ['\u0000', 1, { 'k\u0000': '\uDFFF' }],
    };
    const output = storable(input);
    expect(output).toEqual({
      text: `a${REPLACEMENT}`,
      count: 3,
      flag: true,
      none: null,
      when,
      list: [REPLACEMENT, 1, { [`k${REPLACEMENT}`]: REPLACEMENT }],
    });
    expect(output.when).toBe(when);
  });

  it('does not change its input', () => {
    const input = { text: '\u0000', nested: ['\u0000'] };
    storable(input);
    expect(input).toEqual({ text: '\u0000', nested: ['\u0000'] });
  });

  it('cleans a bare string and passes a number through', () => {
    expect(storable('\u0000')).toBe(REPLACEMENT);
    expect(storable(42)).toBe(42);
  });
});
