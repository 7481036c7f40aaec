/**
 * OCC option symbols (`SPY261218C00600000`: root, YYMMDD, C/P, strike × 1000 in eight digits), read
 * back where a row names only the symbol. Null for anything else (a stock ticker).
 */
export interface OccContract {
  underlying: string;
  expiry: string;
  type: 'call' | 'put';
  strike: number;
}

const OCC = /^([A-Z0-9.]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

export function parseOcc(symbol: string): OccContract | null {
  const match = OCC.exec(symbol.replace(/\s+/g, ''));
  if (!match) return null;
  const [, root, yy, mm, dd, cp, strike] = match as unknown as string[];
  return {
    underlying: root as string,
    expiry: `20${yy}-${mm}-${dd}`,
    type: cp === 'C' ? 'call' : 'put',
    strike: Number(strike) / 1000,
  };
}

/** `SPY 2026-12-18 600 call`, or the symbol itself for a stock. */
export function describeContract(symbol: string): string {
  const contract = parseOcc(symbol);
  if (!contract) return symbol;
  return `${contract.underlying} ${contract.expiry} ${contract.strike} ${contract.type}`;
}

/** `669 put 12-31`: a contract in a phone's width (the underlying is in the heading). */
export function shortContract(symbol: string): string {
  const contract = parseOcc(symbol);
  if (!contract) return symbol;
  return `${contract.strike} ${contract.type} ${contract.expiry.slice(5)}`;
}
