/**
 * What an `auth` setting becomes in the row: its kind, the sealed secret and the non-secret OAuth
 * settings. A new setting drops any OAuth access token cached under the old one.
 */
import type { McpAuthKind } from '../db/schema-mcp.ts';
import { type SecretScope, sealSecret } from './secrets.ts';

export type AuthSetting =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | {
      type: 'oauth';
      client_id: string;
      client_secret: string;
      token_url: string;
      scopes?: string[] | undefined;
    };

export interface StoredAuth {
  authKind: McpAuthKind;
  secretCiphertext: string | null;
  oauthConfig: Record<string, unknown> | null;
}

export async function storedAuth(setting: AuthSetting, scope: SecretScope): Promise<StoredAuth> {
  switch (setting.type) {
    case 'none':
      return { authKind: 'none', secretCiphertext: null, oauthConfig: null };
    case 'bearer':
      return {
        authKind: 'bearer',
        secretCiphertext: await sealSecret(scope, { kind: 'bearer', token: setting.token }),
        oauthConfig: null,
      };
    case 'oauth':
      return {
        authKind: 'oauth',
        secretCiphertext: await sealSecret(scope, { kind: 'oauth', clientSecret: setting.client_secret }),
        oauthConfig: {
          client_id: setting.client_id,
          token_url: setting.token_url,
          scopes: setting.scopes ?? [],
        },
      };
  }
}
