/**
 * Wake-sleep learning of layered sigmoid belief nets (Hinton, Dayan, Frey &
 * Neal 1995): a factorised bottom-up recognition net proposes the hidden
 * states of the data (wake), and learns from fantasies the generative model
 * dreams (sleep).
 *
 * @module
 */
import { ConfigError, NonFiniteError, throwIssues } from '@stochnet/graph';
import type { Rng, StochnetError } from '@stochnet/graph';
import { createSigmoidNet, createStatisticsWorkspace, sbnGradientInto, sigmoid, zeroGradient } from '@stochnet/model';
import type { GemmShape, Gradient, Plan, SigmoidNet, StatisticsWorkspace } from '@stochnet/model';
import { ancestralSample } from '../ancestral.js';
import { baseRng } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import type { BatchArray } from './batch-check.js';
import { bottomUpBlocks, checkBeliefPlan, checkGradientCall, meanStatesInto } from './belief-net.js';
import { checkRecognitionFits, createRecognitionNet } from './recognition-net.js';
import { resolveRuleOptions } from './sbn-options.js';
import type { BeliefNetLearner, BeliefNetLearnerInfo, ResolvedWakeSleep, WakeSleepOptions } from './sbn-options.js';

/** A wake-sleep learner: a belief-net learner that also owns and trains a recognition net. */
export interface WakeSleepLearner extends BeliefNetLearner {
  /** The recognition net, trained in place by every sleep phase (copy it to keep a snapshot). */
  readonly recognition: SigmoidNet;
}

class WakeSleep implements WakeSleepLearner {
  readonly method = 'wake-sleep' as const;
  readonly positive: Gradient;
  readonly recognition: SigmoidNet;
  private readonly order: number[];
  private readonly offsets: number[];
  private readonly velocity: { weights: Float64Array; bias: Float64Array }[];
  private readonly shape: GemmShape = { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 };
  private stats: StatisticsWorkspace | null = null;
  private updates = 0;

  constructor(
    readonly plan: Plan,
    private readonly o: ResolvedWakeSleep,
    private readonly rate: number,
    recognition: SigmoidNet,
  ) {
    this.positive = zeroGradient(plan);
    this.recognition = recognition;
    this.order = bottomUpBlocks('wakeSleep', plan);
    const visible = plan.blocks.find((b) => b.role === 'visible')!;
    this.offsets = [visible.offset, ...this.order.map((b) => plan.blocks[b]!.offset)];
    this.velocity = recognition.layers.map((l) => ({ weights: new Float64Array(l.weights.length), bias: new Float64Array(l.bias.length) }));
  }

  /** Gathers columns [offset, offset + width) of rows × plan.size states into a rows × width buffer. */
  private slab(states: ArrayLike<number>, rows: number, offset: number, width: number): Float64Array {
    const n = this.plan.size;
    const out = new Float64Array(rows * width);
    for (let r = 0; r < rows; r++) for (let i = 0; i < width; i++) out[r * width + i] = states[r * n + offset + i]!;
    return out;
  }

  /** a ← x·W_k + b_k for recognition layer k (rows × outputs). */
  private preActivation(k: number, x: Float64Array, rows: number): Float64Array {
    const l = this.recognition.layers[k]!;
    const a = new Float64Array(rows * l.outputs);
    Object.assign(this.shape, { m: rows, n: l.outputs, k: l.inputs, transA: false, transB: false, alpha: 1, beta: 0 });
    this.recognition.backend.gemm(a, x, l.weights, this.shape);
    this.recognition.backend.addBias(a, l.bias, rows, l.outputs);
    return a;
  }

