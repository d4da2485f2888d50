/**
 * DBN sampling: layout of the result, the visible block, determinism and
 * sample-count invariance, the pass down (lower layers are drawn from their
 * CPDs given the top pair, through the backend's bernoulli kernel), and rbm
 * plans as one-layer DBNs.
 */
import { describe, expect, it } from 'vitest';
import { createRng, dbn, rbm } from '@stochnet/graph';
import type { Backend } from '@stochnet/model';
import { compile, jsBackend } from '@stochnet/model';
import { dbnSample, initGibbs, runGibbs } from '@stochnet/inference';
import { smallDbn } from '../../../test/support/fixtures.js';

describe('dbnSample', () => {
  const plan = compile(smallDbn(), { dtype: 'float64' });
  // smallDbn: groups h1(2), h2(1), h3(2), v(2) in layout order; h2--h3 is the top pair.

  it('returns full states and the visible block', () => {
    const r = dbnSample(plan, { samples: 50, gibbsSteps: 5, seed: 1 });
    expect(r.states.length).toBe(50 * 7);
    expect(plan.blocks[r.visibleBlock]!.group).toBe('v');
    const off = plan.blocks[r.visibleBlock]!.offset;
    for (let i = 0; i < 50; i++) expect(Array.from(r.visible.subarray(i * 2, i * 2 + 2))).toEqual(Array.from(r.states.subarray(i * 7 + off, i * 7 + off + 2)));
    expect(r.states.every((s) => s === 0 || s === 1)).toBe(true);
  });

  it('is byte-identical for the same seed, and adding samples never changes existing ones', () => {
    const a = dbnSample(plan, { samples: 20, gibbsSteps: 7, seed: 'd' }).states;
    const b = dbnSample(plan, { samples: 70, gibbsSteps: 7, seed: 'd' }).states;
    expect(Buffer.from(b.buffer).subarray(0, a.byteLength)).toEqual(Buffer.from(a.buffer));
  });

  it('top pair = runGibbs chains of the same seed; the pass down continues each chain stream', () => {
    const samples = 6;
    const calls: { p: number[] }[] = [];
    const spy: Backend = {
      ...jsBackend,
      biasSigmoid(out, x, bias, rows, cols) {
        jsBackend.biasSigmoid(out, x, bias, rows, cols);
        calls.push({ p: Array.from(out.subarray(0, rows * cols)) });
      },
    };
    const sp = compile(smallDbn(), { dtype: 'float64', backend: spy });
    const { states } = dbnSample(sp, { samples, gibbsSteps: 3, seed: 'q' });
    const ref = initGibbs(plan, { chains: samples, seed: 'q', init: 'random' });
    runGibbs(ref, 3);
    for (let i = 0; i < samples; i++) for (const g of [2, 3, 4]) expect(states[i * 7 + g]).toBe(ref.states[i * 7 + g]);
    // The last two probability calls are the pass down: h1 (offset 0), then v (offset 5);
    // each unit is [u < p] with the uniform its chain's stream draws next for that unit.
    const down = calls.slice(-2);
    for (let i = 0; i < samples; i++) {
      const rest = Array.from({ length: 7 }, () => ref.rngs[i]!.next());
      for (let j = 0; j < 2; j++) {
        expect(states[i * 7 + j]).toBe(rest[j]! < down[0]!.p[i * 2 + j]! ? 1 : 0);
        expect(states[i * 7 + 5 + j]).toBe(rest[5 + j]! < down[1]!.p[i * 2 + j]! ? 1 : 0);
      }
    }
    expect(createRng('q').fork('chain/0').seed).toBe(ref.rngs[0]!.seed);
  });

  it('accepts an rbm plan as a one-layer DBN', () => {
    const p = compile(rbm(3, 2, { seed: 2 }));
    const r = dbnSample(p, { samples: 4, gibbsSteps: 2, seed: 1 });
    expect(p.blocks[r.visibleBlock]!.group).toBe('v');
    expect(r.visible.length).toBe(12);
  });

  it('works on a deeper DBN preset and float32', () => {
    const p = compile(dbn([5, 4, 3, 2], { seed: 4 }));
    const r = dbnSample(p, { samples: 9, gibbsSteps: 3, seed: 1, init: 'zeros' });
    expect(r.states).toBeInstanceOf(Float32Array);
    expect(r.visible.length).toBe(45);
  });
});
