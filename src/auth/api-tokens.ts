/**
 * API tokens come from the `API_TOKENS` secret, comma-separated. Candidates are compared as SHA-256
 * digests with a constant-time comparison against every configured token, so neither the length nor
 * the position of a match leaks through timing.
 */
const encoder = new TextEncoder();

export interface ApiToken {
  token: string;
  /** First 16 hex digits of SHA-256(token): identifies a token in logs and credentials. */
  id: string;
  digest: ArrayBuffer;
}

export function parseApiTokens(raw: string | undefined): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((t) => t.trim()))].filter((t) => t.length > 0);
}

export async function loadApiTokens(raw: string | undefined): Promise<ApiToken[]> {
  return Promise.all(
    parseApiTokens(raw).map(async (token) => {
      const digest = await sha256(token);
      return { token, id: toHex(digest).slice(0, 16), digest };
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
