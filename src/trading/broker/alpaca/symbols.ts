/** Stock tickers and OCC option symbols go to different Alpaca market-data endpoints. */

const OCC = /^[A-Z0-9]{1,6} *\d{6}[CP]\d{8}$/;

export function isOptionSymbol(symbol: string): boolean {
  return OCC.test(symbol);
}

export function splitSymbols(symbols: readonly string[]): { stocks: string[]; options: string[] } {
  const unique = [...new Set(symbols)];
  return { stocks: unique.filter((s) => !isOptionSymbol(s)), options: unique.filter(isOptionSymbol) };
}

/** The underlying's root of an OCC symbol (`SPY261218C00600000` → `SPY`); a ticker stays itself. */
export function optionRoot(symbol: string): string {
  return isOptionSymbol(symbol) ? symbol.replace(/ *\d{6}[CP]\d{8}$/, '') : symbol;
}
