/**
 * Broker credentials at rest: sealed with the Worker's SECRETS_KEY and bound to their account row (the
 * purpose string carries the account id, so a sealed value copied onto another row cannot be opened).
 * Only the key id's last four characters are ever shown.
 */
import { importSecretKey, seal } from '../../crypto/secret-box.ts';
import { type AlpacaCredentials, credentialsPurpose } from '../broker/factory.ts';

export interface SealedCredentials {
  credentialsSealed: string;
  keyIdHint: string;
}

/** Enough to tell two keys apart in a list, far too little to use one. */
export function keyIdHint(keyId: string): string {
  return keyId.slice(-4);
}

export async function sealCredentials(
  secretsKey: string | undefined,
  accountId: string,
  credentials: AlpacaCredentials,
): Promise<SealedCredentials> {
  const key = await importSecretKey(secretsKey);
  const plaintext = JSON.stringify({ keyId: credentials.keyId, secretKey: credentials.secretKey });
  return {
    credentialsSealed: await seal(key, plaintext, credentialsPurpose(accountId)),
    keyIdHint: keyIdHint(credentials.keyId),
  };
}
