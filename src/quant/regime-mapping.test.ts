import { describe, expect, it } from 'vitest';
import { allocationRegimeOf, guardianRegimeOf, riskAppetiteOf } from './regime-mapping.ts';

const labels = {
  upHealthy: 'Risk-On / Low/Normal Vol / Uptrend / Healthy Breadth',
  upWeak: 'Risk-On / Low/Normal Vol / Uptrend / Weak Breadth',
  down: 'Risk-Off / Low/Normal Vol / Downtrend / Healthy Breadth',
  highVol: 'Risk-Off / High Vol / Downtrend / Weak Breadth',
};

describe('label mappings', () => {
  it.each([
    ['upHealthy', 'trending', 'trending', 'trend', 'trend'],
    ['upWeak', 'trending', 'chop', 'trend', 'range'],
    ['down', 'ranging', 'downtrend', 'trend', 'choppy'],
    ['highVol', 'high_vol', 'high_vol', 'choppy', 'choppy'],
  ] as const)(
    '%s: allocation qtos-v0 %s / port %s; guardian qtos-v0 %s / port %s',
    (key, v0, port, guardV0, guardPort) => {
      const label = labels[key];
      expect(allocationRegimeOf(label, 'qtos-v0')).toBe(v0);
      expect(allocationRegimeOf(label)).toBe(port);
      expect(guardianRegimeOf(label, 'qtos-v0')).toBe(guardV0);
      expect(guardianRegimeOf(label)).toBe(guardPort);
    },
  );

  it('qtos-v0 fallbacks: chop/ranging text, anything else unknown / range', () => {
    expect(allocationRegimeOf('choppy market', 'qtos-v0')).toBe('ranging');
    expect(allocationRegimeOf('whatever', 'qtos-v0')).toBe('unknown');
    expect(guardianRegimeOf('Range', 'qtos-v0')).toBe('range');
    expect(guardianRegimeOf('Choppy', 'qtos-v0')).toBe('choppy');
  });

  it('risk appetite', () => {
    expect(riskAppetiteOf(labels.upHealthy)).toBe('risk_on');
    expect(riskAppetiteOf(labels.down)).toBe('risk_off');
    expect(riskAppetiteOf('Uptrend')).toBe('unknown');
  });
});
