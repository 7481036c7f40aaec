import { describe, expect, it } from 'vitest';
import type { ExpertiseSummary } from './experts-api.ts';
import { linesUsage, pickDomain, versionLabel } from './experts-model.ts';

const expert = (domain: string, updated_at: string): ExpertiseSummary => ({
  domain,
  version: 1,
  lines: 1,
  max_lines: 10,
  updated_at,
});

describe('the experts view model', () => {
  it('keeps the chosen domain while it exists, else shows the newest', () => {
    const experts = [expert('database', '2026-01-01T00:00:00Z'), expert('websocket', '2026-02-01T00:00:00Z')];
    expect(pickDomain(experts, 'database')).toBe('database');
    expect(pickDomain(experts, 'gone')).toBe('websocket');
    expect(pickDomain(experts, null)).toBe('websocket');
    expect(pickDomain([], 'database')).toBeNull();
  });

  it('labels a version and the line usage', () => {
    const version = {
      version: 3,
      author: 'alpha',
      lines_added: 2,
      lines_removed: 1,
      diff: '',
      reason: null,
      created_at: '',
    };
    expect(versionLabel(version)).toBe('v3 · alpha · +2 −1');
    expect(linesUsage({ lines: 9, max_lines: 10 })).toEqual({ text: '9 / 10 lines', near: true });
    expect(linesUsage({ lines: 3, max_lines: 10 })).toEqual({ text: '3 / 10 lines', near: false });
  });
});
