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
export function formatStates(n: number): string {
  const k = Math.log2(n);
  return Number.isInteger(k) ? `2^${k}` : String(n);
}

/** @internal Throws a TooLargeError when `states` exceeds `limit`. */
export function checkStates(fn: string, states: number, limit: number): void {
  if (states <= limit) return;
  throw new TooLargeError(
    `${fn}: ${formatStates(states)} states exceeds limit ${formatStates(limit)}; use a smaller model, a sampling estimator, or raise option maxStates`,
    { function: fn, states, limit, option: 'maxStates' },
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
    const deg = new Int32Array(m);
    for (const q of pairIds) {
      deg[local.get(g.pairA[q]!)!]!++;
      deg[local.get(g.pairB[q]!)!]!++;
    }
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => deg[a]! - deg[b]! || a - b);
    const inR = new Uint8Array(m);
    const adj: number[][] = Array.from({ length: m }, () => []);
    for (const q of pairIds) {
      const a = local.get(g.pairA[q]!)!;
      const b = local.get(g.pairB[q]!)!;
      adj[a]!.push(b);
      adj[b]!.push(a);
    }
    for (const i of order) if (adj[i]!.every((j) => inR[j] === 0)) inR[i] = 1;
    const sOrder = order.filter((i) => inR[i] === 0).sort((a, b) => a - b);
    const rOrder = order.filter((i) => inR[i] === 1).sort((a, b) => a - b);
    const perm = [...sOrder, ...rOrder];
    const pos = new Int32Array(m);
    perm.forEach((i, p) => (pos[i] = p));
    this.units = Int32Array.from(perm, (i) => members[i]!);
    this.nS = sOrder.length;
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

/** @internal Pieces of the undirected graph restricted to a set of free units. */
export class UndirectedEnumerator {
  /** Connected pieces with at least one pair. */
  readonly parts: readonly Part[];
  /** Free units with no free undirected neighbour (summed analytically). */
  readonly singles: Int32Array;
  /** Total configurations enumerated for one log Z. */
  readonly states: number;

  /**
   * @param g - the unit graph
   * @param free - the free units (null: all); the others are clamped through `d`
   */
  constructor(g: UnitGraph, free: Int32Array | null) {
    const n = g.n;
    const isFree = new Uint8Array(n);
    if (free === null) isFree.fill(1);
    else for (const u of free) isFree[u] = 1;
    const root = new Int32Array(n);
    for (let u = 0; u < n; u++) root[u] = u;
    const find = (u: number): number => {
      while (root[u] !== u) u = root[u] = root[root[u]!]!;
      return u;
    };
    const freePairs: number[] = [];
    for (let q = 0; q < g.pairA.length; q++) {
      const a = g.pairA[q]!;
      const b = g.pairB[q]!;
      if (isFree[a] === 0 || isFree[b] === 0) continue;
      freePairs.push(q);
      const x = find(a);
      const y = find(b);
      if (x !== y) root[Math.max(x, y)] = Math.min(x, y);
    }
    const members = new Map<number, number[]>();
    const pairsOf = new Map<number, number[]>();
    for (const q of freePairs) {
      const r = find(g.pairA[q]!);
      let l = pairsOf.get(r);
      if (l === undefined) pairsOf.set(r, (l = []));
      l.push(q);
    }
    const singles: number[] = [];
    for (let u = 0; u < n; u++) {
      if (isFree[u] === 0) continue;
      const r = find(u);
      if (!pairsOf.has(r)) {
        singles.push(u);
        continue;
      }
      let l = members.get(r);
      if (l === undefined) members.set(r, (l = []));
      l.push(u);
    }
    this.parts = [...members.entries()].map(([r, l]) => new Part(g, Int32Array.from(l), Int32Array.from(pairsOf.get(r)!)));
    this.singles = Int32Array.from(singles);
    this.states = this.parts.reduce((a, p) => a + p.states, this.singles.length);
  }

  /** log Z of the free units under global external fields `d` (length n). */
  logZ(vals: Float64Array, d: Float64Array): number {
    let z = 0;
    for (const u of this.singles) z += softplus(d[u]!);
    for (const p of this.parts) {
      for (let k = 0; k < p.units.length; k++) p.d[k] = d[p.units[k]!]!;
      z += p.logZ(vals);
    }
    return z;
  }

  /**
   * Writes E[s_u] of every free unit into `mean` (global index), E[s_a s_b] of
   * every pair inside a part into `pair` (global pair index) and, when given,
   * E[s_a s_b] of every pair of free units into `second` (n×n). Returns log Z.
   */
  moments(vals: Float64Array, d: Float64Array, mean: Float64Array, pair: Float64Array | null, second: Float64Array | null): number {
    const n = d.length;
    let z = 0;
    for (const u of this.singles) {
      z += softplus(d[u]!);
      mean[u] = sigmoid(d[u]!);
    }
    for (const p of this.parts) {
      const m = p.units.length;
      for (let k = 0; k < m; k++) p.d[k] = d[p.units[k]!]!;
      const lz = p.logZ(vals);
      z += lz;
      const pm = new Float64Array(m);
      const pp = new Float64Array(p.pairA.length);
      const ps = second === null ? null : new Float64Array(m * m);
      p.moments(vals, lz, pm, pp, ps);
      for (let k = 0; k < m; k++) mean[p.units[k]!] = pm[k]!;
      if (pair !== null) for (let e = 0; e < pp.length; e++) pair[p.pairQ[e]!] = pp[e]!;
      if (ps !== null && second !== null) {
        for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) second[p.units[a]! * n + p.units[b]!] = ps[a * m + b]!;
      }
    }
    if (second !== null) this.crossMoments(mean, second, n);
    return z;
  }

  /** Free units in different pieces are independent: E[s_a s_b] = E[s_a]·E[s_b]. */
  private crossMoments(mean: Float64Array, second: Float64Array, n: number): void {
    const piece = new Map<number, number>();
    this.singles.forEach((u, i) => piece.set(u, -1 - i));
    this.parts.forEach((p, i) => p.units.forEach((u) => piece.set(u, i)));
    for (const [a, pa] of piece) {
      for (const [b, pb] of piece) {
        if (a === b) second[a * n + a] = mean[a]!;
        else if (pa !== pb || pa < 0) second[a * n + b] = mean[a]! * mean[b]!;
      }
    }
  }
}
