/**
 * Sparse unit-pair lists: canonical order, lookup and copy-on-write insertion.
 *
 * @module
 */
import { ValidationError } from './errors.js';
import type { CouplingParams } from './types.js';

/** One unit pair of a sparse coupling: `[row in from, col in to, weight]`. */
export type SparsePair = readonly [row: number, col: number, weight: number];

const INT32_MAX = 2 ** 31 - 1;

/**
 * Puts pairs in the stored order: lateral pairs (an undirected coupling of a
 * group with itself) swapped to row ≤ col, then sorted by (row, col).
 * Duplicates, self-pairs and ranges are left for validation to report.
 *
 * @param coupling - the coupling id, for messages
 * @param pairs - the pairs, in any order
 * @param lateral - whether the coupling is undirected within one group
 * @returns fresh parallel arrays
 * @throws {@link ValidationError} when a pair is not `[integer, integer, number]`
 *
 * @internal
 */
export function canonicalPairs(coupling: string, pairs: readonly SparsePair[], lateral: boolean): Required<Pick<CouplingParams, 'weights' | 'rows' | 'cols'>> {
  if (!Array.isArray(pairs)) {
    throw new ValidationError(`sparse pairs of coupling '${coupling}' must be an array of [row, col, weight]`, { coupling, option: 'sparse' });
  }
  const order: { r: number; c: number; w: number }[] = [];
  pairs.forEach((p: unknown, k) => {
    const ok =
      Array.isArray(p) &&
      p.length === 3 &&
      Number.isInteger(p[0]) && p[0] >= 0 && p[0] <= INT32_MAX &&
      Number.isInteger(p[1]) && p[1] >= 0 && p[1] <= INT32_MAX &&
      typeof p[2] === 'number';
    if (!ok) {
      throw new ValidationError(
        `sparse pair ${k} of coupling '${coupling}' must be [row, col, weight] with non-negative integer indices and a number weight, got ${JSON.stringify(p)}`,
        { coupling, pair: k },
      );
    }
    const [r, c, w] = p as unknown as SparsePair;
    order.push(lateral && r > c ? { r: c, c: r, w } : { r, c, w });
  });
  order.sort((a, b) => a.r - b.r || a.c - b.c);
  const rows = new Int32Array(order.length), cols = new Int32Array(order.length), weights = new Float64Array(order.length);
  order.forEach((p, k) => {
    rows[k] = p.r;
    cols[k] = p.c;
    weights[k] = p.w;
  });
  return { rows, cols, weights };
}

/**
 * Where pair (r, c) is in sorted parallel arrays.
 *
 * @returns its index, or `-(insertion point) - 1` when absent
 *
 * @internal
 */
export function findPair(rows: Int32Array, cols: Int32Array, r: number, c: number): number {
  let lo = 0, hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = rows[mid]! - r || cols[mid]! - c;
    if (d === 0) return mid;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/**
 * New sparse parameters with pair (r, c) inserted at its sorted place.
 *
 * @param at - the insertion point (from {@link findPair}: `-result - 1`)
 *
 * @internal
 */
export function insertPair(p: CouplingParams, at: number, r: number, c: number, w: number): CouplingParams {
  const n = p.weights.length;
  const rows = new Int32Array(n + 1), cols = new Int32Array(n + 1), weights = new Float64Array(n + 1);
  for (const [dst, src, v] of [[rows, p.rows!, r], [cols, p.cols!, c], [weights, p.weights, w]] as const) {
    dst.set(src.subarray(0, at));
    dst[at] = v;
    dst.set(src.subarray(at), at + 1);
  }
  return { rows, cols, weights };
}
