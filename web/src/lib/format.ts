/** Small display helpers. */
export function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

export function compactTokens(tokens: number): string {
  return tokens >= 1000 ? `${(tokens / 1000).toFixed(tokens >= 100_000 ? 0 : 1)}k` : String(tokens);
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Local wall-clock time of an ISO timestamp (one shared formatter: toLocaleTimeString per row is slow). */
export function clock(ts: string): string {
  const time = Date.parse(ts);
  return Number.isNaN(time) ? '' : timeFormat.format(time);
}
