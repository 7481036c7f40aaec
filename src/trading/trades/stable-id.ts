/**
 * Deterministic ids from strings: FNV-1a over the UTF-8 bytes, 64 bits, as 16 hex digits. Not a
 * cryptographic hash (nothing secret depends on it); it only needs to be pure, stable across runs and
 * runtimes, and collision-unlikely for the few thousand trades of one account.
 */
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

export function fnv1a64(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * An id from parts joined by a separator that cannot occur inside them unescaped, so that
 * ('a|b', 'c') and ('a', 'b|c') do not collide.
 */
export function stableId(prefix: string, parts: readonly string[]): string {
  const joined = parts.map((part) => part.replaceAll('\\', '\\\\').replaceAll('|', '\\|')).join('|');
  return `${prefix}_${fnv1a64(joined)}`;
}
