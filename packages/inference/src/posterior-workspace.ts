/**
 * Scratch buffers of the posterior-Gibbs sampler and the cache refresh that
 * starts every sweep.
 *
 * @module
 */
import { blockFieldInto, FieldWorkspace } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import type { DirectedUnitGraph } from './posterior-graph.js';
import { gatherWeights } from './posterior-graph.js';
import { stateBuffer } from './sample-options.js';

/**
 * Scratch buffers of a posterior sampler, sized from its plan and chain
 * count: the cached pre-activations and their logistic values, edge weights,
 * and the per-unit uniforms, probabilities and draws. Make one with
 * {@link createPosteriorWorkspace} and pass it to every {@link posteriorStep}
 * so steps allocate nothing. Memory: about 25 bytes per chain and unit, plus
 * 24 bytes per directed unit edge.
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { createPosteriorWorkspace, initPosterior, runPosterior } from '@stochnet/inference';
 * const state = initPosterior(compile(sbn([3, 2], { seed: 1 })), { chains: 16, seed: 2, evidence: [] });
 * const ws = createPosteriorWorkspace(state);
 * runPosterior(state, 3, ws);
 * console.log(ws.chains, ws.plan === state.plan); // 16 true
 * ```
 */
export class PosteriorWorkspace {
  /** The plan the workspace was sized for. */
  readonly plan: Plan;
  /** The number of chains it was sized for. */
  readonly chains: number;
  /** @internal Pre-activations a_u = b_u + Σ_parents w s, chains × size, float64. */
  readonly act: Float64Array;
  /** @internal σ(a_u), chains × size. */
  readonly pOn: Float64Array;
  /** @internal σ(−a_u), chains × size (computed directly, not as 1 − σ(a_u)). */
  readonly pOff: Float64Array;
  /** @internal Child-edge weights in child CSR order. */
  readonly weights: Float64Array;
  /** @internal exp(w) of each child edge. */
  readonly expPos: Float64Array;
  /** @internal exp(−w) of each child edge. */
  readonly expNeg: Float64Array;
  /** @internal One block's fields for every chain, in the plan's dtype. */
  readonly field: FloatArray;
  /** @internal Scratch of blockFieldInto. */
  readonly fieldWs: FieldWorkspace;
  /** @internal Uniforms of one unit across chains. */
  readonly u: Float64Array;
  /** @internal Probabilities of one unit across chains. */
  readonly p: Float64Array;
  /** @internal Draws of one unit across chains. */
  readonly bits: Uint8Array;
  /** @internal The chains' states as bytes, chains × size; equal to the state's after each sweep. */
  readonly s8: Uint8Array;
  /** @internal Weights gathered to compare with `weights`. */
  readonly wCheck: Float64Array;
  /** @internal The biases the cache was computed with. */
  readonly bias: Float64Array;
  /** @internal The state whose chains the cache describes, and its sweep count then. */
  owner: object | null = null;
  /** @internal */
  ownerSweeps = -1;
  /** @internal Sweeps since the cache was last rebuilt from scratch. */
  sinceRefresh = 0;

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
    const n = chains * plan.size;
    this.act = new Float64Array(n);
    this.pOn = new Float64Array(n);
    this.pOff = new Float64Array(n);
    this.weights = new Float64Array(edges);
    this.expPos = new Float64Array(edges);
    this.expNeg = new Float64Array(edges);
    this.field = stateBuffer(plan, chains * maxBlock);
    this.fieldWs = new FieldWorkspace(plan, chains);
    this.u = new Float64Array(chains);
    this.p = new Float64Array(chains);
    this.bits = new Uint8Array(chains);
    this.s8 = new Uint8Array(n);
    this.wCheck = new Float64Array(edges);
    this.bias = new Float64Array(plan.size);
  }
}

/** @internal Sets σ(a) and σ(−a) of entry x from its pre-activation, with one exp. */
export function setLogistic(ws: PosteriorWorkspace, x: number): void {
  const a = ws.act[x]!;
  const e = Math.exp(-Math.abs(a));
  const big = 1 / (1 + e);
  const small = e / (1 + e);
  ws.pOn[x] = a >= 0 ? big : small;
  ws.pOff[x] = a >= 0 ? small : big;
}

/**
 * @internal Recomputes every pre-activation from scratch (bias + directed
 * parents, through blockFieldInto) and its logistic values, and gathers the
 * current child-edge weights, so parameter changes made between sweeps are
 * always seen and rounding never accumulates across sweeps.
 */
export function refreshActivations(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray): void {
  const plan = ws.plan;
  const chains = ws.chains;
  const n = plan.size;
  gatherWeights(ws.weights, plan, g, g.childEdge);
  for (let e = 0; e < ws.weights.length; e++) {
    ws.expPos[e] = Math.exp(ws.weights[e]!);
    ws.expNeg[e] = Math.exp(-ws.weights[e]!);
  }
  for (let b = 0; b < plan.blocks.length; b++) {
    const blk = plan.blocks[b]!;
    const m = blk.size;
    const field = ws.field.subarray(0, chains * m);
    blockFieldInto(field, plan, states, chains, b, { workspace: ws.fieldWs });
    for (let c = 0; c < chains; c++) for (let i = 0; i < m; i++) ws.act[c * n + blk.offset + i] = field[c * m + i]!;
  }
  for (let x = 0; x < chains * n; x++) {
    setLogistic(ws, x);
    ws.s8[x] = states[x]!;
  }
  ws.bias.set(plan.bias);
  ws.sinceRefresh = 0;
}

/** @internal Rebuild the cache at least this often, so rank-1 rounding never accumulates. */
const REFRESH_EVERY = 64;

/**
 * @internal Makes the cache valid for `states` of `owner` after `sweeps`
 * sweeps: reuses it when this workspace ran the previous sweep of that state
 * and neither the states, the biases nor the weights changed since (checked
 * exactly, O(chains·size + edges), no exp); otherwise rebuilds it.
 */
export function prepareCache(ws: PosteriorWorkspace, g: DirectedUnitGraph, owner: object, states: FloatArray, sweeps: number): void {
  if (ws.owner === owner && ws.ownerSweeps === sweeps && ws.sinceRefresh < REFRESH_EVERY && unchanged(ws, g, states)) return;
  refreshActivations(ws, g, states);
}

function unchanged(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray): boolean {
  const plan = ws.plan;
  for (let i = 0; i < plan.size; i++) if (plan.bias[i] !== ws.bias[i]) return false;
  gatherWeights(ws.wCheck, plan, g, g.childEdge);
  for (let e = 0; e < ws.wCheck.length; e++) if (ws.wCheck[e] !== ws.weights[e]) return false;
  const s8 = ws.s8;
  for (let x = 0; x < s8.length; x++) if (states[x] !== s8[x]) return false;
  return true;
}
