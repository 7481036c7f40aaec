import { describe, expect, it } from 'vitest';
import { describeModelProvider } from './provider.ts';

describe('describeModelProvider', () => {
  it('uses the offline model when nothing is configured', () => {
    expect(describeModelProvider({}).provider).toBe('offline');
    expect(describeModelProvider({ ANTHROPIC_API_KEY: '  ', ANTHROPIC_BASE_URL: '' }).provider).toBe(
      'offline',
    );
  });

  it('uses the Anthropic API with a key alone, and never shows the key', () => {
    const described = describeModelProvider({ ANTHROPIC_API_KEY: 'sk-secret-value' });
    expect(described.provider).toBe('anthropic');
    expect(JSON.stringify(described)).not.toContain('sk-secret-value');
  });

  it('prefers a base URL, stripping credentials and query from what it shows', () => {
    const described = describeModelProvider({
      ANTHROPIC_API_KEY: 'sk-secret-value',
      ANTHROPIC_BASE_URL: 'https://user:pass@llm.internal:8443/anthropic/?key=abc',
    });
    expect(described).toEqual({
      provider: 'anthropic-compatible',
      label: 'Anthropic-compatible server',
      base_url: 'https://llm.internal:8443/anthropic',
    });
  });
});
