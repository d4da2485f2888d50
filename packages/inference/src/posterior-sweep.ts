/**
 * The posterior-Gibbs kernel for directed nets: one sweep of single-site
 * Markov-blanket updates over many chains, with cached pre-activations
 * updated by rank-1 changes when a unit flips; and the checks that evidence
 * has positive probability.
 *
 * @module
 */
import { blockFieldInto, FieldWorkspace, logBernoulli, sigmoid } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { ZeroProbabilityEvidenceError } from './errors.js';
import type { ResolvedEvidence } from './evidence.js';
import type { DirectedUnitGraph } from './posterior-graph.js';
import { gatherWeights } from './posterior-graph.js';
import { stateBuffer } from './sample-options.js';
import type { AleaStreams } from './alea-streams.js';

/**
 * Scratch buffers of a posterior sampler, sized from its plan and chain
 * count: the cached pre-activations, edge weights and the per-unit uniforms,
 * probabilities and draws. Make one with {@link createPosteriorWorkspace} and
 * pass it to every {@link posteriorStep} so steps allocate nothing.
 */
export class PosteriorWorkspace {
  /** The plan the workspace was sized for. */
  readonly plan: Plan;
  /** The number of chains it was sized for. */
  readonly chains: number;
  /** @internal Pre-activations a_u = b_u + Σ_parents w s, chains × size, float64. */
  readonly act: Float64Array;
  /** @internal Child-edge weights in child CSR order. */
  readonly weights: Float64Array;
  /** @internal expm1(w) and expm1(−w) of each child edge. */
  readonly em1Pos: Float64Array;
  /** @internal */
  readonly em1Neg: Float64Array;
  /** @internal One block's fields for every chain, in the plan's dtype. */
  readonly field: FloatArray;
  /** @internal Scratch of blockFieldInto. */
  readonly fieldWs: FieldWorkspace;
  /** @internal Uniforms, probabilities and draws of one unit across chains. */
  readonly u: Float64Array;
  /** @internal */
  readonly p: Float64Array;
  /** @internal */
  readonly bits: Uint8Array;
  /** @internal The chains' states as bytes while a sweep runs, chains × size. */
  readonly s8: Uint8Array;

  /**
   * @param plan - the plan
   * @param chains - the number of chains
   * @param edges - the number of directed unit edges
   * @internal
   */
  constructor(plan: Plan, chains: number, edges: number) {
    this.plan = plan;
    this.chains = chains;
    const maxBlock = plan.blocks.reduce((m, b) => Math.max(m, b.size), 0);
    this.act = new Float64Array(chains * plan.size);
    this.weights = new Float64Array(edges);
    this.em1Pos = new Float64Array(edges);
    this.em1Neg = new Float64Array(edges);
    this.field = stateBuffer(plan, chains * maxBlock);
    this.fieldWs = new FieldWorkspace(plan, chains);
    this.u = new Float64Array(chains);
    this.p = new Float64Array(chains);
    this.bits = new Uint8Array(chains);
    this.s8 = new Uint8Array(chains * plan.size);
  }
}

/**
 * @internal Recomputes every pre-activation from scratch (bias + directed
 * parents, through blockFieldInto) and gathers the current child-edge
 * weights, so weight changes made between sweeps are always seen.
 */
export function refreshActivations(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray): void {
  const plan = ws.plan;
  const chains = ws.chains;
  const n = plan.size;
  gatherWeights(ws.weights, plan, g, g.childEdge);
  for (let e = 0; e < ws.weights.length; e++) {
    ws.em1Pos[e] = Math.expm1(ws.weights[e]!);
    ws.em1Neg[e] = Math.expm1(-ws.weights[e]!);
  }
  for (let b = 0; b < plan.blocks.length; b++) {
    const blk = plan.blocks[b]!;
    const m = blk.size;
    const field = ws.field.subarray(0, chains * m);
    blockFieldInto(field, plan, states, chains, b, { workspace: ws.fieldWs });
    for (let c = 0; c < chains; c++) for (let i = 0; i < m; i++) ws.act[c * n + blk.offset + i] = field[c * m + i]!;
  }
}

/** softplus(x) = log(1 + e^x), finite for finite x. */
function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * @internal One sweep over `order` for every chain; returns the number of
 * flips. Needs `refreshActivations` first.
 *
 * @remarks
 * For unit i with current value s_i and child k (pre-activation a_k, which
 * includes s_i·w_ik), the alternative pre-activation is a_k + Δ·w with
 * Δ = 1 − 2s_i, and D_k = log p(s_k | a_alt) − log p(s_k | a_k). Writing
 * log p(s_k | a) = −softplus(z) with z = a (s_k = 0) or −a (s_k = 1),
 * D_k = softplus(z) − softplus(z + δ) = −log1p(π·expm1(δ)), where π = σ(z)
 * is the probability of the value k does not hold and δ = ±w; expm1(±w) is
 * precomputed per edge, so a child costs one exp and one log1p (the direct
 * softplus difference is used when |w| > 30). Then logit_i = a_i +
 * Σ_k (s_i = 1 ? −D_k : D_k). A child impossible either way (z = +∞, only
 * with infinite parameters) adds nothing; a unit whose logit is NaN (both
 * values impossible) keeps its value. The draw goes through the backend's
 * bernoulli kernel, one uniform per chain from that chain's stream. A flip
 * adds (s_new − s_old)·w_ik to each child's a_k: O(children).
 */
