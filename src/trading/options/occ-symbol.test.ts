import { describe, expect, it } from 'vitest';
import { formatOccSymbol, type OccContract, OccSymbolError, parseOccSymbol } from './occ-symbol.ts';

describe('OCC option symbols', () => {
  it('parses the example: SPY 2025-12-19 call 450', () => {
    expect(parseOccSymbol('SPY251219C00450000')).toEqual({
      root: 'SPY',
      expiry: '2025-12-19',
      type: 'call',
      strike: 450,
    });
  });

  it('parses the space-padded exchange form the same way', () => {
    expect(parseOccSymbol('SPY   251219P00450000')).toEqual(parseOccSymbol('SPY251219P00450000'));
  });

  const contracts: OccContract[] = [
    { root: 'SPY', expiry: '2025-12-19', type: 'call', strike: 450 },
    { root: 'F', expiry: '2026-01-16', type: 'put', strike: 12.5 },
    { root: 'AAPL', expiry: '2027-06-17', type: 'call', strike: 187.5 },
    { root: 'BRKB1', expiry: '2026-03-20', type: 'put', strike: 0.5 },
    { root: 'GOOGL7', expiry: '2028-02-29', type: 'call', strike: 2.125 },
    { root: 'NDX', expiry: '2099-12-31', type: 'put', strike: 99_999.999 },
    { root: 'X', expiry: '2000-01-03', type: 'call', strike: 0.001 },
  ];

  it.each(contracts)('round-trips $root $expiry $type $strike', (contract) => {
    const symbol = formatOccSymbol(contract);
    expect(symbol).toMatch(/^[A-Z0-9]{1,6}\d{6}[CP]\d{8}$/);
    expect(parseOccSymbol(symbol)).toEqual(contract);
  });

  it('writes fractional strikes in thousandths, zero-padded to eight digits', () => {
    expect(formatOccSymbol({ root: 'F', expiry: '2026-01-16', type: 'put', strike: 12.5 })).toBe(
      'F260116P00012500',
    );
    expect(formatOccSymbol({ root: 'SPY', expiry: '2025-12-19', type: 'call', strike: 450 })).toBe(
      'SPY251219C00450000',
    );
  });

  it.each([
    ['SPY251219X00450000', /not an OCC option symbol/],
    ['SPY251219C0045000', /not an OCC option symbol/],
    ['TOOLONG251219C00450000', /not an OCC option symbol/],
    ['spy251219C00450000', /not an OCC option symbol/],
    ['251219C00450000', /not an OCC option symbol/],
    ['SPY251319C00450000', /no such expiry date: 2025-13-19/],
    ['SPY250230C00450000', /no such expiry date: 2025-02-30/],
    ['SPY251219C00000000', /zero strike/],
  ])('rejects %s', (symbol, message) => {
    expect(() => parseOccSymbol(symbol)).toThrow(OccSymbolError);
    expect(() => parseOccSymbol(symbol)).toThrow(message);
  });

  it.each([
    [{ root: 'spy' }, /root/],
    [{ root: 'SEVENCH' }, /root/],
    [{ root: '' }, /root/],
    [{ expiry: '1999-12-31' }, /expiry/],
    [{ expiry: '2025-02-29' }, /expiry/],
    [{ strike: 0 }, /strike/],
    [{ strike: 100_000 }, /strike/],
    [{ strike: 1.0005 }, /strike/],
  ] as [Partial<OccContract>, RegExp][])('refuses to format %j', (change, message) => {
    const contract: OccContract = { root: 'SPY', expiry: '2025-12-19', type: 'call', strike: 450, ...change };
    expect(() => formatOccSymbol(contract)).toThrow(OccSymbolError);
    expect(() => formatOccSymbol(contract)).toThrow(message);
  });
});
