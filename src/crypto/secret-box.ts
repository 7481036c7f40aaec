/**
 * Secrets at rest (remote servers' tokens, broker credentials): AES-256-GCM through Web Crypto with a
 * key held as a Worker secret, never in the database. A sealed value is `v1.<iv>.<ciphertext>` in
 * base64url; the purpose is bound as additional data, so a value sealed for one use (say, one MCP
 * server's token) cannot be replayed as another's.
 */

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/** Imports the key from its base64 (or base64url) form: exactly 32 random bytes. */
export async function importSecretKey(encoded: string | undefined): Promise<CryptoKey> {
  if (!encoded) throw new SecretBoxError('SECRETS_KEY is not set: secrets cannot be stored or read');
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(encoded.trim());
  } catch {
    throw new SecretBoxError('SECRETS_KEY is not valid base64');
  }
  if (raw.length !== 32) throw new SecretBoxError('SECRETS_KEY must be 32 bytes (256 bits), base64-encoded');
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** A fresh random key in the form `importSecretKey` takes (for local development and tests). */
export function generateSecretKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function seal(key: CryptoKey, plaintext: string, purpose: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(purpose) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

export async function open(key: CryptoKey, sealed: string, purpose: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext) throw new SecretBoxError('not a sealed secret');
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: new TextEncoder().encode(purpose) },
      key,
      fromBase64Url(ciphertext),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    // Wrong key, wrong purpose or tampered data: GCM cannot tell which, and neither should we.
    throw new SecretBoxError('the secret cannot be opened with this key');
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
