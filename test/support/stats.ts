/**
 * Statistical helpers for the stochastic test tier (TESTING.md B.0), written
 * from scratch: the plan's constants as literals, non-asymptotic thresholds
 * (TV by McDiarmid + Cauchy–Schwarz, Hoeffding, per-cell KL-Chernoff), χ²
 * with greedy cell merging, histograms of binary states, an exact sampler
 * over an enumerated table, and the failure report every statistical test
 * prints. Unit-tested in stats.test.ts against scipy values.
 *
 * @module
 */
import { chiSquareQuantile } from './chi2-distribution.js';

export { chiSquareLogSf, chiSquareQuantile, chiSquareSf, logGamma } from './chi2-distribution.js';

/** χ² critical values c with P(χ²_df ≥ c) = α (scipy 1.17, TESTING.md B.0), keyed by α then df. */
export const CHI2_CRITICAL: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  '1e-6': { 7: 40.52, 15: 56.49, 31: 83.64, 63: 131.37, 127: 217.61, 255: 377.08 },
  '1e-7': { 15: 62.33, 63: 139.58 },
};

/** Two-sided standard-normal critical values z with P(|Z| ≥ z) = α. */
export const Z_TWO_SIDED: Readonly<Record<string, number>> = { '1e-6': 4.892, '1e-7': 5.327 };

/** Non-centrality λ giving power 1 − 1e-6 at α = 1e-6, keyed by df. */
export const NONCENTRALITY_POWER: Readonly<Record<number, number>> = { 15: 132.7, 63: 189.0, 255: 299.1 };

/** Per-cell KL-Chernoff thresholds ln(2K/α) at α = 1e-6, keyed by K. */
export const KL_CHERNOFF_THRESHOLD: Readonly<Record<number, number>> = { 16: 17.28, 64: 18.67, 128: 19.36 };

function alphaKey(alpha: number): string | undefined {
  if (alpha === 1e-6) return '1e-6';
  if (alpha === 1e-7) return '1e-7';
  return undefined;
}

/**
 * The χ² critical value at (df, α): the plan's literal when it lists one,
 * otherwise the quantile computed by chiSquareQuantile (for merged df).
 */
export function chiSquareCritical(df: number, alpha: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`df must be a positive integer, got ${df}`);
  const key = alphaKey(alpha);
  const literal = key === undefined ? undefined : CHI2_CRITICAL[key]?.[df];
  return literal ?? chiSquareQuantile(alpha, df);
}

