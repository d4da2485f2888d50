/**
 * The two-layer SBN path of exactLogLikelihood (every row in one Gray-code
 * walk over the hidden configurations) against brute force: log p(v) as
 * the log-sum-exp of logProb over every hidden state, per row, averaged.
 * Many rows at once (each row's running sum is separate), float32 and
 * float64 plans, a masked coupling, weights large enough that most terms
 * fall more than 60 nats below the maximum (the skipped ones), and more
 * than 4096 configurations (the periodic recomputation). A deeper SBN and
 * a sparse coupling take the general walker; both paths must agree with
 * brute force to 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, normal, sbn } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, exactLogLikelihood, logProb, logSumExp } from '@stochnet/model';
import type { Dtype, Plan } from '@stochnet/model';
import { stateOf } from './support/reference.js';

/** Brute force: the mean over rows of log Σ_h p(v, h). */
function bruteForce(plan: Plan, data: Uint8Array, rows: number): number {
  const vis = plan.blocks.filter((b) => b.role === 'visible');
  const hidden = plan.blocks.filter((b) => b.role !== 'visible');
  const nh = hidden.reduce((n, b) => n + b.size, 0);
  const nv = vis.reduce((n, b) => n + b.size, 0);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const terms: number[] = [];
    for (let h = 0; h < 2 ** nh; h++) {
      const s = new Float64Array(plan.size);
      const bits = stateOf(h, nh);
      let k = 0;
      for (const b of hidden) for (let i = 0; i < b.size; i++) s[b.offset + i] = bits[k++]!;
      let c = 0;
      for (const b of vis) for (let i = 0; i < b.size; i++) s[b.offset + i] = data[r * nv + c++]!;
      terms.push(logProb(plan, s));
    }
    total += logSumExp(terms);
  }
  return total / rows;
}

function rowsOf(n: number, nv: number, seed: string): Uint8Array {
  const r = createRng(seed);
  return Uint8Array.from({ length: n * nv }, () => (r.next() < 0.4 ? 1 : 0));
}

function expectClose(got: number, want: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
}

describe('exactLogLikelihood of two-layer SBNs (one walk for all rows)', () => {
  const cases: [string, Network, Dtype][] = [
    ['6 ← 5, W sd 1, float64', sbn([6, 5], { seed: 'sx1', init: normal(0, 1) }), 'float64'],
    ['6 ← 5, W sd 1, float32', sbn([6, 5], { seed: 'sx2', init: normal(0, 1) }), 'float32'],
    ['5 ← 4, W sd 12 (most terms skipped)', sbn([5, 4], { seed: 'sx3', init: normal(0, 12) }), 'float64'],
    [
      '4 ← 3, masked',
      network({ seed: 'sx4' })
        .layer('h', 3, { bias: normal(0, 1) })
        .layer('v', 4, { role: 'visible', bias: normal(0, 1) })
        .connect('h', 'v', { init: normal(0, 1), mask: [[1, 0, 1, 1], [0, 1, 1, 0], [1, 1, 0, 1]] })
        .build(),
      'float64',
    ],
  ];
  for (const [name, net, dtype] of cases) {
    it(`${name}: 40 rows agree with brute force`, () => {
      const plan = compile(net, { dtype });
      const nv = plan.blocks.find((b) => b.role === 'visible')!.size;
      const data = rowsOf(40, nv, name);
      expectClose(exactLogLikelihood(plan, data, 40), bruteForce(plan, data, 40));
    });
  }

  it('13 hidden units (past the 4096-step recomputation): 3 rows agree with brute force', () => {
    const plan = compile(sbn([4, 13], { seed: 'sx5', init: normal(0, 1) }), { dtype: 'float64' });
    const data = rowsOf(3, 4, 'long');
    expectClose(exactLogLikelihood(plan, data, 3), bruteForce(plan, data, 3));
  });

  it('each row is its own sum: the mean of single-row calls equals one call on all rows', () => {
    const plan = compile(sbn([6, 7], { seed: 'sx6', init: normal(0, 2) }), { dtype: 'float64' });
    const data = rowsOf(25, 6, 'split');
    let mean = 0;
    for (let r = 0; r < 25; r++) mean += exactLogLikelihood(plan, data.subarray(r * 6, (r + 1) * 6), 1) / 25;
    expectClose(exactLogLikelihood(plan, data, 25), mean);
  });

  it('a three-layer SBN takes the general walker and agrees too', () => {
    const plan = compile(sbn([4, 3, 2], { seed: 'sx7', init: normal(0, 1) }), { dtype: 'float64' });
    const data = rowsOf(10, 4, 'deep');
    expectClose(exactLogLikelihood(plan, data, 10), bruteForce(plan, data, 10));
  });

  it('still refuses more hidden states than maxStates, naming the limit', () => {
    const plan = compile(sbn([3, 12], { seed: 'sx8' }), { dtype: 'float64' });
    expect(() => exactLogLikelihood(plan, Uint8Array.of(1, 0, 1), 1, { maxStates: 2 ** 11 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE', details: expect.objectContaining({ option: 'maxStates', bits: 12 }) }));
  });
});
