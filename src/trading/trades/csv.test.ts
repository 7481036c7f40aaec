import { describe, expect, it } from 'vitest';
import { csvCell, TRADE_CSV_COLUMNS, tradesToCsv } from './csv.ts';
import { fill, ironCondor, put } from './fill-fixtures.ts';
import { buildTrades } from './trades.ts';

describe('CSV export of trades', () => {
  it('writes a header and one CRLF-terminated row per trade with its legs summarised', () => {
    const trades = buildTrades('acct-1', [
      ...ironCondor('w', '14:30', '03-05 15:00', [0.1, 0.3, 0.2, 0.05]),
      fill('p1', '03-06 14:30', 'p', 'sell', 2, put(480), 3.0),
    ]);
    const lines = tradesToCsv(trades).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe(TRADE_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      `${trades[0]?.id},SPY,iron_condor,closed,2026-03-02T14:30:00Z,2026-03-05T15:00:00Z,2026-03-20,` +
        'long 1 SPY260320P00470000 @ 0.9 -> 0.1; short 1 SPY260320P00480000 @ 2 -> 0.3; ' +
        'short 1 SPY260320C00520000 @ 1.8 -> 0.2; long 1 SPY260320C00530000 @ 0.9 -> 0.05,165,0,0',
    );
    // Open: no close time, no unrealised without marks (empty cells), the held quantity noted.
    expect(lines[2]).toBe(
      `${trades[1]?.id},SPY,short_put,open,2026-03-06T14:30:00Z,,2026-03-20,short 2 SPY260320P00480000 @ 3 (open 2),0,,0`,
    );
  });

  it('quotes per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('keeps numbers numeric (a negative P&L is not text) and writes null as empty', () => {
    expect(csvCell(-504)).toBe('-504');
    expect(csvCell(0.1)).toBe('0.1');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
