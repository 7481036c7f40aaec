/**
 * The credentials a remote server is called with, as the MCP client's `AuthProvider`: a static bearer
 * token, or an OAuth client-credentials token that is fetched when missing or expired and fetched
 * again when the server answers 401 (the transport then retries once). A newly fetched token is sealed
 * back into the row, so the next run (or another isolate) reuses it instead of asking again.
 */
import type { AuthProvider } from '@modelcontextprotocol/client';
import type { McpServerRow } from '../db/mcp-servers.ts';
import { fetchClientCredentialsToken, oauthConfigOf, tokenUsable } from './oauth.ts';
import { openSecret, type SecretScope, sealSecret } from './secrets.ts';

export interface AuthDeps {
  encodedKey: string | undefined;
  /** Stores a re-sealed secret (a freshly fetched OAuth token) for the server. */
  saveSecret: (sealed: string) => Promise<void>;
  signal?: AbortSignal;
}

export async function authProviderFor(row: McpServerRow, deps: AuthDeps): Promise<AuthProvider | undefined> {
  if (row.authKind === 'none') return undefined;
  if (!row.secretCiphertext) throw new Error(`the ${row.authKind} credentials are missing: set them again`);
  const scope: SecretScope = {
    encodedKey: deps.encodedKey,
    orchestratorId: row.orchestratorId,
    serverName: row.name,
  };
  let material = await openSecret(scope, row.secretCiphertext);
  if (material.kind === 'bearer') {
    const token = material.token;
    return { token: async () => token };
  }
  const config = oauthConfigOf(row.oauthConfig);
  if (!config) throw new Error('the OAuth settings are incomplete: set them again');
  const clientSecret = material.clientSecret;
  const renew = async (): Promise<string> => {
    const issued = await fetchClientCredentialsToken(
      config,
      clientSecret,
      deps.signal ? { signal: deps.signal } : {},
    );
    material = { kind: 'oauth', clientSecret, ...issued };
    await deps.saveSecret(await sealSecret(scope, material));
    return issued.accessToken;
  };
  return {
    token: async () =>
      material.kind === 'oauth' && material.accessToken && tokenUsable(material, Date.now())
        ? material.accessToken
        : renew(),
    onUnauthorized: async () => {
      await renew();
    },
  };
}
