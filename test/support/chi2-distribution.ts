/**
 * The χ² distribution's tail and quantile, for critical values at degrees of
 * freedom that cell merging produces (the literal table in stats.ts only
 * holds the df the plan names). Written from scratch: Lanczos log-gamma and
 * the regularised incomplete gamma function by series and Lentz's continued
 * fraction (Numerical Recipes §6.1–6.2), checked against scipy in
 * stats.test.ts.
 *
 * @module
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const MAX_ITER = 10_000;

/** log P(a, x), the regularised lower incomplete gamma, by its series (x < a + 1). */
function logLowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return Math.log(sum) - x + a * Math.log(x) - logGamma(a);
}

/** log Q(a, x), the regularised upper incomplete gamma, by Lentz's continued fraction (x ≥ a + 1). */
function logUpperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.log(h) - x + a * Math.log(x) - logGamma(a);
}

/**
 * log of the χ² survival function, log P(X ≥ x) for X ~ χ²(df). Stays
 * accurate deep in the tail (down to about 1e-300), where the critical
 * values at α = 1e-6 live.
 */
export function chiSquareLogSf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return -Infinity;
  const a = df / 2;
  const hx = x / 2;
  if (hx < a + 1) return Math.log1p(-Math.exp(logLowerSeries(a, hx)));
  return logUpperFraction(a, hx);
}

/** The χ² survival function P(X ≥ x) for X ~ χ²(df). */
export function chiSquareSf(x: number, df: number): number {
  return Math.exp(chiSquareLogSf(x, df));
}

/**
 * The critical value c with P(X ≥ c) = α for X ~ χ²(df), by bisection on the
 * log survival function (monotone), to a relative width of 1e-13.
 */
export function chiSquareQuantile(alpha: number, df: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  const target = Math.log(alpha);
  let lo = 0;
  let hi = Math.max(1, df);
  while (chiSquareLogSf(hi, df) > target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (chiSquareLogSf(mid, df) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
