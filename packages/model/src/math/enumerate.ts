/**
 * Exact enumeration of undirected pieces of a plan: the size limit, and log Z
 * and moments of a set of units joined by undirected couplings under fixed
 * external fields, enumerating as few units as it can.
 *
 * @remarks
 * Within a connected piece, a greedy independent set R (lowest degree first)
 * is summed out analytically and only the rest S is enumerated, in Gray-code
 * order with incremental fields:
 * log Z = lse over s_S of [ Σ_{pairs in S} W s s + Σ_{k∈S} d_k s_k + Σ_{r∈R} softplus(d_r + Σ_{k∈S} W_rk s_k) ].
 * For an RBM this enumerates the smaller side and sums out the larger.
 * Fields are recomputed from scratch every 4096 states to bound drift.
 *
 * @module
 */
import { TooLargeError } from '@stochnet/graph';
import { sigmoid, softplus } from '../numerics.js';
import type { UnitGraph } from './unit-graph.js';

const REFRESH = 4096;

/** @internal "2^k" for powers of two, the decimal number otherwise. */
function formatStates(n: number): string {
  if (!Number.isFinite(n)) return 'more than 2^1023';
  const k = Math.log2(n);
  return Number.isInteger(k) ? `2^${k}` : String(n);
}

/**
 * @internal Throws a TooLargeError when `states` exceeds `limit`; `bits`, when
 * known, names the count exactly as 2^bits (even beyond float range).
 */
export function checkStates(fn: string, states: number, limit: number, bits?: number): void {
  if (states <= limit) return;
  const count = bits === undefined ? formatStates(states) : `2^${bits}`;
  throw new TooLargeError(
    `${fn}: ${count} states exceeds limit ${formatStates(limit)}; use a smaller model, a sampling estimator, or raise option maxStates`,
    { function: fn, states, ...(bits === undefined ? {} : { bits }), limit, option: 'maxStates' },
  );
}

/** @internal Number of trailing zero bits of a positive safe integer. */
export function ctz(t: number): number {
  const lo = t % 4294967296;
  if (lo !== 0) {
    const x = lo | 0;
    return 31 - Math.clz32(x & -x);
  }
  const hi = Math.floor(t / 4294967296) | 0;
  return 63 - Math.clz32(hi & -hi);
}

/**
 * An independent set R of the graph `adj` to sum out analytically (1 = in R):
 * the larger of a greedy lowest-degree-first set and, when the graph is
 * bipartite, the larger colour class (so an RBM, masked or sparse, sums out
 * its larger side and enumerates the smaller).
 */
function summedOut(adj: readonly (readonly number[])[]): Uint8Array {
  const m = adj.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => adj[a]!.length - adj[b]!.length || a - b);
  const greedy = new Uint8Array(m);
  for (const i of order) if (adj[i]!.every((j) => greedy[j] === 0)) greedy[i] = 1;
  const colour = new Int8Array(m).fill(-1);
  for (let s = 0; s < m; s++) {
    if (colour[s] !== -1) continue;
    colour[s] = 0;
    const queue = [s];
    while (queue.length > 0) {
      const u = queue.pop()!;
      for (const v of adj[u]!) {
        if (colour[v] === -1) {
          colour[v] = 1 - colour[u]!;
          queue.push(v);
        } else if (colour[v] === colour[u]) return greedy;
      }
    }
  }
  const ones = colour.reduce((a, c) => a + c, 0);
  const side = ones * 2 >= m ? 1 : 0;
  const count = greedy.reduce((a, b) => a + b, 0);
  if (Math.max(ones, m - ones) <= count) return greedy;
  return Uint8Array.from(colour, (c) => (c === side ? 1 : 0));
}

/** @internal One connected set of units, enumerated over S with R summed out. */
export class Part {
  /** Global unit indices, the enumerated units S first, then R. */
  readonly units: Int32Array;
  /** Number of enumerated units. */
  readonly nS: number;
  /** Number of configurations enumerated, 2^nS. */
  readonly states: number;
  /** Pairs inside the part: local ends and global pair index. */
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly pairQ: Int32Array;
  /** External field of each local unit; the caller fills it before each use. */
  readonly d: Float64Array;
  private readonly ptr: Int32Array;
  private readonly nbr: Int32Array;
  private readonly par: Int32Array;
  private readonly s: Uint8Array;
  private readonly h: Float64Array;
  private readonly u: Float64Array;
  private negE = 0;

