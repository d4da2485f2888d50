import { describe, expect, it } from 'vitest';
import { boltzmann, dbn, rbm, sbn } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, describePlan } from '@stochnet/model';
import { conflicts } from './support/independence.js';

const groupsOf = (net: Network) => describePlan(compile(net)).blocks.map((b) => b.group);

describe('compile: presets', () => {
  it('compiles an RBM', () => {
    const net = rbm(6, 4, { seed: 1 });
    const plan = compile(net);
    expect(plan.kind).toBe('rbm');
    expect(groupsOf(net)).toEqual(['h', 'v']);
    expect(plan.weights.map((w) => [w.coupling, w.rows, w.cols, w.directed])).toEqual([['v--h', 6, 4, false]]);
    expect(describePlan(plan).schedules.gibbs).toEqual([[{ group: 'v', units: 'all' }], [{ group: 'h', units: 'all' }]]);
    expect(plan.schedules.components).toEqual([[0, 1]]);
    expect(Array.from(plan.weights[0]!.weights)).toEqual(Array.from(net.couplings.get('v--h' as never)!.weights).map(Math.fround));
  });

  it('compiles an SBN with an ancestral order from the top layer down', () => {
    const plan = compile(sbn([5, 3, 2], { seed: 2 }));
    expect(plan.kind).toBe('sbn');
    const s = describePlan(plan).schedules;
    expect(s.ancestral).toEqual(['h2', 'h1', 'v']);
    expect(s.gibbs).toEqual([]);
    expect(s.components).toEqual([['h2'], ['h1'], ['v']]);
  });

  it('compiles a DBN: Gibbs in the top pair only, ancestral down from it', () => {
    const plan = compile(dbn([6, 4, 3, 2], { seed: 3 }));
    expect(plan.kind).toBe('dbn');
    const s = describePlan(plan).schedules;
    expect(s.gibbs).toEqual([[{ group: 'h2', units: 'all' }], [{ group: 'h3', units: 'all' }]]);
    expect(s.ancestral.slice(-2)).toEqual(['h3', 'v']);
    expect(s.ancestral.indexOf('h2')).toBeLessThan(s.ancestral.indexOf('h1'));
    expect(s.components[0]).toEqual(['h2', 'h3']);
  });

  it('compiles dense and sparse Boltzmann machines', () => {
    const dense = boltzmann(5, { seed: 4 });
    const densePlan = compile(dense);
    expect(densePlan.kind).toBe('boltzmann');
    expect(densePlan.schedules.gibbs).toHaveLength(5);
    expect(conflicts(densePlan, dense)).toEqual([]);
    const sparse = boltzmann(12, { density: 0.3, seed: 5 });
    const sparsePlan = compile(sparse, { dtype: 'float64' });
    expect(sparsePlan.weights[0]!.sparse).not.toBeNull();
    expect(Array.from(sparsePlan.weights[0]!.weights)).toEqual(Array.from(sparse.couplings.get('x--x' as never)!.weights));
    expect(conflicts(sparsePlan, sparse)).toEqual([]);
    expect(sparsePlan.schedules.gibbs.length).toBeLessThan(12);
  });
});
