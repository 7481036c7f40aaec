import { describe, expect, it } from 'vitest';
import { loadApiTokens } from './api-tokens.ts';
import { issueCredential, verifyCredential } from './signed-credential.ts';

describe('signed credentials', async () => {
  const tokens = await loadApiTokens('alpha-token-000000,beta-token-111111');
  const [alpha, beta] = tokens as [(typeof tokens)[0], (typeof tokens)[0]];
  const now = Date.UTC(2026, 0, 1);

  it('verifies a fresh credential and names the token it was issued for', async () => {
    const issued = await issueCredential(beta, 'session', 600, now);
    const verified = await verifyCredential(tokens, issued.value, 'session', now + 1_000);
    expect(verified?.token.id).toBe(beta.id);
    expect(verified?.expiresAt.getTime()).toBe(now + 600_000);
  });

  it('rejects expired, wrong-kind, tampered and revoked credentials', async () => {
    const issued = await issueCredential(alpha, 'ticket', 60, now);
    expect(await verifyCredential(tokens, issued.value, 'ticket', now + 60_000)).toBeUndefined();
    expect(await verifyCredential(tokens, issued.value, 'session', now)).toBeUndefined();
    const parts = issued.value.split('.');
    const later = [parts[0], parts[1], String(Number(parts[2]) + 3600), parts[3], parts[4]].join('.');
    expect(await verifyCredential(tokens, later, 'ticket', now)).toBeUndefined();
    expect(await verifyCredential([beta], issued.value, 'ticket', now)).toBeUndefined();
  });

  it.each(['', 'a.b.c', 'ticket.x.1.y.z', 'ticket..99999999999.n.%%%'])(
    'rejects garbage %j',
    async (value) => {
      expect(await verifyCredential(tokens, value, 'ticket', now)).toBeUndefined();
    },
  );
});
