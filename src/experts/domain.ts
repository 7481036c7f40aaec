/**
 * Expertise domain names: short, lower-case, the same rule for templates, the tool, the REST path and
 * the console. One rule keeps `websocket` and `WebSocket` from becoming two documents.
 */
export const DOMAIN_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const DOMAIN_RULE =
  'lower-case letters, digits, - and _ (at most 64), starting with a letter or digit';

export function isDomain(value: string): boolean {
  return DOMAIN_PATTERN.test(value);
}
