/**
 * The inner loop of annealed importance sampling for RBMs, shared by the
 * forward and reverse estimators: block-Gibbs transitions at an inverse
 * temperature β and the log-weight increments, with the hidden units
 * summed out analytically. No checks here: callers validate everything.
 *
 * @module
 */
import { sigmoid, softplus } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import type { Rng } from '@stochnet/graph';
import { gemmShape, hiddenInputsInto, visibleInputsInto } from './rbm-params.js';
import type { RbmParams } from './rbm-params.js';

/**
 * @internal The runs' state: `v` (runs × nv), `x = c + vW` (runs × nh),
 * `dv[r] = (b − bA)ᵀ v_r`, scratch for h and for the visible inputs.
 */
export class AnnealState {
  readonly v: Float64Array;
  readonly x: Float64Array;
  readonly h: Float64Array;
  readonly y: Float64Array;
  readonly dv: Float64Array;
  readonly shape = gemmShape();

  constructor(
    readonly p: RbmParams,
    readonly bA: Float64Array,
    readonly runs: number,
    readonly rngs: readonly Rng[],
    readonly backend: Backend,
  ) {
    this.v = new Float64Array(runs * p.nv);
    this.x = new Float64Array(runs * p.nh);
    this.h = new Float64Array(runs * p.nh);
    this.y = new Float64Array(runs * p.nv);
    this.dv = new Float64Array(runs);
  }

  /** Recomputes x and dv from v. */
  refresh(): void {
    const { p, bA, v, dv } = this;
    hiddenInputsInto(this.x, p, v, this.runs, this.backend, this.shape);
    for (let r = 0; r < this.runs; r++) {
      let s = 0;
      for (let i = 0; i < p.nv; i++) s += (p.b[i]! - bA[i]!) * v[r * p.nv + i]!;
      dv[r] = s;
    }
  }

  /** Draws every run's v from the base model, v_i ~ Bernoulli(σ(bA_i)) (nv draws of each run's stream). */
  drawBase(): void {
    const { p, bA, v } = this;
    for (let r = 0; r < this.runs; r++) {
      const rng = this.rngs[r]!;
      for (let i = 0; i < p.nv; i++) v[r * p.nv + i] = rng.next() < sigmoid(bA[i]!) ? 1 : 0;
    }
    this.refresh();
  }

  /**
   * One block-Gibbs transition leaving p_β invariant: h ~ σ(β x), then
   * v ~ σ((1 − β) bA + β (b + W h)). Each run draws nh then nv uniforms.
   */
  transition(beta: number): void {
    const { p, bA, v, x, h, y, runs, rngs } = this;
    const nh = p.nh;
    const nv = p.nv;
    for (let r = 0; r < runs; r++) {
      const rng = rngs[r]!;
      for (let j = 0; j < nh; j++) h[r * nh + j] = rng.next() < sigmoid(beta * x[r * nh + j]!) ? 1 : 0;
    }
    visibleInputsInto(y, p, h, runs, beta, this.backend, this.shape);
    const a = 1 - beta;
    for (let r = 0; r < runs; r++) {
      const rng = rngs[r]!;
      for (let i = 0; i < nv; i++) {
        const field = a * bA[i]! + beta * p.b[i]! + y[r * nv + i]!;
        v[r * nv + i] = rng.next() < sigmoid(field) ? 1 : 0;
      }
    }
    this.refresh();
  }

  /**
   * Adds log p*_to(v) − log p*_from(v) to each run's log-weight, where
   * log p*_β(v) = ((1 − β) bA + β b)ᵀ v + Σ_j softplus(β x_j).
   */
  accumulate(logw: Float64Array, from: number, to: number): void {
    const { x, dv, runs } = this;
    const nh = this.p.nh;
    const db = to - from;
    for (let r = 0; r < runs; r++) {
      let s = db * dv[r]!;
      const o = r * nh;
      for (let j = 0; j < nh; j++) {
        const xj = x[o + j]!;
        s += softplus(to * xj) - softplus(from * xj);
      }
      logw[r]! += s;
    }
  }
}

/**
 * @internal Anneals every run along `seq` (the state must be distributed as
 * p_seq[0]): for t = 1..T, add the weight increment from seq[t−1] to
 * seq[t], then (except after the last) a transition at seq[t]. Returns the
 * log-weights, accumulated in float64.
 */
export function anneal(state: AnnealState, seq: Float64Array): Float64Array {
  const logw = new Float64Array(state.runs);
  const T = seq.length - 1;
  for (let t = 1; t <= T; t++) {
    state.accumulate(logw, seq[t - 1]!, seq[t]!);
    if (t < T) state.transition(seq[t]!);
  }
  return logw;
}

/** @internal log Z of the base model: Σ_i softplus(bA_i) + nh·log 2 (its hidden units are free). */
export function baseLogZ(bA: Float64Array, nh: number): number {
  let s = nh * Math.LN2;
  for (let i = 0; i < bA.length; i++) s += softplus(bA[i]!);
  return s;
}
