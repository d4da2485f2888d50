/**
 * Restoring a learner from its saved persistent chains: the snapshot is
 * checked against the options before anything is rebuilt.
 *
 * @module
 */
import { SchemaError, throwIssues } from '@stochnet/graph';
import type { StochnetError } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import { BmLearner, prepareLearner } from './learner.js';
import type { Learner, LearnerOptions, LearnerSnapshot } from './learner.js';

/**
 * Makes a learner that continues from saved persistent chains: with the
 * same options and parameters, its updates equal those of the learner that
 * was saved, byte for byte.
 *
 * @param plan - the plan to continue on (same layout as when saved)
 * @param options - the options the saved learner was made with
 * @param snapshot - data from {@link Learner.save}, after any JSON round trip
 * @returns the learner
 * @throws SchemaError when the snapshot is malformed or was saved by another rule or ladder
 * @throws the errors of {@link createLearner}, and of restoreChains for the saved chains
 *
 * @example
 * ```ts
 * import { createRng, rbm } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { createLearner, restoreLearner } from '@stochnet/inference';
 * const plan = compile(rbm(3, 2, { seed: 2 }), { dtype: 'float64' });
 * const opts = { method: 'pcd', k: 1, chains: 4, seed: 'chains' } as const;
 * const data = Uint8Array.of(1, 0, 1, 0, 1, 0);
 * const a = createLearner(plan, opts);
 * a.gradient(zeroGradient(plan), data, 2, createRng('u/0'));
 * const b = restoreLearner(plan, opts, JSON.parse(JSON.stringify(a.save())));
 * const ga = a.gradient(zeroGradient(plan), data, 2, createRng('u/1'));
 * const gb = b.gradient(zeroGradient(plan), data, 2, createRng('u/1'));
 * console.log(ga.weights[0]!.join() === gb.weights[0]!.join()); // true
 * ```
 */
export function restoreLearner(plan: Plan, options: LearnerOptions, snapshot: LearnerSnapshot): Learner {
  const fn = 'restoreLearner';
  const issues: StochnetError[] = [];
  const { opts, rng } = prepareLearner(fn, plan, options, issues);
  const s = snapshot as Partial<LearnerSnapshot> | null;
  const bad = (path: string, message: string): void => {
    issues.push(new SchemaError(`${fn}: snapshot ${message}`, { function: fn, path }));
  };
  if (s === null || typeof s !== 'object' || s.format !== 'stochnet-learner' || s.version !== 1) bad('format', "must be data from learner.save() (format 'stochnet-learner', version 1)");
  else {
    if (s.method !== opts.method) bad('method', `was saved by ${String(s.method)}, but the options say ${opts.method}`);
    if (typeof s.updates !== 'number' || !Number.isSafeInteger(s.updates) || s.updates < 0) bad('updates', 'updates must be a non-negative integer');
    if (s.chains !== null && (s.method !== 'pcd' || typeof s.chains !== 'object')) bad('chains', 'chains must be null or saved chains of a PCD learner');
    const t = s.tempering;
    if (t !== null && (s.method !== 'pt' || typeof t !== 'object' || !Array.isArray(t.replicas) || !Array.isArray(t.betas) || !Array.isArray(t.attempted) || !Array.isArray(t.accepted))) {
      bad('tempering', 'tempering must be null or the saved ladders of a PT learner');
    } else if (t !== null && (t.betas.length !== opts.betas.length || t.betas.some((b, r) => b !== opts.betas[r]) || t.replicas.length !== t.betas.length || (t.parity !== 0 && t.parity !== 1))) {
      bad('tempering.betas', 'was saved with other inverse temperatures than the options give');
    } else if (t !== null) {
      const pairs = t.betas.length - 1;
      const count = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
      const ok = t.attempted.length === pairs && t.accepted.length === pairs && t.attempted.every(count) && t.accepted.every((a, r) => count(a) && a <= t.attempted[r]!);
      if (!ok) bad('tempering.attempted', `attempted and accepted must hold ${pairs} swap counts (accepted ≤ attempted), one per neighbour pair`);
    }
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  return new BmLearner(plan, opts, rng, snapshot);
}
