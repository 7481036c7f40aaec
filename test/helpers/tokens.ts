/** API tokens the test Worker is configured with (vitest.config.ts). Not secrets: test fixtures. */
export const TEST_API_TOKENS = [
  'test-token-primary-0123456789abcdef',
  'test-token-secondary-fedcba9876543210',
] as const;
export const TEST_TOKEN = TEST_API_TOKENS[0];
