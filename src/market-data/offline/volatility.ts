/**
 * The offline volatility surface: the instrument's at-the-money volatility plus a skew and a smile
 * in log-moneyness per √year, m = ln(K/F)/√T, so short-dated wings steepen as they do in practice:
 *   σ(K, T) = σ_atm + skew·m + smile·m², kept within [σ_atm/2, 4·σ_atm].
 * T is floored at one day so a contract in its last hours keeps a finite smile.
 */
import { OFFLINE_RISK_FREE_RATE, type OfflineInstrument } from './instruments.ts';

const ONE_DAY_YEARS = 1 / 365;

export function impliedVolatilityAt(
  instrument: OfflineInstrument,
  strike: number,
  spot: number,
  years: number,
): number {
  const t = Math.max(years, ONE_DAY_YEARS);
  const forward = spot * Math.exp((OFFLINE_RISK_FREE_RATE - instrument.dividendYield) * t);
  const m = Math.log(strike / forward) / Math.sqrt(t);
  const atm = instrument.volatility;
  const raw = atm + instrument.skew * m + instrument.smile * m * m;
  return Math.min(4 * atm, Math.max(atm / 2, raw));
}
