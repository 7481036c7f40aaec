/**
 * The local `SECRETS_KEY` of `npm run dev`: 32 random bytes (base64url, the form
 * src/crypto/secret-box.ts imports), made once and kept in the data folder, so credentials sealed
 * with it (remote MCP servers' tokens) still open after a restart. Like the dev API token, it is
 * for this machine only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function localSecretsKey(dataDir: string): string {
  const file = `${dataDir}/secrets-key`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
