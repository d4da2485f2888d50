/**
 * The posterior-Gibbs kernel for directed nets: one sweep of single-site
 * Markov-blanket updates over many chains, with cached pre-activations
 * updated by rank-1 changes when a unit flips; and the checks that evidence
 * has positive probability.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { blockFieldInto, FieldWorkspace, logBernoulli, logSigmoid, sigmoid } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { ZeroProbabilityEvidenceError } from './errors.js';
import type { ResolvedEvidence } from './evidence.js';
import type { DirectedUnitGraph } from './posterior-graph.js';
import { gatherWeights } from './posterior-graph.js';
import { stateBuffer } from './sample-options.js';
import { fillUniforms } from './uniforms.js';

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
    this.field = stateBuffer(plan, chains * maxBlock);
    this.fieldWs = new FieldWorkspace(plan, chains);
    this.u = new Float64Array(chains);
    this.p = new Float64Array(chains);
    this.bits = new Uint8Array(chains);
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
  for (let b = 0; b < plan.blocks.length; b++) {
    const blk = plan.blocks[b]!;
    const m = blk.size;
    const field = ws.field.subarray(0, chains * m);
    blockFieldInto(field, plan, states, chains, b, { workspace: ws.fieldWs });
    for (let c = 0; c < chains; c++) for (let i = 0; i < m; i++) ws.act[c * n + blk.offset + i] = field[c * m + i]!;
  }
}

/**
 * @internal One sweep over `order` for every chain; returns the number of
 * flips. Needs `refreshActivations` first.
 *
 * @remarks
 * For unit i with current value s_i and child k (pre-activation a_k, which
 * includes s_i·w_ik): a_k¹ = a_k + (1 − s_i)·w_ik, a_k⁰ = a_k − s_i·w_ik, and
 * logit_i = a_i + Σ_k [log p(s_k | a_k¹) − log p(s_k | a_k⁰)]. A child whose
 * value is impossible either way (both terms −∞) adds nothing; a unit whose
 * two values are both impossible keeps its value. The draw goes through the
 * backend's bernoulli kernel, one uniform per chain from that chain's stream.
 * A flip adds (s_new − s_old)·w_ik to each child's a_k: O(children).
 */
export function sweep(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray, order: Int32Array, rngs: readonly Rng[]): number {
  const plan = ws.plan;
  const chains = ws.chains;
  const n = plan.size;
  const { act, weights: w, u, p, bits } = ws;
  const { childPtr, child } = g;
  let flips = 0;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    const e0 = childPtr[i]!;
    const e1 = childPtr[i + 1]!;
    fillUniforms(u, rngs, 1);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const si = states[base + i]!;
      let logit = act[base + i]!;
      for (let e = e0; e < e1; e++) {
        const k = base + child[e]!;
        const ak = act[k]!;
        const a1 = si === 1 ? ak : ak + w[e]!;
        const a0 = si === 1 ? ak - w[e]! : ak;
        const t = states[k] === 1 ? logSigmoid(a1) - logSigmoid(a0) : logSigmoid(-a1) - logSigmoid(-a0);
        if (t === t) logit += t;
      }
      p[c] = logit === logit ? sigmoid(logit) : si;
    }
    plan.backend.bernoulli(bits, p, u, chains);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const d = bits[c]! - states[base + i]!;
      if (d === 0) continue;
      states[base + i] = bits[c]!;
      flips++;
      for (let e = e0; e < e1; e++) act[base + child[e]!]! += d * w[e]!;
    }
  }
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
