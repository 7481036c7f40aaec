import { describe, expect, it } from 'vitest';
import { generateSecretKey, importSecretKey, open, SecretBoxError, seal } from './secret-box.ts';

describe('secret box', () => {
  it('opens what it sealed, with a fresh IV each time', async () => {
    const key = await importSecretKey(generateSecretKey());
    const a = await seal(key, 'token-123 ✓', 'mcp:one');
    const b = await seal(key, 'token-123 ✓', 'mcp:one');
    expect(a).not.toBe(b);
    expect(a).not.toContain('token-123');
    expect(await open(key, a, 'mcp:one')).toBe('token-123 ✓');
  });

  it('refuses another purpose, another key and tampered data', async () => {
    const key = await importSecretKey(generateSecretKey());
    const other = await importSecretKey(generateSecretKey());
    const sealed = await seal(key, 'secret', 'mcp:one');
    await expect(open(key, sealed, 'mcp:two')).rejects.toThrow(SecretBoxError);
    await expect(open(other, sealed, 'mcp:one')).rejects.toThrow(SecretBoxError);
    const [version, iv, body = ''] = sealed.split('.');
    const flipped = `${body.slice(0, -2)}${body.at(-2) === 'A' ? 'B' : 'A'}${body.at(-1)}`;
    await expect(open(key, `${version}.${iv}.${flipped}`, 'mcp:one')).rejects.toThrow(SecretBoxError);
    await expect(open(key, 'plain text', 'mcp:one')).rejects.toThrow('not a sealed secret');
  });

  it('takes only a 32-byte key and says what is wrong', async () => {
    await expect(importSecretKey(undefined)).rejects.toThrow('SECRETS_KEY is not set');
    await expect(importSecretKey('c2hvcnQ')).rejects.toThrow('32 bytes');
    await expect(importSecretKey('%%%')).rejects.toThrow('not valid base64');
  });
});
