/** Money, P&L, percentages and Greeks as the trading views show them. */

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `$1,234.50`, `-$3.00`; an em dash for a missing value (never a made-up zero). */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `$${money.format(Math.abs(value))}`;
  return value < 0 ? `-${text}` : text;
}

/** A P&L with its sign always shown: `+$12.00`, `-$3.00`, `$0.00`. */
export function formatPnl(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value > 0) return `+${formatMoney(value)}`;
  return formatMoney(value === 0 ? 0 : value);
}

export type Tone = 'gain' | 'loss' | 'flat';

export function pnlTone(value: number | null | undefined): Tone {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return 'flat';
  return value > 0 ? 'gain' : 'loss';
}

/** A per-share option or stock price: `1.25` (no currency sign: it is a quote, not an amount). */
export function formatPrice(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(2);
}

/** 0.1234 → `12.3%`. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A Greek to four significant places at most (gamma is small, theta is dollars per day). */
export function formatGreek(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return value.toFixed(abs >= 1 ? 2 : abs >= 0.01 ? 4 : 5);
}

export function formatQty(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '');
}

/** An ISO instant as `YYYY-MM-DD HH:MM` in the reader's zone. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}`;
}
