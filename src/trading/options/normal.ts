/**
 * The standard normal density and distribution function, accurate to ~1e-15 relative over the range
 * option pricing uses. Φ is computed from erfc rather than as 1 − something, so the far tails (deep
 * in- or out-of-the-money options) keep their relative precision instead of cancelling to zero.
 *
 * erfc is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev Approximations for the
 * Error Function", Mathematics of Computation 23, 1969; the CALERF routine of SPECFUN): three
 * intervals, |x| ≤ 0.46875, ≤ 4 and beyond, each a ratio of polynomials with the coefficients below.
 * The coefficients are the published 18-digit ones written as the doubles they round to.
 */

const INV_SQRT_PI = 0.5641895835477563;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_HALF = Math.SQRT1_2;
/** Beyond this, erfc(x) underflows a double (it is below 1e-308). */
const ERFC_UNDERFLOW = 26.543;

// erf on |x| ≤ 0.46875.
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
// erfc · exp(x²) on 0.46875 < |x| ≤ 4.
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
// erfc · exp(x²) · x on |x| > 4, as a rational function of 1/x².
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - x * erfSmall(y * y);
  if (y > ERFC_UNDERFLOW) return x > 0 ? 0 : 2;
  const upper = expMinusSquare(y) * (y <= 4 ? erfcxMiddle(y) : erfcxTail(y));
  return x > 0 ? upper : 2 - upper;
}

/** Standard normal cumulative distribution Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** erf(x)/x for x² = z ≤ 0.46875². */
function erfSmall(z: number): number {
  let numerator = (A[4] as number) * z;
  let denominator = z;
  for (let i = 0; i < 3; i++) {
    numerator = (numerator + (A[i] as number)) * z;
    denominator = (denominator + (B[i] as number)) * z;
  }
  return (numerator + (A[3] as number)) / (denominator + (B[3] as number));
}

function erfcxMiddle(y: number): number {
  let numerator = (C[8] as number) * y;
  let denominator = y;
  for (let i = 0; i < 7; i++) {
    numerator = (numerator + (C[i] as number)) * y;
    denominator = (denominator + (D[i] as number)) * y;
  }
  return (numerator + (C[7] as number)) / (denominator + (D[7] as number));
}

function erfcxTail(y: number): number {
  const z = 1 / (y * y);
  let numerator = (P[5] as number) * z;
  let denominator = z;
  for (let i = 0; i < 4; i++) {
    numerator = (numerator + (P[i] as number)) * z;
    denominator = (denominator + (Q[i] as number)) * z;
  }
  const correction = (z * (numerator + (P[4] as number))) / (denominator + (Q[4] as number));
  return (INV_SQRT_PI - correction) / y;
}

/**
 * exp(−y²) without the rounding error of squaring y: y is split into a part with 4 fractional bits
 * (whose square is exact) and the rest, as CALERF does.
 */
function expMinusSquare(y: number): number {
  const coarse = Math.trunc(y * 16) / 16;
  const rest = (y - coarse) * (y + coarse);
  return Math.exp(-coarse * coarse) * Math.exp(-rest);
}
