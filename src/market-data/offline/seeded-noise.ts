/**
 * Deterministic pseudo-random numbers keyed by integers (no state, no sequence): the same key always
 * gives the same number, so a price at an instant can be computed directly, in any order, on any
 * machine. Value noise interpolates those numbers between integer knots with a smooth step, giving a
 * continuous curve whose wiggles have the knot spacing as their scale.
 */

/** 32-bit integer mix (the murmur3 finaliser) of a seed and a key. */
function mix(seed: number, key: number): number {
  let h = (seed ^ Math.imul(key | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A number in [0, 1) determined by the seed and the (possibly large) integer key. */
export function hashUnit(seed: number, key: number): number {
  // Keys can exceed 32 bits (minutes since 1970 do not, milliseconds would): fold the high part in.
  const high = Math.floor(key / 0x1_0000_0000);
  return mix(mix(seed, high), key >>> 0) / 0x1_0000_0000;
}

/** A 32-bit seed from text (FNV-1a), e.g. a symbol and a purpose. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** Smooth noise in [−1, 1] at real position x: knots at the integers, C¹ smooth-step between them. */
export function valueNoise(seed: number, x: number): number {
  const knot = Math.floor(x);
  const t = x - knot;
  const left = hashUnit(seed, knot) * 2 - 1;
  const right = hashUnit(seed, knot + 1) * 2 - 1;
  const eased = t * t * (3 - 2 * t);
  return left + (right - left) * eased;
}
