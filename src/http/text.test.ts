import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { freeText, lineText } from './text.ts';

function issues(schema: z.ZodType, value: unknown): Array<{ path: string; message: string }> {
  const result = z.object({ field: schema }).safeParse({ field: value });
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('lineText', () => {
  const name = lineText().trim().min(1).max(20);

  it('accepts a plain name, trimmed, with non-ASCII letters and emoji', () => {
    expect(name.parse('  Café 😀  ')).toBe('Café 😀');
  });

  it.each([
    ['bad\u0000name', 'U+0000 (NUL)', 3],
    ['bell\u0007', 'U+0007 (a control character)', 4],
    ['tab\there', 'U+0009 (tab)', 3],
    ['two\nlines', 'U+000A (line feed)', 3],
    ['del\u007F', 'U+007F (a control character)', 3],
    ['c1\u0085', 'U+0085 (a control character)', 2],
  ])('refuses %j, naming %s and where it is', (value, label, index) => {
    expect(issues(name, value)).toEqual([
      { path: 'field', message: `must not contain ${label}, found at index ${index}` },
    ]);
  });

  it('refuses a lone surrogate', () => {
    expect(issues(name, 'a\uD800')).toEqual([
      { path: 'field', message: 'must not contain U+D800 (a lone surrogate), found at index 1' },
    ]);
  });

  it('still applies the chained checks', () => {
    expect(issues(name, '   ')).toHaveLength(1);
    expect(issues(name, 'x'.repeat(21))).toHaveLength(1);
  });
});

describe('freeText', () => {
  const message = freeText().trim().min(1).max(1_000);

  it('keeps newlines, tabs, carriage returns and other controls a person may paste', () => {
    const text = 'line one\r\n\tline two\u0007 😀';
    expect(message.parse(text)).toBe(text);
  });

  it('refuses NUL and lone surrogates, naming the character', () => {
    expect(issues(message, 'hello\u0000world')).toEqual([
      { path: 'field', message: 'must not contain U+0000 (NUL), found at index 5' },
    ]);
    expect(issues(message, '\uDC00 text')).toEqual([
      { path: 'field', message: 'must not contain U+DC00 (a lone surrogate), found at index 0' },
    ]);
  });

  it('works with nullable and optional', () => {
    const prompt = freeText().max(10).nullable().optional();
    expect(prompt.parse(null)).toBeNull();
    expect(prompt.parse(undefined)).toBeUndefined();
    expect(issues(prompt, '\u0000')).toHaveLength(1);
  });
});
