/**
 * Session cookies and WebSocket tickets: `<kind>.<tokenId>.<expiresAt>.<nonce>.<signature>`, signed
 * with HMAC-SHA-256 keyed by the API token they were issued for. No extra secret is needed, and
 * removing a token from `API_TOKENS` revokes every credential issued for it.
 */
import type { ApiToken } from './api-tokens.ts';

export type CredentialKind = 'session' | 'ticket';

export interface IssuedCredential {
  value: string;
  expiresAt: Date;
}

const encoder = new TextEncoder();

export async function issueCredential(
  token: ApiToken,
  kind: CredentialKind,
  ttlSeconds: number,
  now = Date.now(),
): Promise<IssuedCredential> {
  const expiresAtSeconds = Math.floor(now / 1000) + ttlSeconds;
  const nonce = base64Url(crypto.getRandomValues(new Uint8Array(12)));
  const payload = `${kind}.${token.id}.${expiresAtSeconds}.${nonce}`;
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(token.token), encoder.encode(payload));
  return {
    value: `${payload}.${base64Url(new Uint8Array(signature))}`,
    expiresAt: new Date(expiresAtSeconds * 1000),
  };
}

/** The token a credential was issued for, if the credential is of `kind`, unexpired and authentic. */
export async function verifyCredential(
  tokens: ApiToken[],
  value: string,
  kind: CredentialKind,
  now = Date.now(),
): Promise<{ token: ApiToken; expiresAt: Date } | undefined> {
  const parts = value.split('.');
  if (parts.length !== 5) return undefined;
  const [credentialKind, tokenId, expiresAt, nonce, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  const expiresAtSeconds = Number(expiresAt);
  if (credentialKind !== kind || !Number.isSafeInteger(expiresAtSeconds)) return undefined;
  if (expiresAtSeconds * 1000 <= now) return undefined;
  const token = tokens.find((t) => t.id === tokenId);
  const signatureBytes = fromBase64Url(signature);
  if (!token || !signatureBytes) return undefined;
  const payload = `${credentialKind}.${tokenId}.${expiresAt}.${nonce}`;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(token.token),
    signatureBytes,
    encoder.encode(payload),
  );
  return valid ? { token, expiresAt: new Date(expiresAtSeconds * 1000) } : undefined;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function fromBase64Url(value: string): Uint8Array | undefined {
  if (!/^[\w-]+$/.test(value)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(value.replaceAll('-', '+').replaceAll('_', '/')), (ch) =>
      ch.charCodeAt(0),
    );
    // atob ignores the unused low bits of the last character: accept only the one canonical spelling.
    return base64Url(bytes) === value ? bytes : undefined;
  } catch {
    return undefined;
  }
}
