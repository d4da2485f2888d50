/**
 * Enumeration of the joint log-probability of a chain-graph plan over a set
 * of free units, the others clamped.
 *
 * @remarks
 * For a chain graph, log p(s) = Σ_C [ −E_C(s_C; pa) − log Z_C(pa) ] over
 * chain components C. At unit level: a unit with no undirected neighbour is
 * its own factor, log p(s_i | pa) = s_i·d_i − softplus(d_i) with
 * d_i = b_i + Σ_parents w_ij s_j; each connected piece C of the undirected
 * unit graph has log Z_C(pa) computed by enumeration (memoised per
 * configuration of its free parents). So
 * log p(s) = Σ_pairs W s s + Σ_i b_i s_i + Σ_{j→i} w_ij s_j s_i
 *          − Σ_{singletons} softplus(d_i) − Σ_C log Z_C(pa_C).
 * The walk visits the 2^|free| configurations in Gray-code order, updating
 * the energy, the fields and the parent keys incrementally (one flip per
 * step), with a full recomputation every 4096 states.
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import { sigmoid, softplus } from '../numerics.js';
import { checkStates, ctz, Part } from './enumerate.js';
import type { UnitGraph } from './unit-graph.js';

const REFRESH = 4096;

/** A connected undirected piece of the chain graph. */
interface Piece {
  readonly part: Part;
  /** Bit value of each free parent, by global unit (0 when not a free parent). */
  key: number;
  readonly hasParents: boolean;
  readonly memo: Map<number, Cached>;
}

interface Cached {
  readonly logZ: number;
  /** E[s_k | pa] per local unit, then E[s_a s_b | pa] per part pair; null until asked. */
  moments: Float64Array | null;
}

/** @internal Walks log p over the configurations of the free units. */
export class JointWalker {
  /** The current full state. */
  readonly x: Float64Array;
  /** Number of configurations, 2^|free|. */
  readonly states: number;
  /** Index of the current configuration: bit j = free[j]. */
  index = 0;
  private readonly d: Float64Array;
  private readonly g: Float64Array;
  private negE = 0;
  private readonly singles: Int32Array;
  private readonly varying: Int32Array;
  /** 1 for singletons with a free parent: their softplus(d) is cached in `sp`. */
  private readonly isVarying: Uint8Array;
  private readonly sp: Float64Array;
  private readonly constSingles: Int32Array;
  private readonly pow2: Float64Array;
  private constSoftplus = 0;
  private readonly pieces: Piece[];
  /** Per unit: CSR of (piece, bit value) for the pieces it is a free parent of. */
  private readonly fpPtr: Int32Array;
  private readonly fpPiece: Int32Array;
  private readonly fpBit: Float64Array;