  /** Wake phase: h ~ q(h | v) layer by layer into rows × plan.size states. */
  private wake(data: BatchArray, rows: number, rng: Rng): Float64Array {
    const n = this.plan.size;
    const states = new Float64Array(rows * n);
    const nv = this.recognition.layers[0]!.inputs;
    let x: Float64Array = new Float64Array(rows * nv);
    for (let t = 0; t < rows * nv; t++) x[t] = data[t]!;
    for (let r = 0; r < rows; r++) for (let i = 0; i < nv; i++) states[r * n + this.offsets[0]! + i] = x[r * nv + i]!;
    this.recognition.layers.forEach((l, k) => {
      const a = this.preActivation(k, x, rows);
      const off = this.offsets[k + 1]!;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < l.outputs; j++) {
          const bit = rng.next() < sigmoid(a[r * l.outputs + j]!) ? 1 : 0;
          a[r * l.outputs + j] = bit;
          states[r * n + off + j] = bit;
        }
      }
      x = a;
    });
    return states;
  }

  /** Sleep phase: the delta rule on every recognition layer from S fantasies, atomically. */
  private sleep(S: number, rng: Rng): void {
    const fantasies = ancestralSample(this.plan, { samples: S, rng }).states;
    const mu = this.o.recognitionMomentum;
    const next = this.recognition.layers.map((l, k) => {
      const x = this.slab(fantasies, S, this.offsets[k]!, l.inputs);
      const t = this.slab(fantasies, S, this.offsets[k + 1]!, l.outputs);
      const a = this.preActivation(k, x, S);
      for (let q = 0; q < a.length; q++) a[q] = t[q]! - sigmoid(a[q]!);
      const gW = new Float64Array(l.weights.length);
      Object.assign(this.shape, { m: l.inputs, n: l.outputs, k: S, transA: true, transB: false, alpha: 1 / S, beta: 0 });
      this.recognition.backend.gemm(gW, x, a, this.shape);
      const v = this.velocity[k]!;
      const vW = v.weights.map((old, q) => mu * old + this.rate * gW[q]!);
      const vb = v.bias.map((old, j) => {
        let s = 0;
        for (let r = 0; r < S; r++) s += a[r * l.outputs + j]!;
        return mu * old + (this.rate * s) / S;
      });
      const check = (arr: Float64Array, step: Float64Array, what: string): void => {
        for (let q = 0; q < arr.length; q++) {
          if (!Number.isFinite(arr[q]! + step[q]!)) {
            throw new NonFiniteError(`wakeSleep: the sleep step makes recognition layer ${k} ${what}[${q}] non-finite; lower recognitionRate`, { layer: k, argument: what, index: q, received: arr[q]! + step[q]! });
          }
        }
      };
      check(l.weights, vW, 'weights');
      check(l.bias, vb, 'bias');
      return { vW, vb };
    });
    next.forEach(({ vW, vb }, k) => {
      const l = this.recognition.layers[k]!;
      const v = this.velocity[k]!;
      v.weights.set(vW);
      v.bias.set(vb);
      for (let q = 0; q < vW.length; q++) l.weights[q] = l.weights[q]! + vW[q]!;
      for (let j = 0; j < vb.length; j++) l.bias[j] = l.bias[j]! + vb[j]!;
    });
  }

  gradient(out: Gradient, data: BatchArray, rows: number, rng: Rng, indices?: Int32Array): Gradient {
    checkGradientCall('wakeSleep.gradient', this.plan, out, data, rows, rng, indices);
    const states = this.wake(data, rows, rng.fork('wake'));
    if (this.stats === null || this.stats.rows < rows) this.stats = createStatisticsWorkspace(this.plan, rows);
    out.bias.fill(0);
    for (const w of out.weights) w.fill(0);
    sbnGradientInto(out, this.plan, states, rows, 1 / rows, this.stats);
    meanStatesInto(this.positive, states, rows, this.plan.size);
    this.sleep(this.o.fantasies ?? rows, rng.fork('sleep'));
    this.updates++;
    return out;
  }

  info(): BeliefNetLearnerInfo {
    return { updates: this.updates, chains: 0 };
  }
}

