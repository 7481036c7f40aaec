/**
 * The one rule for text a person sends (request bodies, and query or path parameters that reach SQL):
 * characters Postgres cannot store are refused here with a 422 naming the field and the character,
 * instead of failing the write later as a 500.
 * - `lineText()`: single-line values such as names and filters. Control characters (U+0000–U+001F,
 *   U+007F–U+009F, tab and newline included) have no business there and would be invisible in a
 *   listing, so all of them are refused.
 * - `freeText()`: multi-line free text such as messages and prompts. Newlines and tabs are content;
 *   only what cannot be stored (NUL, lone surrogates) is refused.
 * Both are plain `z.string()`s, so the usual `.trim().min().max()` chain follows them.
 */
import { z } from '@hono/zod-openapi';
import { unstorableCharacter } from '../db/storable.ts';

// C0 controls, DEL and C1 controls: all invisible, none belongs in a name.
const CONTROL = /\p{Cc}/u;

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 9: 'tab', 10: 'line feed', 13: 'carriage return' };

/** A single-line text field: no control characters, nothing Postgres cannot store. */
export function lineText() {
  return z.string().superRefine((value, ctx) => {
    const problem = controlCharacterProblem(value) ?? unstorableProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A multi-line free-text field: newlines and tabs allowed, nothing Postgres cannot store. */
export function freeText() {
  return z.string().superRefine((value, ctx) => {
    const problem = unstorableProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Why a single-line value is refused, or undefined when it has no control character. */
export function controlCharacterProblem(value: string): string | undefined {
  const match = CONTROL.exec(value);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const name = CONTROL_NAMES[code] ?? 'a control character';
  return `must not contain ${hex(code)} (${name}), found at index ${match.index}`;
}

/** Why a value cannot be stored, or undefined when it can. */
export function unstorableProblem(value: string): string | undefined {
  const found = unstorableCharacter(value);
  return found ? `must not contain ${found.label}, found at index ${found.index}` : undefined;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