function positive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be positive and finite, got ${v}`);
}

/**
 * TV threshold τ(K, n, α) = ½√((K−1)/n) + √(ln(1/α)/(2n)): E[TV(p̂, p)] ≤
 * ½√((K−1)/n) by Cauchy–Schwarz, and TV(p̂, p) exceeds its mean by more than
 * √(ln(1/α)/(2n)) with probability ≤ α by McDiarmid (each draw moves TV by ≤ 1/n).
 */
export function tvThreshold(K: number, n: number, alpha: number): number {
  positive('K', K);
  positive('n', n);
  positive('alpha', alpha);
  return 0.5 * Math.sqrt((K - 1) / n) + Math.sqrt(Math.log(1 / alpha) / (2 * n));
}

/**
 * Two-sided Hoeffding half-width for the mean of n independent draws in an
 * interval of width `range`: P(|x̄ − μ| ≥ t) ≤ α for t = range·√(ln(2/α)/(2n)).
 */
export function hoeffding(n: number, alpha: number, range: number): number {
  positive('n', n);
  positive('alpha', alpha);
  positive('range', range);
  return range * Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

/** Bernoulli KL divergence KL(q ‖ p) in nats, with 0·log 0 = 0 (∞ when q puts mass where p has none). */
export function bernoulliKl(q: number, p: number): number {
  const term = (a: number, b: number): number => (a === 0 ? 0 : b === 0 ? Infinity : a * Math.log(a / b));
  return term(q, p) + term(1 - q, 1 - p);
}

/** Result of the per-cell KL-Chernoff check. */
export interface KlChernoffResult {
  /** max over cells of n·KL(p̂_k ‖ p_k). */
  readonly statistic: number;
  /** ln(2K/α): two Chernoff tails per cell, union bound over K cells. */
  readonly threshold: number;
  /** n·KL(p̂_k ‖ p_k) per cell. */
  readonly perCell: Float64Array;
  /** Index of the cell with the largest statistic. */
  readonly worst: number;
}

/**
 * Per-cell KL-Chernoff statistic: for each cell, P(n·KL(p̂_k ‖ p_k) ≥ t) ≤
 * 2e^(−t) (Chernoff, both tails), so max_k n·KL > ln(2K/α) has probability ≤ α.
 */
export function klChernoff(counts: ArrayLike<number>, p: ArrayLike<number>, alpha: number): KlChernoffResult {
  if (counts.length !== p.length) throw new RangeError(`counts has ${counts.length} cells, p has ${p.length}`);
  positive('alpha', alpha);
  const n = sum(counts);
  positive('total count', n);
  const perCell = new Float64Array(p.length);
  let worst = 0;
  for (let k = 0; k < p.length; k++) {
    perCell[k] = n * bernoulliKl(counts[k]! / n, p[k]!);
    if (perCell[k]! > perCell[worst]!) worst = k;
  }
  return { statistic: perCell[worst] ?? 0, threshold: Math.log((2 * p.length) / alpha), perCell, worst };
}

/** Result of a χ² test after cell merging. */
export interface ChiSquareResult {
  /** Σ (O − E)² / E over the merged cells (∞ if a cell with E = 0 was observed). */
  readonly statistic: number;
  /** Merged cells − 1. */
  readonly df: number;
  /** The original cell indices in each merged cell. */
  readonly groups: readonly (readonly number[])[];
}

interface Cell {
  members: number[];
  weight: number;
  obs: number[];
}

/** Greedily merges the two lightest cells until every weight is ≥ min (or one cell is left). */
function mergeCells(weights: ArrayLike<number>, observed: readonly ArrayLike<number>[], min: number): Cell[] {
  let cells: Cell[] = [];
  for (let k = 0; k < weights.length; k++) cells.push({ members: [k], weight: weights[k]!, obs: observed.map((o) => o[k]!) });
  for (;;) {
    cells.sort((a, b) => a.weight - b.weight || a.members[0]! - b.members[0]!);
    if (cells.length <= 1 || cells[0]!.weight >= min) return cells;
    const [a, b] = [cells[0]!, cells[1]!];
    const merged = { members: [...a.members, ...b.members].sort((x, y) => x - y), weight: a.weight + b.weight, obs: a.obs.map((v, i) => v + b.obs[i]!) };
    cells = [merged, ...cells.slice(2)];
  }
}

/**
 * Pearson χ² goodness of fit of observed counts to expected counts (same
 * total), after greedily merging the cells with the smallest expected counts
 * until every merged cell expects ≥ minExpected.
 */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>, minExpected = 100): ChiSquareResult {
  if (observed.length !== expected.length) throw new RangeError(`observed has ${observed.length} cells, expected ${expected.length}`);
  const cells = mergeCells(expected, [observed], minExpected);
  let statistic = 0;
  for (const c of cells) {
    const o = c.obs[0]!;
    statistic += c.weight === 0 ? (o === 0 ? 0 : Infinity) : ((o - c.weight) * (o - c.weight)) / c.weight;
  }
  return { statistic, df: cells.length - 1, groups: cells.map((c) => c.members) };
}

/**
 * Two-sample χ² homogeneity test of two histograms over the same cells (a
 * 2×K contingency table), merging cells until each sample's expected count
 * under the pooled distribution is ≥ minExpected.
 */
export function twoSampleChiSquare(a: ArrayLike<number>, b: ArrayLike<number>, minExpected = 100): ChiSquareResult {
  if (a.length !== b.length) throw new RangeError(`histograms have ${a.length} and ${b.length} cells`);
  const na = sum(a);
  const nb = sum(b);
  positive('first sample size', na);
  positive('second sample size', nb);
  const scale = Math.min(na, nb) / (na + nb);
  const pooled = Float64Array.from({ length: a.length }, (_, k) => (a[k]! + b[k]!) * scale);
  const cells = mergeCells(pooled, [a, b], minExpected).filter((c) => c.weight > 0);
  let statistic = 0;
  for (const c of cells) {
    const total = c.obs[0]! + c.obs[1]!;
    const ea = (na * total) / (na + nb);
    const eb = (nb * total) / (na + nb);
    statistic += (c.obs[0]! - ea) ** 2 / ea + (c.obs[1]! - eb) ** 2 / eb;
  }
  return { statistic, df: Math.max(cells.length - 1, 0), groups: cells.map((c) => c.members) };
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/** Total-variation distance ½ Σ |p_k − q_k| between two distributions on the same cells. */
export function tv(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`distributions have ${p.length} and ${q.length} cells`);
  let s = 0;
  for (let k = 0; k < p.length; k++) s += Math.abs(p[k]! - q[k]!);
  return 0.5 * s;
}

/** Counts divided by their total. */
export function normalise(counts: ArrayLike<number>): Float64Array {
  const n = sum(counts);
  positive('total', n);
  return Float64Array.from({ length: counts.length }, (_, k) => counts[k]! / n);
}

/** Expected counts n·p_k. */
export function expectedCounts(p: ArrayLike<number>, n: number): Float64Array {
  return Float64Array.from({ length: p.length }, (_, k) => n * p[k]!);
}

/** Max-shifted log Σ e^(x_k), −∞ for an empty or all −∞ input. */
export function logSumExp(x: ArrayLike<number>): number {
  let max = -Infinity;
  for (let k = 0; k < x.length; k++) if (x[k]! > max) max = x[k]!;
  if (max === -Infinity || max === Infinity) return max;
  let s = 0;
  for (let k = 0; k < x.length; k++) s += Math.exp(x[k]! - max);
  return max + Math.log(s);
}

/** Probabilities from an enumerated log-probability (or negative-energy) table: e^(x_k − lse(x)). */
export function probabilitiesFromLog(logp: ArrayLike<number>): Float64Array {
  const z = logSumExp(logp);
  if (!Number.isFinite(z)) throw new RangeError(`log-probability table has no finite mass (log-sum-exp ${z})`);
  return Float64Array.from({ length: logp.length }, (_, k) => Math.exp(logp[k]! - z));
}

/**
 * Histogram of binary state rows: row r (`states[r·nUnits .. +nUnits]`)
 * falls in cell Σ_i s_i·2^i (bit i = unit i). Returns 2^nUnits counts.
 */
export function histogram(states: ArrayLike<number>, nUnits: number): Float64Array {
  if (!Number.isInteger(nUnits) || nUnits < 1 || nUnits > 24) throw new RangeError(`nUnits must be an integer in [1, 24], got ${nUnits}`);
  if (states.length % nUnits !== 0) throw new RangeError(`states length ${states.length} is not a multiple of ${nUnits}`);
  const counts = new Float64Array(2 ** nUnits);
  for (let r = 0; r < states.length / nUnits; r++) {
    let index = 0;
    for (let i = 0; i < nUnits; i++) {
      const s = states[r * nUnits + i];
      if (s !== 0 && s !== 1) throw new RangeError(`state row ${r}, unit ${i} is ${s}, not 0 or 1`);
      index |= s << i;
    }
    counts[index]! += 1;
  }
  return counts;
}

/** Binary state rows (Float64Array, nUnits per row) of cell indices, bit i = unit i. */
export function statesFromIndices(indices: ArrayLike<number>, nUnits: number): Float64Array {
  const out = new Float64Array(indices.length * nUnits);
  for (let r = 0; r < indices.length; r++) for (let i = 0; i < nUnits; i++) out[r * nUnits + i] = (indices[r]! >> i) & 1;
  return out;
}

/** The part of a stochnet Rng this module uses. */
export interface UniformSource {
  /** A uniform number in [0, 1). */
  nextDouble(): number;
}

/**
 * n iid cell indices drawn exactly from an enumerated log-probability table
 * by inverse CDF (binary search on the max-shifted cumulative weights; cells
 * of probability 0 are never drawn). One uniform per draw.
 */
export function sampleExact(logp: ArrayLike<number>, n: number, rng: UniformSource): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const z = logSumExp(logp);
  if (!Number.isFinite(z)) throw new RangeError(`log-probability table has no finite mass (log-sum-exp ${z})`);
  const cdf = new Float64Array(logp.length);
  let acc = 0;
  for (let k = 0; k < logp.length; k++) {
    acc += Math.exp(logp[k]! - z);
    cdf[k] = acc;
  }
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const u = rng.nextDouble() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[r] = lo;
  }
  return out;
}

/** What a failing statistical assertion reports (TESTING.md B.8). */
export interface FailureReport {
  /** The test's id and check, e.g. `'S2 chi-square'`. */
  readonly test: string;
  /** The observed statistic. */
  readonly statistic: number;
  /** The threshold it must stay below. */
  readonly threshold: number;
  /** Number of draws. */
  readonly n: number;
  /** False-failure rate of the threshold. */
  readonly alpha: number;
  /** The fixed seed. */
  readonly seed: string | number;
  /** Observed counts per cell, if any. */
  readonly observed?: ArrayLike<number>;
  /** Expected counts per cell, if any. */
  readonly expected?: ArrayLike<number>;
}

/** The report text: statistic, threshold, n, α, seed and the 5 worst cells by (O − E)²/E. */
export function formatFailure(report: FailureReport): string {
  const lines = [
    `${report.test}: statistic ${report.statistic.toPrecision(6)} vs threshold ${report.threshold.toPrecision(6)}` +
      ` (n = ${report.n}, alpha = ${report.alpha}, seed = ${JSON.stringify(report.seed)})`,
  ];
  const { observed, expected } = report;
  if (observed !== undefined && expected !== undefined) {
    const width = Math.max(1, Math.ceil(Math.log2(Math.max(2, observed.length))));
    const cells = Array.from({ length: observed.length }, (_, k) => {
      const e = expected[k]!;
      const d = observed[k]! - e;
      return { k, o: observed[k]!, e, c: e === 0 ? (d === 0 ? 0 : Infinity) : (d * d) / e };
    });
    cells.sort((a, b) => b.c - a.c || a.k - b.k);
    lines.push('  cell (bits, unit 0 first)   observed   expected   (O-E)^2/E');
    for (const { k, o, e, c } of cells.slice(0, 5)) {
      const bits = k.toString(2).padStart(width, '0').split('').reverse().join('');
      lines.push(`  ${String(k).padStart(5)} ${bits.padEnd(20)} ${String(o).padStart(10)} ${e.toFixed(2).padStart(10)} ${c.toPrecision(4).padStart(11)}`);
    }
  }
  return lines.join('\n');
}

/** Throws an Error carrying {@link formatFailure}'s text unless statistic ≤ threshold. */
export function assertBelow(report: FailureReport): void {
  if (!(report.statistic <= report.threshold)) throw new Error(formatFailure(report));
}
