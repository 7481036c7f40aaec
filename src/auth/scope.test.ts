import { describe, expect, it } from 'vitest';
import { parseApiTokens } from './api-tokens.ts';
import {
  ApiTokensConfigError,
  parseTokenEntry,
  scopeAllowsAccount,
  scopeAllowsOrchestrator,
  scopedPathTarget,
  UNSCOPED,
} from './scope.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const O = '33333333-3333-4333-8333-333333333333';

describe('parseTokenEntry', () => {
  it('reads a bare token as unscoped', () => {
    expect(parseTokenEntry('plain-token', 0)).toEqual({ token: 'plain-token', scope: UNSCOPED });
  });

  it('reads account and orchestrator lists, in either order, lowercased and deduplicated', () => {
    expect(parseTokenEntry(`tok;orchestrators=${O};accounts=${A}|${B.toUpperCase()}|${A}`, 0)).toEqual({
      token: 'tok',
      scope: { accounts: [A, B], orchestrators: [O] },
    });
    expect(parseTokenEntry(`tok; accounts = ${A} `, 0).scope).toEqual({ accounts: [A], orchestrators: null });
  });

  it.each([
    [`;accounts=${A}`, 'the token before the first ";" is empty'],
    [`tok;acounts=${A}`, 'each scope is accounts='],
    [`tok;accounts`, 'each scope is accounts='],
    [`tok;accounts=${A}=x`, 'each scope is accounts='],
    [`tok;accounts=${A};accounts=${B}`, 'accounts= appears twice'],
    [`tok;accounts=`, 'accounts= item 1 is not a UUID'],
    [`tok;orchestrators=${O}|not-a-uuid`, 'orchestrators= item 2 is not a UUID'],
    ['two words', 'the token contains whitespace'],
  ])('refuses %j, naming the entry by position only', (entry, problem) => {
    const error = (() => {
      try {
        parseTokenEntry(entry, 2);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApiTokensConfigError);
    const message = (error as Error).message;
    expect(message).toContain('API_TOKENS entry 3 is malformed');
    expect(message).toContain(problem);
    expect(message).not.toContain('tok;');
    expect(message).not.toContain('two words');
  });
});

describe('parseApiTokens', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' one , two ,, one ', ['one', 'two']],
  ])('parses %j into unscoped tokens', (raw, expected) => {
    expect(parseApiTokens(raw)).toEqual(expected.map((token) => ({ token, scope: UNSCOPED })));
  });

  it('counts entries from 1 in its errors, empty ones included, and never prints a token', () => {
    expect(() => parseApiTokens(`secret-one,,secret-two;accounts=nope`)).toThrow(
      'API_TOKENS entry 3 is malformed: accounts= item 1 is not a UUID',
    );
    expect(() => parseApiTokens(`secret-one,,secret-two;accounts=nope`)).not.toThrow(/secret/);
  });

  it('refuses one token listed twice with different scopes, accepts the same scope twice', () => {
    expect(() => parseApiTokens(`tok;accounts=${A},tok`)).toThrow(
      'API_TOKENS entry 2 is malformed: this token is listed earlier with a different scope',
    );
    expect(parseApiTokens(`tok;accounts=${A}|${B},tok;accounts=${B}|${A}`)).toHaveLength(1);
  });
});

describe('scope checks', () => {
  const scope = { accounts: [A], orchestrators: [O] };

  it('allows listed ids in any letter case and refuses others', () => {
    expect(scopeAllowsAccount(scope, A.toUpperCase())).toBe(true);
    expect(scopeAllowsAccount(scope, B)).toBe(false);
    expect(scopeAllowsOrchestrator(scope, O)).toBe(true);
    expect(scopeAllowsOrchestrator(scope, A)).toBe(false);
  });

  it('allows everything when a list is absent', () => {
    expect(scopeAllowsAccount(UNSCOPED, B)).toBe(true);
    expect(scopeAllowsOrchestrator({ accounts: [A], orchestrators: null }, O)).toBe(true);
  });
});

describe('scopedPathTarget', () => {
  it.each([
    [`/api/accounts/${A}`, { kind: 'account', id: A }],
    [`/api/accounts/${A}/orders/123`, { kind: 'account', id: A }],
    [`/api/orchestrators/${O}/ws`, { kind: 'orchestrator', id: O }],
    [`/orchestrators/${O}/messages`, { kind: 'orchestrator', id: O }],
    ['/api/orchestrators/not-a-uuid', { kind: 'orchestrator', id: 'not-a-uuid' }],
  ])('finds the id in %s', (path, expected) => {
    expect(scopedPathTarget(path)).toEqual(expected);
  });

  it.each([
    '/api/accounts',
    '/api/orchestrators',
    '/api/orchestrators/',
    '/api/approvals/x',
    '/api/v2/accounts/x',
  ])('finds none in %s', (path) => {
    expect(scopedPathTarget(path)).toBeUndefined();
  });
});
