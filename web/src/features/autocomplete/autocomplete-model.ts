/**
 * The chat input's completions, pure: when to ask, how an accepted completion is inserted, and which
 * keys act on the chips. The controller (autocomplete-controller.ts) does the timing and the I/O.
 */

export interface Completion {
  completion: string;
  reasoning: string;
}

/** Ask this long after typing stops: sooner asks for every keystroke, later feels absent. */
export const DEBOUNCE_MS = 400;
/** Completions continue a short command; a long text is better left alone (and costs more). */
export const MAX_TEXT_CHARS = 4_000;

/** Whether a text at a caret is worth completing: something typed, not too long, caret at a word end. */
export function worthCompleting(text: string, caret: number): boolean {
  if (text.trim() === '' || text.length > MAX_TEXT_CHARS) return false;
  // Inside a word the completion would split it.
  const next = text.charAt(caret);
  return next === '' || /\s/.test(next);
}

/**
 * The text after accepting a completion at the caret: inserted exactly, except that its leading
 * spaces go after whitespace (as the server normalises), with the caret after it.
 */
export function applyCompletion(
  text: string,
  caret: number,
  completion: string,
): { value: string; caret: number } {
  const at = Math.max(0, Math.min(caret, text.length));
  const before = text.slice(0, at);
  const inserted = before === '' || /\s$/.test(before) ? completion.trimStart() : completion;
  return { value: before + inserted + text.slice(at), caret: at + inserted.length };
}

export type ChipAction = { kind: 'accept'; index: number } | { kind: 'dismiss' };

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>;

/**
 * What a key does while `count` chips show: Tab accepts the first, Ctrl+1/2/3 (Cmd on a Mac) a
 * given one, Escape dismisses them all. Anything else is the input's.
 */
export function chipAction(event: Keys, count: number): ChipAction | null {
  if (count === 0 || event.isComposing) return null;
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
  if (event.key === 'Tab' && plain) return { kind: 'accept', index: 0 };
  if (event.key === 'Escape' && plain) return { kind: 'dismiss' };
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && /^[1-9]$/.test(event.key)) {
    const index = Number(event.key) - 1;
    return index < count ? { kind: 'accept', index } : null;
  }
  return null;
}

/** The chip's shortcut, for its label and title. */
export function chipShortcut(index: number): string {
  return index === 0 ? 'Tab or Ctrl+1' : `Ctrl+${index + 1}`;
}

/** A completion as a chip shows it (the inserted text keeps its leading space). */
export function chipLabel(completion: string): string {
  return completion.trim();
}
