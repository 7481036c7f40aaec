/**
 * Which URLs a remote MCP server may have. https always; plain http only to this machine (localhost,
 * *.localhost, 127.0.0.0/8, [::1]), for a server run beside `npm run dev` or the tests. A deployed
 * Worker cannot reach loopback at all, so the exception costs nothing there, while an http URL to
 * anywhere else would send bearer tokens and tool data in clear. The rule is the same in every
 * environment: there is no "production" switch to forget. Credentials in the URL are refused too
 * (they belong in `auth`, sealed), and so is a fragment (meaningless to a server).
 */

export const URL_RULE =
  'an https URL (http only to localhost, 127.0.0.0/8 or [::1]), without credentials or fragment';

/** Why the URL is refused, or undefined when it is acceptable. */
export function serverUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not contain credentials: use auth instead';
  if (url.hash) return 'must not contain a fragment';
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return 'must use https (plain http is allowed only to localhost)';
  return undefined;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
