/**
 * Which underlyings are snapshotted: `SNAPSHOT_UNDERLYINGS` (comma-separated tickers), else SPY,
 * QQQ, GLD and SLV, the symbols the offline market data carries too.
 */

export const DEFAULT_SNAPSHOT_UNDERLYINGS = ['SPY', 'QQQ', 'GLD', 'SLV'] as const;
/** A ticker as OCC roots spell it: 1–6 uppercase letters or digits. */
export const TICKER = /^[A-Z0-9]{1,6}$/;
/** A run takes one chain per underlying, sequentially; this keeps one run's work bounded. */
export const MAX_UNDERLYINGS = 20;

/**
 * The configured list, upper-cased and de-duplicated in order. A malformed entry is an operator's
 * mistake: it is named in the error so the cron log says what to fix, rather than silently skipped.
 */
export function parseUnderlyings(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_SNAPSHOT_UNDERLYINGS];
  const tickers = [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim().toUpperCase())
        .filter((part) => part !== ''),
    ),
  ];
  const bad = tickers.filter((ticker) => !TICKER.test(ticker));
  if (bad.length > 0)
    throw new RangeError(
      `SNAPSHOT_UNDERLYINGS: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not a ticker (1–6 letters or digits)`,
    );
  if (tickers.length > MAX_UNDERLYINGS)
    throw new RangeError(`SNAPSHOT_UNDERLYINGS lists ${tickers.length} tickers; at most ${MAX_UNDERLYINGS}`);
  if (tickers.length === 0) return [...DEFAULT_SNAPSHOT_UNDERLYINGS];
  return tickers;
}
