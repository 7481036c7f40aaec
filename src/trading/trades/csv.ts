/**
 * Trades as CSV, one row per trade with its legs summarised in one cell. RFC 4180: CRLF line ends,
 * a field holding a comma, quote, CR or LF is quoted with inner quotes doubled. Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab / CR that some strip first)
 * get a leading apostrophe (OWASP's CSV-injection advice). Numeric cells are written from numbers,
 * so a negative P&L stays a number rather than being defused into text.
 */
import type { Trade, TradeLeg } from './summarise-trade.ts';

export const TRADE_CSV_COLUMNS = [
  'trade_id',
  'underlying',
  'strategy',
  'status',
  'opened_at',
  'closed_at',
  'expiries',
  'legs',
  'realised_pnl',
  'unrealised_pnl',
  'fees',
] as const;

type Cell = string | number | null;

export function tradesToCsv(trades: readonly Trade[]): string {
  const rows: Cell[][] = [
    [...TRADE_CSV_COLUMNS],
    ...trades.map((trade) => [
      trade.id,
      trade.underlying,
      trade.strategy,
      trade.status,
      trade.openedAt,
      trade.closedAt,
      trade.expiries.join(' '),
      trade.legs.map(describeLeg).join('; '),
      trade.realisedPnl,
      trade.unrealisedPnl,
      trade.fees,
    ]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** e.g. `short 1 SPY260320P00480000 @ 1.1 -> 0.4` or `long 2 SPY @ 480 -> open 2`. */
export function describeLeg(leg: TradeLeg): string {
  const closing = leg.avgClosePrice === null ? '' : ` -> ${leg.avgClosePrice}`;
  const held = leg.openQty > 0 ? ` (open ${leg.openQty})` : '';
  return `${leg.direction} ${leg.openedQty} ${leg.symbol} @ ${leg.avgOpenPrice}${closing}${held}`;
}

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}