  constructor(g: UnitGraph, members: Int32Array, pairIds: Int32Array) {
    const m = members.length;
    const local = new Map<number, number>();
    members.forEach((u, i) => local.set(u, i));
    const adj: number[][] = Array.from({ length: m }, () => []);
    for (const q of pairIds) {
      const a = local.get(g.pairA[q]!)!;
      const b = local.get(g.pairB[q]!)!;
      adj[a]!.push(b);
      adj[b]!.push(a);
    }
    const inR = summedOut(adj);
    const all = Array.from({ length: m }, (_, i) => i);
    const perm = [...all.filter((i) => inR[i] === 0), ...all.filter((i) => inR[i] === 1)];
    const pos = new Int32Array(m);
    perm.forEach((i, p) => (pos[i] = p));
    this.units = Int32Array.from(perm, (i) => members[i]!);
    this.nS = m - inR.reduce((a, b) => a + b, 0);
    this.states = 2 ** this.nS;
    this.pairA = new Int32Array(pairIds.length);
    this.pairB = new Int32Array(pairIds.length);
    this.pairQ = Int32Array.from(pairIds);
    const from: number[] = [];
    const to: number[] = [];
    const par: number[] = [];
    pairIds.forEach((q, e) => {
      const a = pos[local.get(g.pairA[q]!)!]!;
      const b = pos[local.get(g.pairB[q]!)!]!;
      this.pairA[e] = a;
      this.pairB[e] = b;
      from.push(a, b);
      to.push(b, a);
      par.push(g.pairP1[q]!, g.pairP1[q]!);
    });
    this.ptr = new Int32Array(m + 1);
    for (const a of from) this.ptr[a + 1]!++;
    for (let i = 0; i < m; i++) this.ptr[i + 1]! += this.ptr[i]!;
    const fill = this.ptr.slice(0, m);
    this.nbr = new Int32Array(from.length);
    this.par = new Int32Array(from.length);
    from.forEach((a, e) => {
      const p = fill[a]!++;
      this.nbr[p] = to[e]!;
      this.par[p] = par[e]!;
    });
    this.d = new Float64Array(m);
    this.s = new Uint8Array(this.nS);
    this.h = new Float64Array(m);
    this.u = new Float64Array(m);
  }

  /** Fields and energy of the current s_S, from scratch. */
  private refresh(vals: Float64Array): void {
    const { h, s, d, nS } = this;
    h.set(d);
    for (let k = 0; k < nS; k++) {
      if (s[k] === 0) continue;
      for (let p = this.ptr[k]!; p < this.ptr[k + 1]!; p++) h[this.nbr[p]!]! += vals[this.par[p]!]!;
    }
    let e = 0;
    for (let k = 0; k < nS; k++) if (s[k] === 1) e += (d[k]! + h[k]!) / 2;
    this.negE = e;
  }

  private begin(vals: Float64Array): void {
    this.s.fill(0);
    this.refresh(vals);
  }

  /** Moves from configuration t−1 to t (Gray code): flips bit ctz(t). */
  private advance(t: number, vals: Float64Array): void {
    const k = ctz(t);
    const sign = this.s[k] === 1 ? -1 : 1;
    this.negE += sign * this.h[k]!;
    this.s[k] = 1 - this.s[k]!;
    if (t % REFRESH === 0) {
      this.refresh(vals);
      return;
    }
    const h = this.h;
    for (let p = this.ptr[k]!; p < this.ptr[k + 1]!; p++) h[this.nbr[p]!]! += sign * vals[this.par[p]!]!;
  }

  private logWeight(): number {
    let lw = this.negE;
    for (let r = this.nS; r < this.units.length; r++) lw += softplus(this.h[r]!);
    return lw;
  }

  /** log Σ over the part's configurations of exp(−E), with external fields `d`. */
  logZ(vals: Float64Array): number {
    this.begin(vals);
    let max = -Infinity;
    let sum = 0;
    for (let t = 0; t < this.states; t++) {
      if (t > 0) this.advance(t, vals);
      const lw = this.logWeight();
      if (lw <= max) sum += Math.exp(lw - max);
      else {
        sum = sum * Math.exp(max - lw) + 1;
        max = lw;
      }
    }
    return max + Math.log(sum);
  }

  /**
   * Adds E[s_k] (local order) into `mean`, E[s_a s_b] of the part's pairs into
   * `pair` and, when given, all local second moments into `second` (m×m).
   */
  moments(vals: Float64Array, logZ: number, mean: Float64Array, pair: Float64Array | null, second: Float64Array | null): void {
    const m = this.units.length;
    const u = this.u;
    this.begin(vals);
    for (let t = 0; t < this.states; t++) {
      if (t > 0) this.advance(t, vals);
      const w = Math.exp(this.logWeight() - logZ);
      for (let k = 0; k < m; k++) u[k] = k < this.nS ? this.s[k]! : sigmoid(this.h[k]!);
      for (let k = 0; k < m; k++) mean[k]! += w * u[k]!;
      if (pair !== null) for (let e = 0; e < this.pairA.length; e++) pair[e]! += w * u[this.pairA[e]!]! * u[this.pairB[e]!]!;
      if (second !== null) {
        for (let a = 0; a < m; a++) {
          const wa = w * u[a]!;
          if (wa === 0) continue;
          for (let b = 0; b < m; b++) second[a * m + b]! += a === b ? wa : wa * u[b]!;
        }
      }
    }
  }
}
