/** API tokens the test Worker is configured with (vitest.config.ts). Not secrets: test fixtures. */
export const TEST_API_TOKENS = [
  'test-token-primary-0123456789abcdef',
  'test-token-secondary-fedcba9876543210',
] as const;
export const TEST_TOKEN = TEST_API_TOKENS[0];

/**
 * Scoped tokens (src/auth/scope.ts), configured beside the unscoped ones. The ids are fixed so the
 * entries can name them; test/token-scopes.test.ts creates the rows they point at.
 */
export const SCOPED_ACCOUNT_ID = '5c0bed00-0000-4000-8000-00000000a001';
export const SCOPED_ORCHESTRATOR_ID = '5c0bed00-0000-4000-8000-00000000b001';
/** Limited to one account and one orchestrator. */
export const SCOPED_TOKEN = 'test-token-scoped-both-13579bdf02468ace';
/** Limited to one orchestrator; every account (the default included) stays reachable. */
export const ORCHESTRATOR_SCOPED_TOKEN = 'test-token-scoped-orch-2468ace013579bdf';
export const SCOPED_TOKEN_ENTRIES = [
  `${SCOPED_TOKEN};accounts=${SCOPED_ACCOUNT_ID};orchestrators=${SCOPED_ORCHESTRATOR_ID}`,
  `${ORCHESTRATOR_SCOPED_TOKEN};orchestrators=${SCOPED_ORCHESTRATOR_ID}`,
] as const;
