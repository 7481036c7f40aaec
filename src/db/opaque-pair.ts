/**
 * The wire form of the keyset cursors: two text parts (a time and an id) joined with `|` and encoded
 * as base64url, so clients treat the cursor as opaque. Each cursor validates its own parts.
 */

export function encodeOpaquePair(first: string, second: string): string {
  return btoa(`${first}|${second}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The two parts, or undefined when `value` is not a cursor this module wrote. */
export function decodeOpaquePair(value: string): [string, string] | undefined {
  if (!/^[\w-]+$/.test(value)) return undefined;
  let text: string;
  try {
    text = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return undefined;
  }
  const [first, second, ...rest] = text.split('|');
  if (rest.length > 0 || !first || !second) return undefined;
  return [first, second];
}
