/** The README's example, run as written, with its commented outputs asserted. */
import { describe, expect, it } from 'vitest';
import { rbm } from '@stochnet/graph';
import { applyGradient, compile, exactGradient, exactLogLikelihood } from '@stochnet/model';

describe('README example', () => {
  it('compiles an RBM, takes one exact gradient step and writes it back', () => {
    const plan = compile(rbm(4, 2, { seed: 1 }), { dtype: 'float64' });
    const data = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1);
    const before = exactLogLikelihood(plan, data, 2);
    applyGradient(plan, exactGradient(plan, data, 2), 0.5);
    expect(exactLogLikelihood(plan, data, 2) > before).toBe(true);
    const trained = plan.toNetwork();
    expect(trained.structure.couplings[0]?.id).toBe('v--h');
  });
});
