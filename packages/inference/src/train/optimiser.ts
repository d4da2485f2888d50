/**
 * Stochastic gradient ascent with momentum, weight decay, L1, a sparsity
 * target and optional step clipping, applied in place to a plan's
 * parameters; every step is atomic and never leaves a non-finite parameter.
 *
 * @module
 */
import { throwIssues, ValidationError } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { TrainingDivergedError } from '../errors.js';
import { checkPlan } from '../plan-kind.js';
import { checkGradientShape } from '../learn/batch-check.js';
import { learningRateAt, momentumAt, resolveOptimiserOptions } from './optimiser-options.js';
import type { OptimiserOptions, ResolvedOptimiserOptions } from './optimiser-options.js';
import { freeParameters, locate } from './parameters.js';
import type { FreeParameters } from './parameters.js';

/** Where a step happens, for error details: epoch, batch within the epoch, steps done in the run. */
export interface StepPlace {
  /** The epoch (0-based). */
  readonly epoch: number;
  /** The batch within the epoch (0-based). */
  readonly batch: number;
  /** Steps done in the whole run before this one. */
  readonly step: number;
}

/** What one step did. */
export interface StepInfo {
  /** η_e used. */
  readonly learningRate: number;
  /** μ_e used. */
  readonly momentum: number;
  /** ‖Δθ‖ over the free parameters, after clipping. */
  readonly stepNorm: number;
  /** Whether clipping shrank the step. */
  readonly clipped: boolean;
}

/** The optimiser's state as JSON-safe numbers (see `checkpoint`). */
export interface OptimiserState {
  /** The last step Δθ per free parameter, in {@link Gradient} layout. */
  readonly velocity: Gradient;
  /** The running mean hidden activation q per unit (state layout), or null before the first sparsity step. */
  readonly sparsityMean: Float64Array | null;
}

/**
 * The SGD-with-momentum optimiser of one plan.
 *
 * @remarks
 * With g the learning rule's ascent direction (e.g. CD's data − model
 * statistics), for every free parameter θ (biases; weights except masked
 * ones; each tied lateral pair once):
 *   g̃ = g − λ₂·θ − λ₁·sign(θ) − s        (λ₂, λ₁ on weights only)
 *   Δθ = μ_e·Δθ_prev + η_e·g̃,  θ ← θ + Δθ.
 * Sparsity (Hinton 2010 §11): q_j ← λ·q_j + (1 − λ)·q̂_j with q̂_j the
 * batch's mean p(h_j = 1 | v) (q starts at the first batch's q̂), and
 * s = cost·(q_j − target) on hidden bias j and cost·(q_j − target)·⟨s_i⟩_data
 * on each weight joining unit i to hidden unit j. With `maxGradNorm` m,
 * Δθ is scaled so that ‖Δθ‖ ≤ η_e·m (Euclidean over free parameters, checked
 * after scaling). Every new value is checked (finite at the plan's dtype)
 * before anything is written; on failure a {@link TrainingDivergedError}
 * is thrown and the plan and velocity are left as they were.
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { Optimiser } from '@stochnet/inference';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
 * const opt = new Optimiser(plan, { learningRate: 0.1, momentum: 0.5 });
 * const g = zeroGradient(plan);
 * g.bias[0] = 1;
 * opt.step(g, { epoch: 0, batch: 0, step: 0 });
 * const info = opt.step(g, { epoch: 0, batch: 1, step: 1 });
 * console.log(info.stepNorm); // 0.5·0.1 + 0.1 = 0.15000000000000002
 * ```
 */
export class Optimiser {
  /** The plan updated in place. */
  readonly plan: Plan;
  /** The resolved options. */
  private readonly o: ResolvedOptimiserOptions;
  private readonly free: FreeParameters;
  private readonly velocity: Gradient;
  // The step being formed; made on first use (a run on a backend's training session never needs it).
  private nextBuf: Gradient | null = null;
  private q: Float64Array | null = null;
  private qNext: Float64Array | null = null;
  private readonly hidden: Uint8Array;

