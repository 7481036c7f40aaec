import { describe, expect, it } from 'vitest';
import { generateSecretKey } from '../crypto/secret-box.ts';
import { openSecret, sealSecret } from './secrets.ts';

describe('MCP server secrets', () => {
  const encodedKey = generateSecretKey();
  const scope = { encodedKey, orchestratorId: 'o1', serverName: 'docs' };

  it('round-trip under the orchestrator and server they were sealed for', async () => {
    const sealed = await sealSecret(scope, {
      kind: 'oauth',
      clientSecret: 'cs',
      accessToken: 'at',
      expiresAt: 5,
    });
    expect(sealed).not.toContain('cs');
    expect(await openSecret(scope, sealed)).toEqual({
      kind: 'oauth',
      clientSecret: 'cs',
      accessToken: 'at',
      expiresAt: 5,
    });
    const bearer = await sealSecret(scope, { kind: 'bearer', token: 'tok' });
    expect(await openSecret(scope, bearer)).toEqual({ kind: 'bearer', token: 'tok' });
  });

  it('do not open for another server, another orchestrator, another key or no key', async () => {
    const sealed = await sealSecret(scope, { kind: 'bearer', token: 'tok' });
    await expect(openSecret({ ...scope, serverName: 'web' }, sealed)).rejects.toThrow('cannot be opened');
    await expect(openSecret({ ...scope, orchestratorId: 'o2' }, sealed)).rejects.toThrow('cannot be opened');
    await expect(openSecret({ ...scope, encodedKey: generateSecretKey() }, sealed)).rejects.toThrow(
      'cannot be opened',
    );
    await expect(openSecret({ ...scope, encodedKey: undefined }, sealed)).rejects.toThrow(
      'SECRETS_KEY is not set',
    );
  });
});
