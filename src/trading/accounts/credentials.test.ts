import { describe, expect, it } from 'vitest';
import { generateSecretKey, importSecretKey, open } from '../../crypto/secret-box.ts';
import { credentialsPurpose } from '../broker/factory.ts';
import { keyIdHint, sealCredentials } from './credentials.ts';
import { withoutSecrets } from './verify.ts';

const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const credentials = { keyId: 'PKTESTKEY0000WXYZ', secretKey: 'shh-this-is-the-secret-key-000' };

describe('sealCredentials', () => {
  it('seals the keys for one account only, with a four-character hint', async () => {
    const secretsKey = generateSecretKey();
    const sealed = await sealCredentials(secretsKey, ACCOUNT, credentials);
    expect(sealed.keyIdHint).toBe('WXYZ');
    expect(sealed.credentialsSealed).not.toContain(credentials.secretKey);
    expect(sealed.credentialsSealed).not.toContain(credentials.keyId);
    const key = await importSecretKey(secretsKey);
    expect(JSON.parse(await open(key, sealed.credentialsSealed, credentialsPurpose(ACCOUNT)))).toEqual(
      credentials,
    );
    await expect(
      open(key, sealed.credentialsSealed, credentialsPurpose('22222222-2222-4222-8222-222222222222')),
    ).rejects.toThrow('cannot be opened');
  });

  it('refuses to seal without a SECRETS_KEY', async () => {
    await expect(sealCredentials(undefined, ACCOUNT, credentials)).rejects.toThrow('SECRETS_KEY is not set');
  });

  it('hints short key ids whole', () => {
    expect(keyIdHint('abc')).toBe('abc');
  });
});

describe('withoutSecrets', () => {
  it('removes every occurrence of each key from a message', () => {
    expect(
      withoutSecrets(`bad key ${credentials.keyId} / ${credentials.secretKey} (${credentials.keyId})`, [
        credentials.keyId,
        credentials.secretKey,
        '',
      ]),
    ).toBe('bad key [redacted] / [redacted] ([redacted])');
  });
});
