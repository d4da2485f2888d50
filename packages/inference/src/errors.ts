/**
 * Error classes of @stochnet/inference, subclasses of the shared hierarchy
 * in @stochnet/graph.
 *
 * @module
 */
import { StochnetError, ValidationError } from '@stochnet/graph';
import type { ErrorDetails } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';

/**
 * Evidence that has probability exactly 0 under the model, so the posterior
 * it conditions on does not exist. Code `ZERO_PROBABILITY_EVIDENCE`;
 * `details` names the unit (state-vector index), its observed value, and the
 * row (chain) and reason.
 *
 * @remarks
 * With finite parameters every configuration of a sigmoid belief net has
 * positive probability (log p is computed in log space and stays finite even
 * when p underflows), so this error needs a saturated CPD: a bias or weight
 * of ±Infinity set directly on a plan.
 *
 * @example
 * ```ts
 * import { network } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initPosterior, ZeroProbabilityEvidenceError } from '@stochnet/inference';
 * const plan = compile(network().unit('a').unit('b').edge('a', 'b', 1).build(), { dtype: 'float64' });
 * plan.bias[1] = -Infinity; // p(b = 1 | a) = 0 for every a
 * try {
 *   initPosterior(plan, { chains: 1, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
 * } catch (e) {
 *   console.log(e instanceof ZeroProbabilityEvidenceError); // true
 * }
 * ```
 */
export class ZeroProbabilityEvidenceError extends ValidationError {
  /**
   * @param message - a sentence naming the unit and what to do
   * @param details - the unit, value, row and reason
   */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'ZERO_PROBABILITY_EVIDENCE');
  }
}

/**
 * Training produced a non-finite gradient or would have made a parameter
 * non-finite. Code `TRAINING_DIVERGED`; `details` names the epoch, the batch
 * (within the epoch), the step (batches done in the whole run), the
 * parameter block (`bias:<group>` or the coupling id), the index within it,
 * and the offending value.
 *
 * @remarks
 * The failing step is never applied: {@link TrainingDivergedError.plan} is
 * the trained copy at its last finite parameters (the state after the
 * previous step), so `error.plan.toNetwork()` recovers it. The caller's plan
 * is never touched. Lower the learning rate or set `maxGradNorm`.
 *
 * @example
 * ```ts
 * import { boltzmann, normal } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { train, TrainingDivergedError } from '@stochnet/inference';
 * const plan = compile(boltzmann(6, { seed: 5, init: normal(0, 20), bias: normal(0, 20) })); // float32
 * const values = Uint8Array.from({ length: 24 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
 * try {
 *   train(plan, { values, rows: 4, cols: 6 }, { method: 'pcd', epochs: 50, batchSize: 4, learningRate: 1e38, seed: 1 });
 * } catch (e) {
 *   if (e instanceof TrainingDivergedError) console.log(e.code, e.plan!.bias.every(Number.isFinite)); // TRAINING_DIVERGED true
 * }
 * ```
 */
export class TrainingDivergedError extends StochnetError {
  /** The trained copy at its last finite parameters, or null when there is none. */
  readonly plan: Plan | null;

  /**
   * @param message - a sentence naming the step and parameter, and what to do
   * @param details - epoch, batch, step, block, index and value
   * @param plan - the trained copy at its last finite parameters
   */
  constructor(message: string, details: ErrorDetails = {}, plan: Plan | null = null) {
    super('TRAINING_DIVERGED', message, details);
    this.plan = plan;
  }
}
