/**
 * How a regime label becomes the allocation regime and the guardian regime. Two versions:
 * - `qtos-v0`: the original orchestrator adapter's substring tests, kept for parity. Its quirks: a
 *   downtrend is called "ranging" for allocation and "trend" for the guardian (sized like an uptrend),
 *   "chop" is unreachable, and the Risk-On/Off segment is ignored.
 * - `port` (default): every segment counts. High Vol → high_vol / choppy; Downtrend → downtrend /
 *   choppy (long setups fight the trend, so the guardian's most defensive class); Uptrend with weak
 *   breadth → chop / range; Uptrend with healthy breadth → trending / trend. Risk-Off is reported as
 *   risk appetite, which allocation turns into a size factor.
 */

export type AllocationRegime = 'trending' | 'ranging' | 'chop' | 'high_vol' | 'downtrend' | 'unknown';
export type GuardianRegime = 'trend' | 'range' | 'choppy';
export type RiskAppetite = 'risk_on' | 'risk_off' | 'unknown';
export type MappingVersion = 'port' | 'qtos-v0';

export function allocationRegimeOf(label: string, version: MappingVersion = 'port'): AllocationRegime {
  const upper = label.toUpperCase();
  if (version === 'qtos-v0') {
    if (upper.includes('HIGH VOL')) return 'high_vol';
    if (upper.includes('LOW VOL') || upper.includes('NORMAL VOL')) {
      if (upper.includes('UPTREND')) return 'trending';
      if (upper.includes('DOWNTREND')) return 'ranging';
      if (upper.includes('WEAK BREADTH')) return 'chop';
      return 'trending';
    }
    if (upper.includes('CHOP') || upper.includes('RANGING')) return 'ranging';
    return 'unknown';
  }
  if (upper.includes('HIGH VOL')) return 'high_vol';
  if (upper.includes('DOWNTREND')) return 'downtrend';
  if (upper.includes('UPTREND')) return upper.includes('WEAK BREADTH') ? 'chop' : 'trending';
  if (upper.includes('CHOP')) return 'chop';
  if (upper.includes('RANGING') || upper.includes('RANGE')) return 'ranging';
  return 'unknown';
}

export function guardianRegimeOf(label: string, version: MappingVersion = 'port'): GuardianRegime {
  const upper = label.toUpperCase();
  if (version === 'qtos-v0') {
    if (upper.includes('HIGH VOL') || upper.includes('CHOP') || upper.includes('RANGING')) return 'choppy';
    if (upper.includes('UPTREND') || upper.includes('DOWNTREND')) return 'trend';
    return 'range';
  }
  if (upper.includes('HIGH VOL') || upper.includes('CHOP') || upper.includes('DOWNTREND')) return 'choppy';
  if (upper.includes('UPTREND')) return upper.includes('WEAK BREADTH') ? 'range' : 'trend';
  return 'range';
}

export function riskAppetiteOf(label: string): RiskAppetite {
  const upper = label.toUpperCase();
  if (upper.includes('RISK-OFF')) return 'risk_off';
  if (upper.includes('RISK-ON')) return 'risk_on';
  return 'unknown';
}