  /**
   * @param plan - the plan to update in place
   * @param options - the options (checked)
   * @throws ValidationError when plan is not a compiled Plan
   * @throws ConfigError naming each invalid option
   */
  constructor(plan: Plan, options: OptimiserOptions) {
    const issues: StochnetError[] = [];
    checkPlan('Optimiser', plan);
    this.o = resolveOptimiserOptions('Optimiser', options as unknown as Record<string, unknown>, issues);
    if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
    this.plan = plan;
    this.free = freeParameters(plan);
    this.velocity = zeroGradient(plan);
    this.hidden = new Uint8Array(plan.size);
    for (const b of plan.blocks) if (b.role !== 'visible') this.hidden.fill(1, b.offset, b.offset + b.size);
  }

  /**
   * The learning rate of an epoch.
   *
   * @param epoch - 0-based epoch
   * @returns η_e
   */
  learningRateAt(epoch: number): number {
    return learningRateAt(this.o, epoch);
  }

  /**
   * The momentum of an epoch.
   *
   * @param epoch - 0-based epoch
   * @returns μ_e
   */
  momentumAt(epoch: number): number {
    return momentumAt(this.o, epoch);
  }

  /** The velocity and sparsity mean (live arrays; copy before keeping). */
  state(): OptimiserState {
    return { velocity: this.velocity, sparsityMean: this.q };
  }

  /**
   * Overwrites the velocity and sparsity mean (from a checkpoint).
   *
   * @param s - arrays shaped like {@link Optimiser.state}'s
   */
  setState(s: OptimiserState): void {
    this.velocity.bias.set(s.velocity.bias);
    this.velocity.weights.forEach((w, k) => w.set(s.velocity.weights[k]!));
    this.q = s.sparsityMean === null ? null : Float64Array.from(s.sparsityMean);
  }

  private diverged(place: StepPlace, what: 'gradient' | 'parameter', flat: number, value: number): never {
    const at = locate(this.plan, this.free, flat);
    const fix = what === 'gradient' ? 'the learning rule produced it from the current parameters' : 'the step would overflow';
    throw new TrainingDivergedError(
      `training diverged at epoch ${place.epoch}, batch ${place.batch}: ${what} of ${at.block}[${at.index}] is ${value} (${fix}); lower the learning rate or set maxGradNorm`,
      { ...place, what, block: at.block, index: at.index, value },
      this.plan,
    );
  }

