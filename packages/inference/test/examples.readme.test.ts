/** The README's example, run as written, with its commented outputs asserted. */
import { describe, expect, it } from 'vitest';
import { rbm } from '@stochnet/graph';
import { compile, exactLogLikelihood, exactLogZ } from '@stochnet/model';
import { aisLogZ, initGibbs, runGibbs, train } from '@stochnet/inference';

describe('README example', () => {
  it('trains an RBM by CD-1, samples fantasy particles and checks AIS against exact log Z', () => {
    const plan = compile(rbm(4, 3, { seed: 1 }), { dtype: 'float64' });
    const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
    const data = { values, rows: 4, cols: 4 };
    const result = train(plan, data, { method: 'cd', k: 1, epochs: 100, batchSize: 2, learningRate: 0.05, seed: 7 });
    expect(exactLogLikelihood(plan, values, 4).toFixed(2)).toBe('-2.77');
    expect(exactLogLikelihood(result.plan, values, 4) > -1).toBe(true);

    const chains = initGibbs(result.plan, { chains: 1000, seed: 'fantasy', init: 'random' });
    runGibbs(chains, 100);
    const v = result.plan.blocks.find((b) => b.group === 'v')!;
    const row = (c: number): string => chains.states.subarray(c * plan.size + v.offset, c * plan.size + v.offset + 4).join('');
    const patterns = Array.from({ length: 1000 }, (_, c) => row(c)).filter((r) => r === '1100' || r === '0011').length;
    expect(patterns > 850).toBe(true);

    const ais = aisLogZ(result.plan, { seed: 1, runs: 100, betas: 1000 });
    expect(Math.abs(ais.logZ - exactLogZ(result.plan)) < 0.1).toBe(true);
  });
});
