/**
 * The compiler's own check of every Gibbs schedule it emits (an internal
 * function): it accepts the schedules compile produces and throws
 * InvariantError on broken ones (the negative controls).
 */
import { describe, expect, it } from 'vitest';
import { InvariantError } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { GibbsStep } from '@stochnet/model';
import { verifyGibbs } from '../src/gibbs.js';
import { topologyOf } from '../src/topology.js';
import { isingGrid, makeNet } from './support/nets.js';

describe('verifyGibbs', () => {
  const net = makeNet(
    [{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }, { id: 'p', size: 1 }],
    [{ id: 'v--h', from: 'v', to: 'h' }, { id: 'p->v', from: 'p', to: 'v', directed: true }],
  );
  const plan = compile(net);
  const topo = topologyOf(net.structure);
  const offsets = plan.blocks.map((b) => b.offset);
  const check = (steps: readonly GibbsStep[]): void => verifyGibbs(topo, plan.weights, offsets, steps);
  const [first, second] = plan.schedules.gibbs as [GibbsStep, GibbsStep];

  it('accepts the schedule compile produced', () => {
    expect(() => check(plan.schedules.gibbs)).not.toThrow();
    const grid = isingGrid(4);
    const gridPlan = compile(grid);
    expect(() => verifyGibbs(topologyOf(grid.structure), gridPlan.weights, [0], gridPlan.schedules.gibbs)).not.toThrow();
  });

  it('throws InvariantError when a step holds coupled units', () => {
    expect(() => check([{ parts: [...first.parts, ...second.parts] }])).toThrow(InvariantError);
  });

  it('throws InvariantError when a unit is missing, repeated, or not meant to be there', () => {
    expect(() => check([first])).toThrow(InvariantError);
    expect(() => check([first, second, first])).toThrow(InvariantError);
    const p = plan.blocks.findIndex((b) => b.group === 'p');
    expect(() => check([first, second, { parts: [{ block: p, units: null }] }])).toThrow(InvariantError);
  });

  it('throws InvariantError when a dense lateral shares a step', () => {
    const bm = makeNet([{ id: 'x', size: 3 }], [{ id: 'x--x', from: 'x', to: 'x' }]);
    const bmPlan = compile(bm);
    expect(() => verifyGibbs(topologyOf(bm.structure), bmPlan.weights, [0], [{ parts: [{ block: 0, units: Int32Array.of(0, 2) }] }, { parts: [{ block: 0, units: Int32Array.of(1) }] }])).toThrow(
      InvariantError,
    );
  });
});
