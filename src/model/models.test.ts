import { describe, expect, it } from 'vitest';
import { modelInfo, priceUsage, resolveModel } from './models.ts';

describe('resolveModel', () => {
  it.each([
    ['opus', 'claude-opus-5'],
    ['Sonnet', 'claude-sonnet-5'],
    ['haiku', 'claude-haiku-4-5-20251001'],
    ['fast', 'claude-haiku-4-5-20251001'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
    ['some-local-model', 'some-local-model'],
  ])('%s → %s', (name, id) => {
    expect(resolveModel(name)).toBe(id);
  });
});

describe('priceUsage', () => {
  const usage = {
    inputTokens: 1_000_000,
    outputTokens: 1_000_000,
    cacheWriteTokens: 1_000_000,
    cacheReadTokens: 1_000_000,
  };

  it('prices all four token kinds', () => {
    // Sonnet 5: 2 + 10 + 2.5 + 0.2
    expect(priceUsage('sonnet', usage)).toBeCloseTo(14.7, 6);
    expect(priceUsage('haiku', { ...usage, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 })).toBe(
      1,
    );
  });

  it('rounds to the micro-dollar', () => {
    expect(
      priceUsage('opus', { inputTokens: 1, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 }),
    ).toBe(0.000005);
  });

  it('prices an unknown id of a known family like its family, and an unknown model at 0', () => {
    expect(modelInfo('claude-opus-5-20270101')?.family).toBe('opus');
    expect(priceUsage('offline', usage)).toBe(0);
  });
});
