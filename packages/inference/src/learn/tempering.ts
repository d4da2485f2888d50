/**
 * Parallel tempering for the negative phase (Desjardins et al. 2010): per
 * chain a ladder of replicas at inverse temperatures β_1 = 1 > … > β_R ≥ 0,
 * block Gibbs at each, and Metropolis swaps between neighbours.
 *
 * @module
 */
import type { Rng, RngState } from '@stochnet/graph';
import { restoreRng } from '@stochnet/graph';
import { clonePlan, energy } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { initGibbs } from '../gibbs-init.js';
import type { GibbsState } from '../gibbs-init.js';
import { createGibbsWorkspace } from '../gibbs-workspace.js';
import type { GibbsWorkspace } from '../gibbs-workspace.js';
import { sweepInPlace } from '../gibbs.js';
import { restoreChains, saveChains } from '../persistent.js';
import type { SavedChains } from '../persistent.js';
import { stateBuffer } from '../sample-options.js';

/** Saved tempering chains: JSON-safe. */
export interface SavedTempering {
  /** The inverse temperatures, β_1 = 1 first. */
  readonly betas: readonly number[];
  /** Replica r's chains (saved from a plan whose parameters are β_r·θ). */
  readonly replicas: readonly SavedChains[];
  /** The stream of the swap decisions. */
  readonly swaps: RngState;
  /** Which neighbour pairs the next swap round proposes: (r, r+1) for r ≡ parity (mod 2). */
  readonly parity: number;
  /** Swap proposals so far, per neighbour pair. */
  readonly attempted: readonly number[];
  /** Accepted swaps so far, per neighbour pair. */
  readonly accepted: readonly number[];
}

/** @internal The replica ladders of `chains` tempered chains. */
export class Tempering {
  readonly plan: Plan;
  readonly betas: Float64Array;
  /** The plan of each replica: the learner's plan for β = 1, copies with parameters β·θ otherwise. */
  private readonly plans: Plan[];
  readonly replicas: GibbsState[];
  private readonly workspaces: GibbsWorkspace[];
  private readonly swaps: Rng;
  private parity: number;
  readonly attempted: Float64Array;
  readonly accepted: Float64Array;
  private readonly rowA: FloatArray;
  private readonly rowB: FloatArray;

  private constructor(plan: Plan, betas: Float64Array, plans: Plan[], replicas: GibbsState[], swaps: Rng, parity: number, attempted: Float64Array, accepted: Float64Array) {
    this.plan = plan;
    this.betas = betas;
    this.plans = plans;
    this.replicas = replicas;
    this.workspaces = replicas.map((s) => createGibbsWorkspace(s.plan, s.chains));
    this.swaps = swaps;
    this.parity = parity;
    this.attempted = attempted;
    this.accepted = accepted;
    this.rowA = stateBuffer(plan, plan.size);
    this.rowB = stateBuffer(plan, plan.size);
  }

  private static ladder(plan: Plan, betas: Float64Array): Plan[] {
    return Array.from(betas, (_, r) => (r === 0 ? plan : clonePlan(plan)));
  }

  /** New ladders: replica r's chain c draws from `rng.fork('replica/' + r).fork('chain/' + c)`, swaps from `rng.fork('swaps')`. */
  static create(plan: Plan, betas: Float64Array, chains: number, rng: Rng): Tempering {
    const plans = Tempering.ladder(plan, betas);
    const replicas = plans.map((p, r) => initGibbs(p, { chains, rng: rng.fork(`replica/${r}`), init: 'random' }));
    const pairs = Math.max(0, betas.length - 1);
    return new Tempering(plan, betas, plans, replicas, rng.fork('swaps'), 0, new Float64Array(pairs), new Float64Array(pairs));
  }

  /** Ladders restored from {@link Tempering.save} data (checked by the caller). */
  static restore(plan: Plan, saved: SavedTempering): Tempering {
    const betas = Float64Array.from(saved.betas);
    const plans = Tempering.ladder(plan, betas);
    const replicas = plans.map((p, r) => restoreChains(p, saved.replicas[r]!));
    return new Tempering(plan, betas, plans, replicas, restoreRng(saved.swaps), saved.parity, Float64Array.from(saved.attempted), Float64Array.from(saved.accepted));
  }

  /** JSON-safe copy of every replica, the swap stream and counters. */
  save(): SavedTempering {
    return {
      betas: Array.from(this.betas),
      replicas: this.replicas.map((s) => saveChains(s)),
      swaps: this.swaps.state(),
      parity: this.parity,
      attempted: Array.from(this.attempted),
      accepted: Array.from(this.accepted),
    };
  }

  /** Writes β_r·θ into every replica's plan (after each parameter change). */
  private refresh(): void {
    const base = this.plan;
    for (let r = 1; r < this.plans.length; r++) {
      const beta = this.betas[r]!;
      const p = this.plans[r]!;
      for (let i = 0; i < base.size; i++) p.bias[i] = beta * base.bias[i]!;
      base.weights.forEach((w, k) => {
        const dst = p.weights[k]!.weights;
        const src = w.weights;
        for (let i = 0; i < src.length; i++) dst[i] = beta * src[i]!;
      });
    }
  }

  private energyOf(row: FloatArray, state: GibbsState, c: number): number {
    const n = this.plan.size;
    for (let i = 0; i < n; i++) row[i] = state.states[c * n + i]!;
    return energy(this.plan, row);
  }

  /**
   * One swap round: for every chain, each pair (r, r+1) with r ≡ parity
   * proposes to exchange states, accepted with probability
   * min(1, exp((β_r − β_{r+1})·(E(x_r) − E(x_{r+1})))), E at β = 1. One
   * uniform per proposal, chain by chain, pair by pair.
   */
  private swapRound(): void {
    const n = this.plan.size;
    const R = this.betas.length;
    const chains = this.replicas[0]!.chains;
    for (let c = 0; c < chains; c++) {
      for (let r = this.parity; r + 1 < R; r += 2) {
        const a = this.replicas[r]!;
        const b = this.replicas[r + 1]!;
        const logRatio = (this.betas[r]! - this.betas[r + 1]!) * (this.energyOf(this.rowA, a, c) - this.energyOf(this.rowB, b, c));
        const u = this.swaps.next();
        this.attempted[r]!++;
        if (logRatio >= 0 || u < Math.exp(logRatio)) {
          this.accepted[r]!++;
          a.states.set(this.rowB, c * n);
          b.states.set(this.rowA, c * n);
        }
      }
    }
    this.parity = 1 - this.parity;
  }

  /**
   * k rounds of (one Gibbs sweep of every replica, then one swap round),
   * then hands the β = 1 replica's states to `accumulate`.
   */
  run(k: number, accumulate: (states: FloatArray, rows: number) => void): void {
    this.refresh();
    const R = this.replicas.length;
    for (let t = 0; t < k; t++) {
      for (let r = 0; r < R; r++) sweepInPlace(this.replicas[r]!, this.workspaces[r]!, false);
      if (R > 1) this.swapRound();
    }
    const top = this.replicas[0]!;
    accumulate(top.states, top.chains);
  }

  /** Accepted / attempted swaps per neighbour pair (NaN before any attempt). */
  acceptance(): Float64Array {
    return this.attempted.map((a, r) => this.accepted[r]! / a);
  }
}
