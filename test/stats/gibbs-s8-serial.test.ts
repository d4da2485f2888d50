/**
 * S8 (TESTING.md B.1): serial correlation. A single unconnected unit 'a'
 * with b = 0 (so p = ½ and successive Gibbs values are iid fair coins),
 * swept beside a coupled pair b–c that gives the plan its undirected part;
 * one chain of N sweeps. Checks (two-sided z at α = 1e-6, 4.892):
 * |lag-1 autocorrelation| ≤ 4.892/√N (0.0109 at 2e5, 0.0049 at 1e6), and the
 * number of value changes, Binomial(N − 1, ½), within (N − 1)/2 ± 4.892·√((N − 1)/4).
 *
 * Negative control: a deterministic flip (pymc#2866; also what an "always
 * propose a flip" Metropolis step does at p = ½) gives r₁ = −1 and N − 1
 * changes, failing both.
 */
import { describe, expect, it } from 'vitest';
import { network } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { assertBelow } from '../support/stats.js';
import { ControlSampler } from './support/gibbs-controls.js';
import { N } from './support/gibbs-checks.js';

const SEED = 'S8';
const Z = 4.892;
const plan = compile(network().unit('a', { bias: 0 }).unit('b').unit('c').edge('b', 'c', 0.7, { undirected: true }).build(), { dtype: 'float64' });
const A = plan.blocks.find((b) => b.group === 'a')!.offset;

function trace(flip: boolean): Float64Array {
  const state = initGibbs(plan, { seed: SEED, init: 'random' });
  const control = flip ? new ControlSampler(state, 'deterministic-flip') : null;
  const ws = createGibbsWorkspace(plan, 1);
  const x = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    if (control === null) gibbsStep(state, ws);
    else control.sweep();
    x[t] = state.states[A]!;
  }
  return x;
}

function serialStats(x: Float64Array): { r1: number; changes: number } {
  const n = x.length;
  const mean = x.reduce((a, v) => a + v, 0) / n;
  let num = 0;
  let den = 0;
  let changes = 0;
  for (let t = 0; t < n; t++) {
    den += (x[t]! - mean) ** 2;
    if (t + 1 < n) {
      num += (x[t]! - mean) * (x[t + 1]! - mean);
      if (x[t] !== x[t + 1]) changes++;
    }
  }
  return { r1: num / den, changes };
}

const r1Threshold = Z / Math.sqrt(N);
const changeThreshold = Z * Math.sqrt((N - 1) / 4);

describe('S8 serial correlation of an unconnected unit with p = 1/2', () => {
  it('the unit is swept', () => {
    expect(plan.schedules.gibbs.some((s) => s.parts.some((part) => plan.blocks[part.block]!.group === 'a'))).toBe(true);
  });

  it('has no lag-1 autocorrelation and a binomial number of changes', () => {
    const { r1, changes } = serialStats(trace(false));
    assertBelow({ test: 'S8 |lag-1 autocorrelation|', statistic: Math.abs(r1), threshold: r1Threshold, n: N, alpha: 1e-6, seed: SEED });
    assertBelow({ test: 'S8 |changes - (n-1)/2|', statistic: Math.abs(changes - (N - 1) / 2), threshold: changeThreshold, n: N, alpha: 1e-6, seed: SEED });
  });

  it('negative control deterministic-flip fails both checks', () => {
    const { r1, changes } = serialStats(trace(true));
    expect(Math.abs(r1)).toBeGreaterThan(r1Threshold);
    expect(Math.abs(changes - (N - 1) / 2)).toBeGreaterThan(changeThreshold);
  });
});
