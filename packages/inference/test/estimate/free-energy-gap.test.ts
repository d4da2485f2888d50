/** freeEnergyGap against a direct free-energy loop, over several tiles. */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { exactLogLikelihood } from '@stochnet/model';
import { freeEnergyGap } from '@stochnet/inference';
import { freeEnergyRef, randomRows, rbmPlan } from './support.js';

describe('freeEnergyGap', () => {
  const plan = rbmPlan(6, 3, 1, 'feg');
  const train = { data: randomRows(createRng('feg/train'), 520, 6, 0.3), rows: 520 };
  const held = { data: randomRows(createRng('feg/held'), 70, 6, 0.6), rows: 70 };

  it('gives the mean free energies of both sets and their difference', () => {
    const mean = (d: { data: Uint8Array; rows: number }): number => {
      let s = 0;
      for (let r = 0; r < d.rows; r++) s += freeEnergyRef(plan, d.data.subarray(r * 6, (r + 1) * 6));
      return s / d.rows;
    };
    const g = freeEnergyGap(plan, train, held);
    expect(Math.abs(g.train - mean(train))).toBeLessThan(1e-12);
    expect(Math.abs(g.heldOut - mean(held))).toBeLessThan(1e-12);
    expect(g.gap).toBe(g.heldOut - g.train);
  });

  it('equals the difference of exact mean log-likelihoods (train − held-out), log Z cancelling', () => {
    const g = freeEnergyGap(plan, train, held);
    const diff = exactLogLikelihood(plan, train.data, train.rows) - exactLogLikelihood(plan, held.data, held.rows);
    expect(Math.abs(g.gap - diff)).toBeLessThan(1e-10);
  });
});
