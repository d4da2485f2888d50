/**
 * The undirected graph of a plan restricted to a set of free units (the
 * others clamped through external fields), split into independent pieces:
 * log Z and moments of the free units, exactly.
 *
 * @module
 */
import { sigmoid, softplus } from '../numerics.js';
import { Part } from './enumerate.js';
import type { UnitGraph } from './unit-graph.js';

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
