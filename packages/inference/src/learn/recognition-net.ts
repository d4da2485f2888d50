/**
 * Recognition nets for layered sigmoid belief nets: one factorised sigmoid
 * layer per hidden group, bottom-up, as used by wake-sleep and as the
 * importance-sampling proposal of `importanceLogLikelihood`.
 *
 * @module
 */
import { ConfigError, ShapeError, throwIssues } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import { createSigmoidNet } from '@stochnet/model';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { baseRng } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import { bottomUpBlocks, checkBeliefPlan } from './belief-net.js';

/** Options of {@link createRecognitionNet}. */
export interface RecognitionNetOptions extends RandomnessOptions {
  /** Standard deviation of the random weights, ≥ 0; default 0.01. With 0 no seed is needed. */
  readonly sd?: number | undefined;
}

/** @internal Layer shapes of the recognition net of a layered plan: [inputs, outputs] bottom-up. */
export function recognitionShapes(plan: Plan, order: readonly number[]): [number, number][] {
  const visible = plan.blocks.find((b) => b.role === 'visible')!;
  return order.map((b, k) => [k === 0 ? visible.size : plan.blocks[order[k - 1]!]!.size, plan.blocks[b]!.size]);
}

/** @internal Throws a ShapeError unless `net` fits the plan's chain (one layer per hidden group, bottom-up, logistic). */
export function checkRecognitionFits(fn: string, option: string, net: SigmoidNet, plan: Plan, order: readonly number[]): void {
  const shapes = recognitionShapes(plan, order);
  const fail = (message: string, details: Record<string, unknown>): never => {
    throw new ShapeError(`${fn}: option ${option} ${message}; make one with createRecognitionNet(plan)`, { function: fn, option, ...details });
  };
  if (net.output !== 'logistic') fail(`must have output 'logistic', got ${String(net.output)}`, { received: net.output });
  if (net.layers.length !== shapes.length) fail(`has ${net.layers.length} layers, expected ${shapes.length} (one per hidden group)`, { expected: shapes.length, received: net.layers.length });
  net.layers.forEach((l, k) => {
    const [inputs, outputs] = shapes[k]!;
    if (l.inputs !== inputs || l.outputs !== outputs) fail(`layer ${k} is ${l.inputs}→${l.outputs}, expected ${inputs}→${outputs}`, { layer: k, expected: [inputs, outputs], received: [l.inputs, l.outputs] });
  });
}

/**
 * Makes a recognition net q(h | v) for a layered sigmoid belief net:
 * independent logistic units, one layer per hidden group, bottom-up.
 *
 * @remarks
 * Layer k maps the states of the group below (the data for k = 0) to the
 * Bernoulli means q(h_k,j = 1 | h_{k−1}) = σ(c_j + Σ_i r_ij h_{k−1,i}) of
 * hidden group k, in the chain order v ← h1 ← h2 ← … (Hinton, Dayan, Frey &
 * Neal 1995). Weights are N(0, sd²) draws from `rng.fork('recognition')`,
 * biases 0. The net is a {@link SigmoidNet} with output `'logistic'`, so it
 * is accepted as the `proposal` of `importanceLogLikelihood`.
 *
 * @param plan - a compiled layered sigmoid belief net
 * @param options - seed or rng (unless sd is 0), and sd
 * @returns the recognition net (fresh float64 arrays)
 * @throws GraphStructureError when the plan is not a sigmoid belief net
 * @throws LayeringError when its groups do not form a chain v ← h1 ← h2 ← …
 * @throws ConfigError when sd is not a finite number ≥ 0
 * @throws SeedError when sd > 0 and neither seed nor rng is given
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { createRecognitionNet } from '@stochnet/inference';
 * const rec = createRecognitionNet(compile(sbn([64, 20, 10], { seed: 1 })), { seed: 2 });
 * console.log(rec.layers.map((l) => `${l.inputs}->${l.outputs}`), rec.output); // [ '64->20', '20->10' ] logistic
 * ```
 */
export function createRecognitionNet(plan: Plan, options: RecognitionNetOptions = {}): SigmoidNet {
  const fn = 'createRecognitionNet';
  const issues: StochnetError[] = [];
  checkBeliefPlan(fn, plan, issues);
  const o = (options !== null && typeof options === 'object' ? options : {}) as RecognitionNetOptions;
  const sd = o.sd ?? 0.01;
  if (typeof sd !== 'number' || !Number.isFinite(sd) || sd < 0) {
    issues.push(new ConfigError(`${fn}: option sd must be a finite number ≥ 0, got ${String(sd)}`, { function: fn, option: 'sd', received: String(sd) }));
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const order = bottomUpBlocks(fn, plan);
  const rng = sd > 0 || o.seed !== undefined || o.rng !== undefined ? baseRng(fn, o).fork('recognition') : null;
  const layers = recognitionShapes(plan, order).map(([inputs, outputs]) => {
    const weights = new Float64Array(inputs * outputs);
    if (rng !== null && sd > 0) for (let i = 0; i < weights.length; i++) weights[i] = sd * rng.nextNormal();
    return { inputs, outputs, weights, bias: new Float64Array(outputs) };
  });
  return createSigmoidNet(layers, 'logistic', { backend: plan.backend });
}