  constructor(
    private readonly graph: UnitGraph,
    private readonly vals: Float64Array,
    private readonly bias: Float64Array,
    private readonly free: Int32Array,
    fn: string,
    maxStates: number,
  ) {
    const g = graph;
    const n = g.n;
    checkStates(fn, 2 ** free.length, maxStates, free.length);
    this.states = 2 ** free.length;
    const bitOf = new Float64Array(n).fill(-1);
    free.forEach((u, j) => (bitOf[u] = 2 ** j));
    this.x = new Float64Array(n);
    this.d = new Float64Array(n);
    this.g = new Float64Array(n);
    const singles: number[] = [];
    const varying: number[] = [];
    this.pieces = [];
    const fp: [number, number, number][] = [];
    g.components.forEach((units, c) => {
      if (units.length === 1) {
        const u = units[0]!;
        singles.push(u);
        let v = false;
        for (let p = g.parents.ptr[u]!; p < g.parents.ptr[u + 1]!; p++) if (bitOf[g.parents.idx[p]!]! > 0) v = true;
        if (v) varying.push(u);
        return;
      }
      const part = new Part(g, units, g.componentPairs[c]!);
      checkStates(fn, part.states, maxStates, part.nS);
      const parents = new Set<number>();
      for (const u of units) {
        for (let p = g.parents.ptr[u]!; p < g.parents.ptr[u + 1]!; p++) {
          const j = g.parents.idx[p]!;
          if (g.component[j] === c) {
            throw new GraphStructureError(`a directed coupling joins units ${j} and ${u} of one undirected component; directed couplings must join chain components`, {
              units: [j, u],
            });
          }
          parents.add(j);
        }
      }
      const k = this.pieces.length;
      let bit = 1;
      for (const j of [...parents].sort((a, b) => a - b)) {
        if (bitOf[j]! < 0) continue;
        fp.push([j, k, bit]);
        bit *= 2;
      }
      this.pieces.push({ part, key: 0, hasParents: parents.size > 0, memo: new Map() });
    });
    this.singles = Int32Array.from(singles);
    this.varying = Int32Array.from(varying);
    this.isVarying = new Uint8Array(n);
    for (const u of varying) this.isVarying[u] = 1;
    this.sp = new Float64Array(n);
    this.constSingles = Int32Array.from(singles.filter((u) => this.isVarying[u] === 0));
    this.pow2 = Float64Array.from(free, (_, j) => 2 ** j);
    fp.sort((a, b) => a[0] - b[0]);
    this.fpPtr = new Int32Array(n + 1);
    for (const [j] of fp) this.fpPtr[j + 1]!++;
    for (let u = 0; u < n; u++) this.fpPtr[u + 1]! += this.fpPtr[u]!;
    this.fpPiece = Int32Array.from(fp, (e) => e[1]);
    this.fpBit = Float64Array.from(fp, (e) => e[2]);
  }

  /** Sets the clamped units from `state` (free units start at 0) and recomputes everything. */
  reset(state: ArrayLike<number>): void {
    for (let u = 0; u < this.graph.n; u++) this.x[u] = state[u]!;
    for (const u of this.free) this.x[u] = 0;
    this.index = 0;
    for (const pc of this.pieces) if (pc.hasParents) pc.memo.clear();
    this.refresh();
    this.constSoftplus = 0;
    for (const u of this.constSingles) this.constSoftplus += softplus(this.d[u]!);
  }

  private refresh(): void {
    const { graph: G, vals, x, d, g } = this;
    const n = G.n;
    let e = 0;
    for (let u = 0; u < n; u++) {
      let du = this.bias[u]!;
      for (let p = G.parents.ptr[u]!; p < G.parents.ptr[u + 1]!; p++) du += vals[G.parents.par[p]!]! * x[G.parents.idx[p]!]!;
      d[u] = du;
      e += du * x[u]!;
    }
    for (let q = 0; q < G.pairA.length; q++) e += vals[G.pairP1[q]!]! * x[G.pairA[q]!]! * x[G.pairB[q]!]!;
    this.negE = e;
    for (let u = 0; u < n; u++) {
      let gu = d[u]!;
      for (let p = G.undirected.ptr[u]!; p < G.undirected.ptr[u + 1]!; p++) gu += vals[G.undirected.par[p]!]! * x[G.undirected.idx[p]!]!;
      for (let p = G.children.ptr[u]!; p < G.children.ptr[u + 1]!; p++) gu += vals[G.children.par[p]!]! * x[G.children.idx[p]!]!;
      g[u] = gu;
    }
    for (let k = 0; k < this.varying.length; k++) this.sp[this.varying[k]!] = softplus(d[this.varying[k]!]!);
    for (const pc of this.pieces) pc.key = 0;
    for (let u = 0; u < n; u++) {
      if (x[u] === 0) continue;
      for (let p = this.fpPtr[u]!; p < this.fpPtr[u + 1]!; p++) this.pieces[this.fpPiece[p]!]!.key += this.fpBit[p]!;
    }
  }

