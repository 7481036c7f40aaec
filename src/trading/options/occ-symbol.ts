/**
 * OCC option symbols (the OSI format): root, expiry as YYMMDD, C or P, and the strike × 1000 as
 * eight digits, e.g. `SPY251219C00450000` = SPY, 2025-12-19, call, strike 450. Exchanges pad the root
 * with spaces to six characters (`SPY   251219C00450000`); both forms parse, and `formatOccSymbol`
 * writes the compact one. Years are 20YY: listed options do not run past 2099.
 */
import type { OptionType } from './contract.ts';

export interface OccContract {
  /** Underlying's root symbol: 1–6 uppercase letters or digits (adjusted roots carry a digit, e.g. `SPY1`). */
  root: string;
  /** Expiry date, YYYY-MM-DD. */
  expiry: string;
  type: OptionType;
  /** In dollars, to a tenth of a cent: OCC encodes it in thousandths. */
  strike: number;
}

export class OccSymbolError extends Error {
  override readonly name = 'OccSymbolError';
}

const SYMBOL = /^([A-Z0-9]{1,6}) *(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;
const ROOT = /^[A-Z0-9]{1,6}$/;
const EXPIRY = /^20(\d{2})-(\d{2})-(\d{2})$/;
const MAX_STRIKE_THOUSANDTHS = 99_999_999;

export function parseOccSymbol(symbol: string): OccContract {
  const match = SYMBOL.exec(symbol);
  if (!match) {
    throw new OccSymbolError(
      `${JSON.stringify(symbol)} is not an OCC option symbol: expected ROOT (1–6 letters or digits), ` +
        'YYMMDD, C or P, and the strike × 1000 as 8 digits, e.g. SPY251219C00450000',
    );
  }
  const [, root = '', yy = '', mm = '', dd = '', side, strikeDigits = ''] = match;
  const expiry = `20${yy}-${mm}-${dd}`;
  if (!isCalendarDate(expiry))
    throw new OccSymbolError(`${JSON.stringify(symbol)} has no such expiry date: ${expiry}`);
  const thousandths = Number(strikeDigits);
  if (thousandths === 0) throw new OccSymbolError(`${JSON.stringify(symbol)} has a zero strike`);
  return { root, expiry, type: side === 'C' ? 'call' : 'put', strike: thousandths / 1000 };
}

export function formatOccSymbol(contract: OccContract): string {
  if (!ROOT.test(contract.root)) {
    throw new OccSymbolError(`root ${JSON.stringify(contract.root)} must be 1–6 uppercase letters or digits`);
  }
  const expiry = EXPIRY.exec(contract.expiry);
  if (!expiry || !isCalendarDate(contract.expiry)) {
    throw new OccSymbolError(
      `expiry ${JSON.stringify(contract.expiry)} must be a date from 2000 to 2099 as YYYY-MM-DD`,
    );
  }
  const thousandths = Math.round(contract.strike * 1000);
  if (
    !(thousandths >= 1 && thousandths <= MAX_STRIKE_THOUSANDTHS) ||
    Math.abs(thousandths - contract.strike * 1000) > 1e-6
  ) {
    throw new OccSymbolError(
      `strike ${contract.strike} must be positive, below 100,000 and a whole number of tenths of a cent`,
    );
  }
  const [, yy, mm, dd] = expiry;
  const side = contract.type === 'call' ? 'C' : 'P';
  return `${contract.root}${yy}${mm}${dd}${side}${String(thousandths).padStart(8, '0')}`;
}

function isCalendarDate(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate;
}
