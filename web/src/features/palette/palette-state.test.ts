import { describe, expect, it } from 'vitest';
import { closePalette, isPaletteShortcut, openPalette, togglePalette, usePalette } from './palette-state.ts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('isPaletteShortcut', () => {
  it.each([
    [key('k', { ctrlKey: true }), true],
    [key('K', { metaKey: true }), true],
    [key('k'), false],
    [key('k', { ctrlKey: true, shiftKey: true }), false],
    [key('k', { ctrlKey: true, altKey: true }), false],
    [key('j', { ctrlKey: true }), false],
  ])('%j → %s', (event, expected) => {
    expect(isPaletteShortcut(event)).toBe(expected);
  });
});

describe('palette state', () => {
  it('opens, closes and toggles one shared state', () => {
    const { isOpen } = usePalette();
    expect(isOpen.value).toBe(false);
    openPalette();
    openPalette();
    expect(isOpen.value).toBe(true);
    closePalette();
    expect(isOpen.value).toBe(false);
    togglePalette();
    expect(usePalette().isOpen.value).toBe(true);
    togglePalette();
    expect(isOpen.value).toBe(false);
  });
});
