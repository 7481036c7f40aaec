/**
 * What an API token may reach. An `API_TOKENS` entry is `<token>` (everything) or
 * `<token>;accounts=<uuid>|<uuid>;orchestrators=<uuid>|<uuid>`, either part optional: a token with an
 * `accounts` part reaches only those broker accounts (the default offline one included only if listed),
 * one with an `orchestrators` part only those orchestrators, and may not create new ones. Pure: no I/O.
 */

export interface TokenScope {
  /** null: every account. */
  accounts: readonly string[] | null;
  /** null: every orchestrator (and creating new ones). */
  orchestrators: readonly string[] | null;
}

export const UNSCOPED: TokenScope = { accounts: null, orchestrators: null };

export interface TokenEntry {
  token: string;
  scope: TokenScope;
}

/** A malformed `API_TOKENS` entry. The message names the entry by position, never by its token. */
export class ApiTokensConfigError extends Error {
  override readonly name = 'ApiTokensConfigError';
  constructor(index: number, problem: string) {
    super(`API_TOKENS entry ${index + 1} is malformed: ${problem}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = ['accounts', 'orchestrators'] as const;
type ScopeKind = (typeof KINDS)[number];

/** One comma-separated entry, already trimmed and non-empty; `index` counts from 0. */
export function parseTokenEntry(entry: string, index: number): TokenEntry {
  const [token = '', ...parts] = entry.split(';').map((part) => part.trim());
  if (token.length === 0) throw new ApiTokensConfigError(index, 'the token before the first ";" is empty');
  if (/\s/.test(token)) throw new ApiTokensConfigError(index, 'the token contains whitespace');
  const scope: { accounts: string[] | null; orchestrators: string[] | null } = {
    accounts: null,
    orchestrators: null,
  };
  for (const part of parts) {
    const [kind, ids, ...rest] = part.split('=').map((piece) => piece.trim());
    if (!isKind(kind) || ids === undefined || rest.length > 0) {
      throw new ApiTokensConfigError(
        index,
        'each scope is accounts=<uuid>|<uuid> or orchestrators=<uuid>|<uuid>',
      );
    }
    if (scope[kind] !== null) throw new ApiTokensConfigError(index, `${kind}= appears twice`);
    const list = ids.split('|').map((id) => id.trim().toLowerCase());
    const bad = list.findIndex((id) => !UUID.test(id));
    if (bad >= 0) throw new ApiTokensConfigError(index, `${kind}= item ${bad + 1} is not a UUID`);
    scope[kind] = [...new Set(list)];
  }
  return { token, scope };
}

function isKind(value: string | undefined): value is ScopeKind {
  return (KINDS as readonly string[]).includes(value ?? '');
}

/** Ids are compared lowercased: Postgres reads a UUID in either case as the same row. */
export function scopeAllowsAccount(scope: TokenScope, accountId: string): boolean {
  return scope.accounts === null || scope.accounts.includes(accountId.toLowerCase());
}

export function scopeAllowsOrchestrator(scope: TokenScope, orchestratorId: string): boolean {
  return scope.orchestrators === null || scope.orchestrators.includes(orchestratorId.toLowerCase());
}

/** Both lists equal (order aside): the same token listed twice must not carry two scopes. */
export function sameScope(a: TokenScope, b: TokenScope): boolean {
  const same = (x: readonly string[] | null, y: readonly string[] | null) =>
    x === null || y === null ? x === y : x.length === y.length && x.every((id) => y.includes(id));
  return same(a.accounts, b.accounts) && same(a.orchestrators, b.orchestrators);
}

/** The scope as the API shows it (null = everything). */
export function scopeJson(scope: TokenScope): { accounts: string[] | null; orchestrators: string[] | null } {
  return {
    accounts: scope.accounts && [...scope.accounts],
    orchestrators: scope.orchestrators && [...scope.orchestrators],
  };
}

/**
 * `/accounts/<id>/...` and `/orchestrators/<id>/...`, with or without the `/api` prefix (MCP tools call
 * the API app in-process, where paths start at `/orchestrators`). The id is whatever the segment
 * holds: anything not in the token's list is refused, whether or not it is a well-formed UUID.
 */
const SCOPED_PATH = /^(?:\/api)?\/(accounts|orchestrators)\/([^/]+)/;

export function scopedPathTarget(path: string): { kind: 'account' | 'orchestrator'; id: string } | undefined {
  const match = SCOPED_PATH.exec(path);
  if (!match?.[2]) return undefined;
  return { kind: match[1] === 'accounts' ? 'account' : 'orchestrator', id: match[2] };
}
