import { describe, expect, it } from 'vitest';
import { isServerName, namespacedToolName, parseNamespacedName } from './names.ts';
import { isLoopback, serverUrlProblem } from './url-rule.ts';

describe('server names', () => {
  it('accepts [a-z0-9_-]{1,32} without __ or an edge _', () => {
    for (const name of ['docs', 'a', 'my-docs', 'my_docs', 'x1', 'a'.repeat(32)])
      expect(isServerName(name)).toBe(true);
    for (const name of ['', 'Docs', 'a'.repeat(33), 'a__b', '_a', 'a_', 'a.b', 'a b', 'ü']) {
      expect(isServerName(name)).toBe(false);
    }
  });

  it('namespaces tools and parses the name back', () => {
    expect(namespacedToolName('docs', 'search')).toBe('mcp__docs__search');
    expect(parseNamespacedName('mcp__docs__search')).toEqual({ server: 'docs', tool: 'search' });
    expect(parseNamespacedName('mcp__my_docs__get__page')).toEqual({ server: 'my_docs', tool: 'get__page' });
    expect(parseNamespacedName('mcp__docs__*')).toEqual({ server: 'docs', tool: '*' });
    for (const name of ['read_file', 'mcp__docs', 'mcp____x', 'mcp__Docs__x', 'mcp__docs__']) {
      expect(parseNamespacedName(name)).toBeUndefined();
    }
  });

  it('replaces characters the Messages API refuses and keeps within 128 characters', () => {
    expect(namespacedToolName('docs', 'files.read/v2')).toBe('mcp__docs__files_read_v2');
    const long = namespacedToolName('docs', 'x'.repeat(200));
    expect(long).toHaveLength(128);
    expect(long.startsWith('mcp__docs__xxx')).toBe(true);
  });
});

describe('server URLs', () => {
  it('wants https, allowing http only to loopback', () => {
    expect(serverUrlProblem('https://mcp.example.com/mcp')).toBeUndefined();
    expect(serverUrlProblem('http://127.0.0.1:8080/mcp')).toBeUndefined();
    expect(serverUrlProblem('http://localhost/mcp')).toBeUndefined();
    expect(serverUrlProblem('http://[::1]:3000/')).toBeUndefined();
    expect(serverUrlProblem('http://mcp.example.com/mcp')).toContain('must use https');
    expect(serverUrlProblem('http://10.0.0.1/mcp')).toContain('must use https');
  });

  it('refuses other schemes, credentials, fragments and non-URLs', () => {
    expect(serverUrlProblem('ftp://example.com/')).toBe('must be an http or https URL');
    expect(serverUrlProblem('file:///etc/passwd')).toBe('must be an http or https URL');
    expect(serverUrlProblem('https://user:pw@example.com/')).toContain('credentials');
    expect(serverUrlProblem('https://example.com/mcp#x')).toContain('fragment');
    expect(serverUrlProblem('example.com/mcp')).toBe('must be an absolute URL');
  });

  it('knows loopback hosts', () => {
    expect(isLoopback('127.1.2.3')).toBe(true);
    expect(isLoopback('api.localhost')).toBe(true);
    expect(isLoopback('localhost.example.com')).toBe(false);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });
});
