/**
 * Whether the command palette is open, shared by everything that opens it (the header button, the
 * Ctrl/Cmd+K shortcut). Closing returns focus to whatever had it when the palette opened.
 */
import { nextTick, readonly, ref } from 'vue';

const isOpen = ref(false);
let returnFocusTo: HTMLElement | null = null;

export function openPalette(): void {
  if (isOpen.value) return;
  const active = typeof document === 'undefined' ? null : document.activeElement;
  returnFocusTo = active && 'focus' in active ? (active as HTMLElement) : null;
  isOpen.value = true;
}

export function closePalette(): void {
  if (!isOpen.value) return;
  isOpen.value = false;
  const target = returnFocusTo;
  returnFocusTo = null;
  void nextTick(() => target?.isConnected && target.focus());
}

export function togglePalette(): void {
  if (isOpen.value) closePalette();
  else openPalette();
}

/** Ctrl+K, or Cmd+K on a Mac; no other modifier. */
export function isPaletteShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  return (
    (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

/** The palette's open state (read-only) and the functions that change it. */
export function usePalette() {
  return { isOpen: readonly(isOpen), openPalette, closePalette, togglePalette };
}
