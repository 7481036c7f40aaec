/** The caller behind a request: which configured API token it proved, and how. */
export interface Principal {
  /** A short, non-reversible id of the API token (a SHA-256 prefix); safe to log. */
  tokenId: string;
  via: 'bearer' | 'session' | 'ticket';
}