export function sweep(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray, order: Int32Array, streams: AleaStreams): number {
  const plan = ws.plan;
  const chains = ws.chains;
  const n = plan.size;
  const { act, weights: w, em1Pos, em1Neg, u, p, bits, s8 } = ws;
  const { childPtr, child } = g;
  for (let x = 0; x < chains * n; x++) s8[x] = states[x]!;
  let flips = 0;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    const e0 = childPtr[i]!;
    const e1 = childPtr[i + 1]!;
    for (let c = 0; c < chains; c++) u[c] = streams.next(c);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const si = s8[base + i]!;
      let logit = act[base + i]!;
      for (let e = e0; e < e1; e++) {
        const k = base + child[e]!;
        const sk = s8[k]!;
        const z = sk === 1 ? -act[k]! : act[k]!;
        if (z === Infinity) continue;
        // δ = (1 − 2s_i)(1 − 2s_k)·w: +w when s_i = s_k, −w otherwise.
        const plus = si === sk;
        const wd = plus ? w[e]! : -w[e]!;
        let d: number;
        if (wd > 30 || wd < -30) d = softplus(z) - softplus(z + wd);
        else {
          const pi = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
          d = -Math.log1p(pi * (plus ? em1Pos[e]! : em1Neg[e]!));
        }
        if (d === d) logit += si === 1 ? -d : d;
      }
      p[c] = logit === logit ? sigmoid(logit) : si;
    }
    plan.backend.bernoulli(bits, p, u, chains);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const dlt = bits[c]! - s8[base + i]!;
      if (dlt === 0) continue;
      s8[base + i] = bits[c]!;
      flips++;
      for (let e = e0; e < e1; e++) act[base + child[e]!]! += dlt * w[e]!;
    }
  }
  for (let x = 0; x < chains * n; x++) states[x] = s8[x]!;
  return flips;
}

/**
 * @internal Static zero-probability check: for each observed unit o and each
 * evidence row, is p(s_o = value | parents) exactly 0 for EVERY
 * configuration of o's unobserved parents? Uses interval arithmetic on the
 * field: observed parents contribute w·value, unobserved ones [min(w, 0),
 * max(w, 0)].
 */
export function checkObservedPossible(fn: string, plan: Plan, g: DirectedUnitGraph, ev: ResolvedEvidence): void {
  const k = ev.units.length;
  if (k === 0) return;
  const w = new Float64Array(g.parentEdge.length);
  gatherWeights(w, plan, g, g.parentEdge);
  const col = new Int32Array(plan.size).fill(-1);
  ev.units.forEach((unit, j) => (col[unit] = j));
  for (let r = 0; r < ev.rows; r++) {
    for (let j = 0; j < k; j++) {
      const o = ev.units[j]!;
      const v = ev.values[r * k + j]!;
      let lo = plan.bias[o]!;
      let hi = lo;
      for (let e = g.parentPtr[o]!; e < g.parentPtr[o + 1]!; e++) {
        const pj = col[g.parent[e]!]!;
        if (pj >= 0) {
          const x = w[e]! * ev.values[r * k + pj]!;
          lo += x;
          hi += x;
        } else {
          lo += Math.min(w[e]!, 0);
          hi += Math.max(w[e]!, 0);
        }
      }
      if ((v === 1 && hi === -Infinity) || (v === 0 && lo === Infinity)) {
        throw new ZeroProbabilityEvidenceError(
          `${fn}: unit ${o} is observed as ${v}, but its CPD gives that value probability 0 for every value of its unobserved parents; the evidence is impossible under this model`,
          { function: fn, unit: o, value: v, row: r, reason: 'saturated-cpd' },
        );
      }
    }
  }
}

/**
 * @internal Checks that every chain's state has positive probability:
 * Σ_u log p(s_u | parents) > −∞, using refreshed pre-activations.
 */
export function checkStatesPossible(fn: string, ws: PosteriorWorkspace, states: FloatArray): void {
  const n = ws.plan.size;
  for (let c = 0; c < ws.chains; c++) {
    for (let u = 0; u < n; u++) {
      const lp = logBernoulli(ws.act[c * n + u]!, states[c * n + u]!);
      if (!(lp > -Infinity)) {
        throw new ZeroProbabilityEvidenceError(
          `${fn}: the initial state of chain ${c} has probability 0 (unit ${u}); the evidence is impossible, or (with infinite weights) pass init with a hidden state of positive probability`,
          { function: fn, chain: c, unit: u, reason: 'initial-state' },
        );
      }
    }
  }
}