/**
 * Makes a wake-sleep learner for a layered sigmoid belief net (Hinton,
 * Dayan, Frey & Neal 1995).
 *
 * @remarks
 * Each update (one batch):
 * - Wake: for each row v, h_1 ~ q(h_1 | v), h_2 ~ q(h_2 | h_1), … from the
 *   recognition net (stream `update.fork('wake')`); the returned gradient
 *   is the mean over rows of ∂ log p(v, h)/∂θ (sbnGradientInto), the
 *   generative update the training loop's optimiser applies.
 * - Sleep: S fantasies (h, v) are drawn ancestrally from the generative
 *   model (`update.fork('sleep')`; S = `fantasies`, default the batch
 *   rows), and every recognition layer k learns by the delta rule to
 *   predict its group from the one below: Δr_ij = ε·⟨x_i (t_j − q_j)⟩,
 *   Δc_j = ε·⟨t_j − q_j⟩ with q_j = σ(c_j + Σ_i r_ij x_i), with momentum
 *   `recognitionMomentum` (ε = `recognitionRate`, default the generative
 *   learning rate). The step is applied atomically after checking every new
 *   value is finite (a NonFiniteError otherwise).
 * The recognition net starts as `recognition` (copied) or as
 * createRecognitionNet(plan, { sd: recognitionSd }) from the learner's
 * stream. It is a logistic {@link SigmoidNet}, usable as the `proposal` of
 * `importanceLogLikelihood`.
 *
 * @param plan - a compiled layered sigmoid belief net (v ← h1 ← h2 ← …)
 * @param options - the rule's options; `learningRate` sets the default recognition rate; a seed or rng for the initial recognition weights
 * @returns the learner, which owns its recognition net
 * @throws ConfigError naming an invalid option
 * @throws SeedError when the default recognition net needs a seed and none is given
 * @throws GraphStructureError when the plan is not a sigmoid belief net
 * @throws LayeringError when the plan is not layered
 * @throws ShapeError when a given recognition net does not fit the plan
 *
 * @example
 * ```ts
 * import { createRng, sbn } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { createWakeSleepLearner } from '@stochnet/inference';
 * const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
 * const ws = createWakeSleepLearner(plan, { method: 'wake-sleep', learningRate: 0.1, seed: 2 });
 * ws.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0), 1, createRng('update/0'));
 * console.log(ws.recognition.layers[0]!.weights.length); // 8
 * ```
 */
export function createWakeSleepLearner(plan: Plan, options: WakeSleepOptions & RandomnessOptions & { readonly learningRate?: number | undefined }): WakeSleepLearner {
  const fn = 'createWakeSleepLearner';
  const issues: StochnetError[] = [];
  checkBeliefPlan(fn, plan, issues);
  const given = (options !== null && typeof options === 'object' ? options : {}) as Partial<WakeSleepOptions> & RandomnessOptions & { learningRate?: unknown };
  if (given.method !== 'wake-sleep') {
    issues.push(new ConfigError(`${fn}: option method must be 'wake-sleep', got ${String(given.method)}`, { function: fn, option: 'method', expected: 'wake-sleep', received: String(given.method) }));
  }
  const o = resolveRuleOptions(fn, { ...given, method: 'wake-sleep' }, issues) as ResolvedWakeSleep;
  const lr = given.learningRate;
  if (o.recognitionRate === null && !(typeof lr === 'number' && Number.isFinite(lr) && lr > 0)) {
    issues.push(new ConfigError(`${fn}: give option recognitionRate (or learningRate) as a finite number > 0`, { function: fn, option: 'recognitionRate', received: String(lr) }));
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const order = bottomUpBlocks(fn, plan);
  let recognition: SigmoidNet;
  if (o.recognition !== null) {
    checkRecognitionFits(fn, 'recognition', o.recognition, plan, order);
    recognition = createSigmoidNet(o.recognition.layers, 'logistic', { backend: o.recognition.backend });
  } else {
    const base = o.recognitionSd > 0 ? baseRng(fn, given) : null;
    recognition = createRecognitionNet(plan, base === null ? { sd: 0 } : { sd: o.recognitionSd, rng: base });
  }
  return new WakeSleep(plan, o, o.recognitionRate ?? (lr as number), recognition);
}
