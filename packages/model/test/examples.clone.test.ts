/** Twin of clonePlan's @example. */
import { describe, expect, it } from 'vitest';
import { rbm } from '@stochnet/graph';
import { clonePlan, compile } from '@stochnet/model';

describe('examples: clonePlan', () => {
  it('copies parameters and shares structure', () => {
    const plan = compile(rbm(3, 2, { seed: 1 }), { dtype: 'float64' });
    const copy = clonePlan(plan);
    copy.weights[0]!.weights[0] = 5;
    expect([plan.weights[0]!.weights[0] === 5, copy.blocks === plan.blocks]).toEqual([false, true]);
  });
});
