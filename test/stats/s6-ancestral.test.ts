/**
 * S6 (TESTING.md B.1): ancestral sampling of M3 (layered SBN 2-2-2) and M4
 * (5-unit DAG with skip edges) against exact enumeration. N samples (2e5
 * PR, 1e6 main); χ² with cells merged to expected ≥ 100 below the α = 1e-6
 * critical value (131.37 at df 63 unmerged), TV ≤ τ(K, N, 1e-6) (at 2e5:
 * 0.0148 for M3's 64 states, 0.0121 for M4's 32) and per-cell KL-Chernoff
 * below ln(2K/α).
 *
 * Draw order: the plan is compiled on a spy backend that records, for each
 * probability call (one per block drawn), the weight blocks of the products
 * that formed its fields, which name the block drawn. Every block must be
 * drawn after all its parents.
 *
 * Negative controls (each must fail χ² and TV; the exact TV of the
 * wrong-CPD controls is asserted > 2τ first, so detection is guaranteed):
 * - reversed order (children drawn before parents, reading zeros); it must
 *   also fail the draw-order check;
 * - wrong CPD column: M3 with a weight block transposed;
 * - wrong parent order: M4 with the weights of two parents of e swapped.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '@stochnet/graph';
import { compile, exactLogProbabilities, jsBackend } from '@stochnet/model';
import type { Backend, FloatArray, Plan } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';
import { histogram, tv, tvThreshold } from '../support/stats.js';
import { m3, m4 } from '../support/fixtures.js';
import { ALPHA, N, expectFails, expectMatches, probabilities } from './support/gibbs-checks.js';
import { transposedPlan } from './support/site-tables.js';

const SEED = 'S6';

/**
 * A plan on a backend that records which block each probability call
 * (`biasSigmoid`, one per block drawn) is for, and `drawOrder(p)`: the
 * blocks drawn by an ancestral run of 10 samples (one tile) of `p` (this
 * plan, or a variant sharing its backend). A block is named by the weight
 * blocks the products since the previous call used (all flow into it); a
 * call with no product before it is the plan's one root.
 */
function instrumented(net: Network): { plan: Plan; drawOrder: (p: Plan) => number[] } {
  const used: (FloatArray | Uint8Array)[][] = [];
  let since: (FloatArray | Uint8Array)[] = [];
  const spy: Backend = {
    ...jsBackend,
    gemm(c, a, b, shape) {
      since.push(b);
      jsBackend.gemm(c, a, b, shape);
    },
    spmm(c, x, sp, batch, alpha) {
      since.push(sp.values);
      jsBackend.spmm(c, x, sp, batch, alpha);
    },
    biasSigmoid(out, x, bias, rows, cols) {
      used.push(since);
      since = [];
      jsBackend.biasSigmoid(out, x, bias, rows, cols);
    },
  };
  const plan = compile(net, { dtype: 'float64', backend: spy });
  const drawOrder = (p: Plan): number[] => {
    used.length = 0;
    since = [];
    ancestralSample(p, { samples: 10, seed: SEED });
    const roots = p.blocks.map((_, b) => b).filter((b) => p.blocks[b]!.incoming.length === 0);
    expect(roots).toHaveLength(1);
    return used.map((arrays) => {
      if (arrays.length === 0) return roots[0]!;
      const to = new Set(arrays.map((a) => p.weights.find((w) => w.weights === a)!.to));
      expect(to.size).toBe(1);
      return [...to][0]!;
    });
  };
  return { plan, drawOrder };
}

/** Blocks drawn before all their parents, in draw order (empty when the order is topological). */
function orderViolations(plan: Plan, drawn: readonly number[]): number[] {
  const bad: number[] = [];
  drawn.forEach((b, k) => {
    for (const w of plan.blocks[b]!.incoming) if (!drawn.slice(0, k).includes(plan.weights[w]!.from)) bad.push(b);
  });
  return bad;
}

function counts(plan: Plan): Float64Array {
  return histogram(ancestralSample(plan, { samples: N, seed: SEED }).states, plan.size);
}

/** The plan with its ancestral schedule reversed (children first): the order bug. */
function reversedOrder(plan: Plan): Plan {
  return { ...plan, schedules: { ...plan.schedules, ancestral: [...plan.schedules.ancestral].reverse() } };
}

/** M4 with the weights of e's parents a and c swapped: the parent-order bug. */
function swappedParents(plan: Plan): Plan {
  const copy = compile(plan.toNetwork(), { dtype: 'float64' });
  const ae = copy.weights.find((w) => w.coupling === 'a->e')!.weights;
  const ce = copy.weights.find((w) => w.coupling === 'c->e')!.weights;
  [ae[0], ce[0]] = [ce[0]!, ae[0]!];
  return copy;
}

describe.each([
  ['M3', m3],
  ['M4', m4],
])('S6 ancestral sampling of %s', (name, make) => {
  const inst = instrumented(make());
  const plan = inst.plan;
  const pi = probabilities(exactLogProbabilities(plan));
  const tau = tvThreshold(pi.length, N, ALPHA);

  it('matches exact enumeration (χ², TV, KL-Chernoff) and draws every block after its parents', () => {
    expectMatches(`S6 ${name}`, counts(plan), pi, SEED);
    const drawn = inst.drawOrder(plan);
    expect([...drawn].sort()).toEqual(plan.blocks.map((_, b) => b));
    expect(orderViolations(plan, drawn)).toEqual([]);
  });

  it('negative control: reversed order fails the statistics and the draw-order check', () => {
    const reversed = reversedOrder(plan);
    expectFails(`S6 ${name} control reversed-order`, counts(reversed), pi);
    expect(orderViolations(plan, inst.drawOrder(reversed)).length).toBeGreaterThan(0);
  });

  it('negative control: wrong CPD column / parent order fails χ² and TV', () => {
    const controls = name === 'M3' ? [transposedPlan(plan, 0), transposedPlan(plan, 1)] : [swappedParents(plan)];
    for (const control of controls) {
      const law = probabilities(exactLogProbabilities(control));
      expect(tv(law, pi)).toBeGreaterThan(2 * tau);
      expectFails(`S6 ${name} control wrong-cpd`, counts(control), pi);
    }
  });
});
