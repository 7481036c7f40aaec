import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSecretKey } from '../../src/crypto/secret-box.ts';
import { localSecretsKey } from './dev-secrets-key.ts';

describe('the local SECRETS_KEY', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is made once, kept private in the data folder, and is a key the secret box imports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
    dirs.push(dir);
    const key = localSecretsKey(dir);
    expect(localSecretsKey(dir)).toBe(key);
    expect(statSync(join(dir, 'secrets-key')).mode & 0o777).toBe(0o600);
    await expect(importSecretKey(key)).resolves.toBeDefined();
  });
});
