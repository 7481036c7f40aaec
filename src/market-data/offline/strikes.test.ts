import { describe, expect, it } from 'vitest';
import { OFFLINE_INSTRUMENTS } from './instruments.ts';
import { isStrikeOnGrid, listedStrikes } from './strikes.ts';

function grid(symbol: string) {
  const instrument = OFFLINE_INSTRUMENTS[symbol];
  if (!instrument) throw new Error(symbol);
  return instrument.strikes;
}

describe('offline strikes', () => {
  it('lists SPY in $1 steps near the money and $5 steps further out', () => {
    const strikes = listedStrikes(grid('SPY'), 705);
    expect(strikes).toContain(705);
    expect(strikes).toContain(706);
    expect(strikes).toContain(649);
    expect(strikes).not.toContain(641);
    expect(strikes).toContain(640);
    expect(strikes).toContain(530);
    expect(strikes[0]).toBe(530);
    expect(strikes[strikes.length - 1]).toBe(880);
    expect(new Set(strikes).size).toBe(strikes.length);
    expect([...strikes].sort((a, b) => a - b)).toEqual(strikes);
  });

  it('lists SLV in $0.50 steps near the money and GLD in $1 steps', () => {
    const slv = listedStrikes(grid('SLV'), 52);
    expect(slv).toContain(52.5);
    expect(slv).toContain(45);
    expect(slv).not.toContain(52.25);
    const gld = listedStrikes(grid('GLD'), 385);
    expect(gld).toContain(384);
    expect(gld).toContain(386);
  });

  it('accepts any fine-step strike within reach of the reference, and nothing off the grid', () => {
    expect(isStrikeOnGrid(grid('SPY'), 600, 705)).toBe(true);
    expect(isStrikeOnGrid(grid('SPY'), 600.5, 705)).toBe(false);
    expect(isStrikeOnGrid(grid('SLV'), 50.5, 52)).toBe(true);
    expect(isStrikeOnGrid(grid('SLV'), 50.25, 52)).toBe(false);
    expect(isStrikeOnGrid(grid('SPY'), 5000, 705)).toBe(false);
  });
});
