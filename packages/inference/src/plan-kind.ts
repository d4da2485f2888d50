/**
 * The entry checks every sampler and estimator runs first: the argument is
 * a compiled plan, of a kind the function handles, or the error names what
 * to use instead.
 *
 * @module
 */
import { GraphStructureError, ValidationError } from '@stochnet/graph';
import type { Plan, PlanKind } from '@stochnet/model';
import { describeValue } from './option-checks.js';

/** @internal Throws a ValidationError unless `plan` looks like a compiled Plan (O(1) checks). */
export function checkPlan(fn: string, plan: unknown): asserts plan is Plan {
  const p = plan as Partial<Plan> | null;
  if (p === null || typeof p !== 'object' || typeof p.size !== 'number' || !Array.isArray(p.blocks) || p.schedules === undefined) {
    throw new ValidationError(`${fn}: plan must be a Plan made by compile()`, { function: fn, argument: 'plan', received: describeValue(plan) });
  }
}

/** @internal What to use instead of a function: a sentence and the function names. */
export interface Instead {
  readonly text: string;
  readonly use: readonly string[];
}

/**
 * @internal Throws a ValidationError unless `plan` is a compiled Plan, and a
 * GraphStructureError naming what to use (`instead`, fixed or by the plan's
 * kind; its `use` list goes into details) unless the plan is of one of `kinds`.
 */
export function checkPlanKind(fn: string, plan: unknown, kinds: readonly PlanKind[], instead: string | ((kind: PlanKind) => Instead)): asserts plan is Plan {
  const p = plan as Partial<Plan> | null;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.blocks) || typeof p.kind !== 'string') {
    throw new ValidationError(`${fn}: plan must be a compiled Plan (from compile)`, { function: fn, argument: 'plan', received: describeValue(plan) });
  }
  if (kinds.includes(p.kind)) return;
  const why = typeof instead === 'string' ? { text: instead, use: null } : instead(p.kind);
  throw new GraphStructureError(`${fn} needs a plan of kind ${kinds.join(' or ')}, but this plan is ${p.kind}; ${why.text}`, {
    function: fn,
    kind: p.kind,
    expected: kinds,
    ...(why.use === null ? {} : { use: why.use }),
  });
}

/** @internal What to use instead of a directed-only sampler, by plan kind. */
export function directedOnly(kind: PlanKind): Instead {
  if (kind === 'dbn') return { text: 'use dbnSample (block Gibbs in the top pair, then one ancestral pass down)', use: ['dbnSample'] };
  return { text: 'use the block-Gibbs sampler (initGibbs / runGibbs), which handles undirected couplings', use: ['initGibbs', 'runGibbs'] };
}