  /**
   * Applies one step for ascent direction `grad` in place.
   *
   * @param grad - the learning rule's gradient (plan layout)
   * @param place - epoch, batch and step, for the schedules and error details
   * @param positive - the rule's data statistics (needed for sparsity; ignored otherwise)
   * @returns what the step did
   * @throws ShapeError when grad or positive is not shaped like zeroGradient(plan)
   * @throws ValidationError when place does not hold non-negative integers epoch, batch and step
   * @throws TrainingDivergedError when the gradient or a new parameter is not finite (nothing is written)
   */
  step(grad: Gradient, place: StepPlace, positive: Gradient | null = null): StepInfo {
    const { o, free, plan, velocity } = this;
    const next = (this.nextBuf ??= zeroGradient(plan));
    this.checkStep(grad, place, positive);
    const eta = learningRateAt(o, place.epoch);
    const mu = momentumAt(o, place.epoch);
    for (let f = 0; f < free.count; f++) {
      const g = free.read(grad, f);
      if (!Number.isFinite(g)) this.diverged(place, 'gradient', f, g);
    }
    // The running mean goes into a scratch array, kept only when the step is applied.
    let q = this.q;
    if (o.sparsity !== null && positive !== null) {
      const old = q;
      q = this.qNext ??= new Float64Array(plan.size);
      for (let i = 0; i < plan.size; i++) {
        if (this.hidden[i] !== 1) q[i] = old === null ? 0 : old[i]!;
        else q[i] = old === null ? positive.bias[i]! : o.sparsity.decay * old[i]! + (1 - o.sparsity.decay) * positive.bias[i]!;
      }
    }
    let norm2 = 0;
    for (let f = 0; f < free.count; f++) {
      let g = free.read(grad, f);
      const theta = free.param(plan, f);
      if (free.isWeight(f)) g -= o.weightDecay * theta + o.l1 * Math.sign(theta);
      if (o.sparsity !== null && q !== null && positive !== null) g -= o.sparsity.cost * this.sparsityTerm(f, q, positive, o.sparsity.target);
      const d = mu * free.read(velocity, f) + eta * g;
      free.write(next, f, d);
      norm2 += d * d;
    }
    let norm = Math.sqrt(norm2);
    let clipped = false;
    if (o.maxGradNorm !== null && norm > eta * o.maxGradNorm) {
      const bound = eta * o.maxGradNorm;
      let scale = (bound / norm) * (1 - 2 ** -40);
      for (;;) {
        let n2 = 0;
        for (let f = 0; f < free.count; f++) {
          const d = free.read(next, f) * scale;
          n2 += d * d;
        }
        if (Math.sqrt(n2) <= bound) {
          norm = Math.sqrt(n2);
          break;
        }
        scale *= 1 - 2 ** -40;
      }
      for (let f = 0; f < free.count; f++) free.write(next, f, free.read(next, f) * scale);
      clipped = true;
    }
    const f32 = plan.dtype === 'float32';
    for (let f = 0; f < free.count; f++) {
      const d = free.read(next, f);
      const value = free.param(plan, f) + d;
      if (!Number.isFinite(d) || !Number.isFinite(f32 ? Math.fround(value) : value)) this.diverged(place, 'parameter', f, value);
    }
    for (let f = 0; f < free.count; f++) {
      const d = free.read(next, f);
      free.write(velocity, f, d);
      free.setParam(plan, f, free.param(plan, f) + d);
    }
    if (q !== this.q) {
      this.qNext = this.q;
      this.q = q;
    }
    return { learningRate: eta, momentum: mu, stepNorm: norm, clipped };
  }

  /** Throws (collecting every problem) unless grad and positive fit the plan and place holds non-negative integers. */
  private checkStep(grad: Gradient, place: StepPlace, positive: Gradient | null): void {
    const fn = 'Optimiser.step';
    const issues: StochnetError[] = [];
    checkGradientShape(fn, 'grad', this.plan, grad, issues);
    if (positive !== null) checkGradientShape(fn, 'positive', this.plan, positive, issues);
    const p = place as Partial<StepPlace> | null;
    const count = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
    if (p === null || typeof p !== 'object' || !count(p.epoch) || !count(p.batch) || !count(p.step)) {
      issues.push(new ValidationError(`${fn}: place must be { epoch, batch, step }, non-negative integers`, { function: fn, argument: 'place' }));
    }
    if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  }

  /** The sparsity derivative of free parameter f. */
  private sparsityTerm(f: number, q: Float64Array, positive: Gradient, target: number): number {
    const a = this.free.unitA[f]!;
    const b = this.free.unitB[f]!;
    if (b < 0) return this.hidden[a] === 1 ? q[a]! - target : 0;
    let s = 0;
    if (this.hidden[b] === 1) s += (q[b]! - target) * positive.bias[a]!;
    if (this.hidden[a] === 1) s += (q[a]! - target) * positive.bias[b]!;
    return s;
  }
}

/**
 * Makes an {@link Optimiser} for a plan.
 *
 * @param plan - the plan to update in place
 * @param options - learning rate, momentum, decay, L1, sparsity, schedule, clipping
 * @returns the optimiser
 * @throws ConfigError naming each invalid option (learning rate ≤ 0 or not finite, momentum outside [0, 1), negative decay, …)
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { createOptimiser } from '@stochnet/inference';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
 * const opt = createOptimiser(plan, { learningRate: 0.5, momentum: 0 });
 * const g = zeroGradient(plan);
 * g.bias[0] = 1;
 * const before = plan.bias[0]!;
 * opt.step(g, { epoch: 0, batch: 0, step: 0 });
 * console.log(plan.bias[0]! - before); // 0.5
 * ```
 */
export function createOptimiser(plan: Plan, options: OptimiserOptions): Optimiser {
  return new Optimiser(plan, options);
}
