/**
 * What Postgres cannot store, found and replaced. A `text` value may not hold NUL (U+0000), and a
 * `jsonb` value refuses the `\u0000` escape as well as an escaped lone UTF-16 surrogate (which has no
 * UTF-8 form). People are refused such input at the API boundary (src/http/text.ts, built on
 * `unstorableCharacter`); text written by models and tools is passed through `storable` by the insert
 * helpers of src/db instead, so a stray character can never fail, or half-complete, a write.
 */

/** The replacement for every character that cannot be stored: U+FFFD REPLACEMENT CHARACTER. */
export const REPLACEMENT = '\uFFFD';

// NUL, or a surrogate that is not half of a pair.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export interface FoundCharacter {
  /** UTF-16 index of the character in the text. */
  index: number;
  /** `U+0000 (NUL)`, `U+D800 (a lone surrogate)`: what a person or a model is told. */
  label: string;
}

/** The first character Postgres cannot store, or undefined when the text is storable as is. */
export function unstorableCharacter(text: string): FoundCharacter | undefined {
  const match = UNSTORABLE.exec(text);
  return match ? { index: match.index, label: labelOf(match[0]) } : undefined;
}

/** The text with each unstorable character replaced by U+FFFD; the same string when there is none. */
export function storableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, REPLACEMENT) : text;
}

/**
 * A value with every string in it made storable, keys of objects included (jsonb keys are text too).
 * Plain data only: arrays and plain objects are copied, anything else (numbers, dates, null) is kept.
 */
export function storable<T>(value: T): T {
  return storableValue(value) as T;
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[storableText(key)] = storableValue(entry);
    return copy;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function labelOf(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return char === '\0' ? `${code} (NUL)` : `${code} (a lone surrogate)`;
}
