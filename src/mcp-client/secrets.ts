/**
 * A server's secret material, sealed with the secret box (src/crypto/secret-box.ts) under a purpose
 * naming the orchestrator and the server, so a ciphertext copied to another row does not open. The
 * plaintext is JSON: a bearer token, or an OAuth client secret with the access token last fetched.
 * Nothing here is ever logged, returned by the API or put in an event.
 */
import { importSecretKey, open, seal } from '../crypto/secret-box.ts';
import { isRecord } from './cache.ts';

export type SecretMaterial =
  | { kind: 'bearer'; token: string }
  | { kind: 'oauth'; clientSecret: string; accessToken?: string; expiresAt?: number };

export function secretPurpose(orchestratorId: string, serverName: string): string {
  return `mcp-server:${orchestratorId}:${serverName}`;
}

export interface SecretScope {
  /** `SECRETS_KEY`, base64: imported per use, as Workers keep no process-wide state worth trusting. */
  encodedKey: string | undefined;
  orchestratorId: string;
  serverName: string;
}

export async function sealSecret(scope: SecretScope, material: SecretMaterial): Promise<string> {
  const key = await importSecretKey(scope.encodedKey);
  return seal(key, JSON.stringify(material), secretPurpose(scope.orchestratorId, scope.serverName));
}

export async function openSecret(scope: SecretScope, sealed: string): Promise<SecretMaterial> {
  const key = await importSecretKey(scope.encodedKey);
  const parsed: unknown = JSON.parse(
    await open(key, sealed, secretPurpose(scope.orchestratorId, scope.serverName)),
  );
  if (isRecord(parsed) && parsed.kind === 'bearer' && typeof parsed.token === 'string')
    return { kind: 'bearer', token: parsed.token };
  if (isRecord(parsed) && parsed.kind === 'oauth' && typeof parsed.clientSecret === 'string') {
    return {
      kind: 'oauth',
      clientSecret: parsed.clientSecret,
      ...(typeof parsed.accessToken === 'string' ? { accessToken: parsed.accessToken } : {}),
      ...(typeof parsed.expiresAt === 'number' ? { expiresAt: parsed.expiresAt } : {}),
    };
  }
  throw new Error('the stored secret has an unexpected shape');
}
