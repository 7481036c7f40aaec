/** Price ticks: quotes are in whole cents; rounding goes through integers to avoid 0.1 + 0.2 residue. */

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function floorCents(value: number): number {
  return Math.floor(value * 100 + 1e-9) / 100;
}

export function ceilCents(value: number): number {
  return Math.ceil(value * 100 - 1e-9) / 100;
}