  /** Moves from configuration t−1 to t (t ≥ 1). */
  advance(t: number): void {
    const j = ctz(t);
    const u = this.free[j]!;
    const { graph: G, vals, x, d, g } = this;
    const sign = x[u] === 1 ? -1 : 1;
    this.negE += sign * g[u]!;
    x[u] = 1 - x[u]!;
    this.index += sign * this.pow2[j]!;
    if (t % REFRESH === 0) {
      this.refresh();
      return;
    }
    for (let p = G.undirected.ptr[u]!; p < G.undirected.ptr[u + 1]!; p++) g[G.undirected.idx[p]!]! += sign * vals[G.undirected.par[p]!]!;
    for (let p = G.parents.ptr[u]!; p < G.parents.ptr[u + 1]!; p++) g[G.parents.idx[p]!]! += sign * vals[G.parents.par[p]!]!;
    for (let p = G.children.ptr[u]!; p < G.children.ptr[u + 1]!; p++) {
      const c = G.children.idx[p]!;
      const w = sign * vals[G.children.par[p]!]!;
      g[c]! += w;
      d[c]! += w;
      if (this.isVarying[c] === 1) this.sp[c] = softplus(d[c]!);
    }
    for (let p = this.fpPtr[u]!; p < this.fpPtr[u + 1]!; p++) this.pieces[this.fpPiece[p]!]!.key += sign * this.fpBit[p]!;
  }

  private cached(pc: Piece, withMoments: boolean): Cached {
    let c = pc.memo.get(pc.key);
    const part = pc.part;
    if (c === undefined || (withMoments && c.moments === null)) {
      for (let k = 0; k < part.units.length; k++) part.d[k] = this.d[part.units[k]!]!;
      if (c === undefined) {
        c = { logZ: part.logZ(this.vals), moments: null };
        pc.memo.set(pc.key, c);
      }
      if (withMoments) {
        const m = part.units.length;
        const mom = new Float64Array(m + part.pairA.length);
        part.moments(this.vals, c.logZ, mom.subarray(0, m), mom.subarray(m), null);
        c.moments = mom;
      }
    }
    return c;
  }

  /** log p(x) of the current configuration. */
  logProb(): number {
    let lp = this.negE - this.constSoftplus;
    const { varying, sp } = this;
    for (let k = 0; k < varying.length; k++) lp -= sp[varying[k]!]!;
    for (const pc of this.pieces) lp -= this.cached(pc, false).logZ;
    return lp;
  }

  /**
   * Adds w·∂log p(x)/∂θ at the current configuration: for a singleton unit
   * r = x_i − σ(d_i) on its bias and x_j·r on each parent weight; for a
   * piece, x_i − E[x_i | pa] and x_j(x_i − E[x_i | pa]), and
   * x_a x_b − E[x_a x_b | pa] on both entries of each pair's weight.
   */
  accumulate(w: number, gBias: Float64Array, gParam: Float64Array): void {
    const { graph: G, x } = this;
    for (const u of this.singles) this.residual(u, w * (x[u]! - sigmoid(this.d[u]!)), gBias, gParam);
    for (const pc of this.pieces) {
      const part = pc.part;
      const mom = this.cached(pc, true).moments!;
      const m = part.units.length;
      for (let k = 0; k < m; k++) this.residual(part.units[k]!, w * (x[part.units[k]!]! - mom[k]!), gBias, gParam);
      for (let e = 0; e < part.pairQ.length; e++) {
        const q = part.pairQ[e]!;
        const r = w * (x[G.pairA[q]!]! * x[G.pairB[q]!]! - mom[m + e]!);
        gParam[G.pairP1[q]!]! += r;
        if (G.pairP2[q]! >= 0) gParam[G.pairP2[q]!]! += r;
      }
    }
  }

  /** Adds a weighted residual r of unit u to its bias and r·x_j to each parent weight. */
  private residual(u: number, r: number, gBias: Float64Array, gParam: Float64Array): void {
    const { graph: G, x } = this;
    gBias[u]! += r;
    for (let p = G.parents.ptr[u]!; p < G.parents.ptr[u + 1]!; p++) gParam[G.parents.par[p]!]! += x[G.parents.idx[p]!]! * r;
  }
}
