/**
 * API tokens come from the `API_TOKENS` secret, comma-separated; an entry may carry a scope after the
 * token (`<token>;accounts=<uuid>|...;orchestrators=<uuid>|...`, see scope.ts). Candidates are compared as SHA-256
 * digests with a constant-time comparison against every configured token, so neither the length nor
 * the position of a match leaks through timing.
 */
import {
  ApiTokensConfigError,
  parseTokenEntry,
  sameScope,
  type TokenEntry,
  type TokenScope,
} from './scope.ts';

const encoder = new TextEncoder();

export interface ApiToken {
  token: string;
  /** First 16 hex digits of SHA-256(token): identifies a token in logs and credentials. */
  id: string;
  digest: ArrayBuffer;
  /** What the token (and every session or ticket issued for it) may reach. */
  scope: TokenScope;
}

/**
 * The entries of `API_TOKENS`, duplicates merged. Throws `ApiTokensConfigError` (naming the entry's
 * position, never its token) for a malformed entry or one token listed with two different scopes.
 */
export function parseApiTokens(raw: string | undefined): TokenEntry[] {
  if (!raw) return [];
  const entries = new Map<string, TokenEntry>();
  raw
    .split(',')
    .map((entry) => entry.trim())
    .forEach((entry, index) => {
      if (entry.length === 0) return;
      const parsed = parseTokenEntry(entry, index);
      const earlier = entries.get(parsed.token);
      if (earlier && !sameScope(earlier.scope, parsed.scope)) {
        throw new ApiTokensConfigError(index, 'this token is listed earlier with a different scope');
      }
      entries.set(parsed.token, earlier ?? parsed);
    });
  return [...entries.values()];
}

export async function loadApiTokens(raw: string | undefined): Promise<ApiToken[]> {
  return Promise.all(
    parseApiTokens(raw).map(async ({ token, scope }) => {
      const digest = await sha256(token);
      return { token, id: toHex(digest).slice(0, 16), digest, scope };
    }),
  );
}

/** The configured token equal to `candidate`, or undefined. Examines every token whatever matches. */
export async function findApiToken(tokens: ApiToken[], candidate: string): Promise<ApiToken | undefined> {
  const digest = await sha256(candidate);
  let match: ApiToken | undefined;
  for (const token of tokens) {
    if (crypto.subtle.timingSafeEqual(token.digest, digest)) match = token;
  }
  return match;
}

async function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', encoder.encode(value));
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
