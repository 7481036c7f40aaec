/** The caller behind a request: which configured API token it proved, how, and what it may reach. */
import type { TokenScope } from './scope.ts';

export interface Principal {
  /** A short, non-reversible id of the API token (a SHA-256 prefix); safe to log. */
  tokenId: string;
  via: 'bearer' | 'session' | 'ticket';
  /**
   * The token's scope. Sessions and tickets name their token by id, so they carry the scope of the
   * token they were issued for, read from `API_TOKENS` on every request (never from the credential).
   */
  scope: TokenScope;
}
