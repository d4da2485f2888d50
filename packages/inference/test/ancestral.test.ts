/**
 * Ancestral sampling and likelihood weighting: layout, the per-sample
 * substream rule, determinism (T1, T3, T4), evidence handling and weights
 * computed exactly, dtypes, and the Into twin.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network, sbn } from '@stochnet/graph';
import type { Backend, FloatArray } from '@stochnet/model';
import { blockFieldInto, compile, jsBackend, logBernoulli } from '@stochnet/model';
import { ancestralSample, ancestralSampleInto } from '@stochnet/inference';
import { m3, m4 } from '../../../test/support/fixtures.js';

const plan = compile(m3(), { dtype: 'float64' });

describe('ancestralSample', () => {
  it('returns samples × plan.size binary states in the plan dtype, no weights without evidence', () => {
    const r = ancestralSample(plan, { samples: 300, seed: 1 });
    expect(r.states).toBeInstanceOf(Float64Array);
    expect(r.states.length).toBe(300 * 6);
    expect(r.states.every((s) => s === 0 || s === 1)).toBe(true);
    expect(r.logWeights).toBeUndefined();
    const p32 = compile(m3());
    expect(ancestralSample(p32, { samples: 3, seed: 1 }).states).toBeInstanceOf(Float32Array);
  });

  it('is byte-identical for the same seed, and seed 111 equals seed "111" (T1, T3)', () => {
    const a = ancestralSample(plan, { samples: 500, seed: 111 }).states;
    const b = ancestralSample(plan, { samples: 500, seed: '111' }).states;
    expect(Buffer.from(a.buffer)).toEqual(Buffer.from(b.buffer));
    const c = ancestralSample(plan, { samples: 500, seed: 112 }).states;
    expect(Buffer.from(a.buffer)).not.toEqual(Buffer.from(c.buffer));
  });

  it('takes rng instead of seed, derives forks from its seed, and never advances it', () => {
    const rng = createRng('r');
    const before = rng.state();
    const a = ancestralSample(plan, { samples: 100, rng }).states;
    expect(rng.state()).toEqual(before);
    rng.next();
    const b = ancestralSample(plan, { samples: 100, rng }).states;
    expect(b).toEqual(a);
    expect(ancestralSample(plan, { samples: 100, seed: 'r' }).states).toEqual(a);
  });

  it('adding samples never changes existing ones (T4), across tile boundaries', () => {
    const small = ancestralSample(plan, { samples: 300, seed: 9 }).states;
    const big = ancestralSample(plan, { samples: 1000, seed: 9 }).states;
    expect(big.subarray(0, small.length)).toEqual(small);
  });

  it("sample i draws unit g as [u < p] with the g-th uniform of rng.fork('sample/' + i) and the backend's probability", () => {
    const calls: { p: number[]; cols: number }[] = [];
    const spy: Backend = {
      ...jsBackend,
      biasSigmoid(out, x, bias, rows, cols) {
        jsBackend.biasSigmoid(out, x, bias, rows, cols);
        calls.push({ p: Array.from(out.subarray(0, rows * cols)), cols });
      },
    };
    const sp = compile(m4(), { dtype: 'float64', backend: spy });
    const samples = 100;
    const { states } = ancestralSample(sp, { samples, seed: 'S' });
    expect(calls.length).toBe(5);
    let ones = 0;
    sp.schedules.ancestral.forEach((b, k) => {
      const g = sp.blocks[b]!.offset;
      for (let i = 0; i < samples; i++) {
        const stream = createRng('S').fork(`sample/${i}`);
        const u = Array.from({ length: sp.size }, () => stream.next());
        const p = calls[k]!.p[i * calls[k]!.cols]!;
        expect(states[i * sp.size + g]).toBe(u[g]! < p ? 1 : 0);
        ones += states[i * sp.size + g]!;
      }
    });
    // Both outcomes occur, so the comparison is not trivially satisfied.
    expect(ones).toBeGreaterThan(0);
    expect(ones).toBeLessThan(5 * samples);
  });

  it('float32 and float64 plans give the same draws when no probability rounds across a uniform', () => {
    const a = ancestralSample(compile(m4(), { dtype: 'float64' }), { samples: 2000, seed: 4 }).states;
    const b = ancestralSample(compile(m4()), { samples: 2000, seed: 4 }).states;
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    expect(diff).toBe(0);
  });
});

describe('ancestralSample with evidence (likelihood weighting)', () => {
  const p4 = compile(m4(), { dtype: 'float64' });
  // m4 units a..e are groups sorted by id: a 0, b 1, c 2, d 3, e 4.
  const evidence = [
    { unit: 'c', values: [1] },
    { unit: 'e', values: [0] },
  ];

  it('sets observed units and weights each sample by Σ log p(observed | parents)', () => {
    const n = 400;
    const { states, logWeights } = ancestralSample(p4, { samples: n, seed: 3, evidence });
    expect(logWeights).toBeInstanceOf(Float64Array);
    const fc = new Float64Array(n);
    const fe = new Float64Array(n);
    blockFieldInto(fc, p4, states, n, 2);
    blockFieldInto(fe, p4, states, n, 4);
    for (let r = 0; r < n; r++) {
      expect(states[r * 5 + 2]).toBe(1);
      expect(states[r * 5 + 4]).toBe(0);
      expect(logWeights![r]).toBeCloseTo(logBernoulli(fc[r]!, 1) + logBernoulli(fe[r]!, 0), 13);
    }
  });

  it('per-sample evidence rows apply row by row', () => {
    const values = Float64Array.from({ length: 50 }, (_, r) => r % 2);
    const { states } = ancestralSample(p4, { samples: 50, seed: 3, evidence: [{ unit: 'd', values }] });
    for (let r = 0; r < 50; r++) expect(states[r * 5 + 3]).toBe(r % 2);
  });

  it('unobserved units are drawn exactly as without evidence when nothing upstream is observed', () => {
    const free = ancestralSample(p4, { samples: 200, seed: 8 }).states;
    const lw = ancestralSample(p4, { samples: 200, seed: 8, evidence: [{ unit: 'e', values: [1] }] }).states;
    for (let r = 0; r < 200; r++) for (let g = 0; g < 4; g++) expect(lw[r * 5 + g]).toBe(free[r * 5 + g]);
  });

  it('an impossible observation (bias −∞) gives log-weight −∞, never NaN', () => {
    const p = compile(network().unit('a').unit('b').edge('a', 'b', 1).build(), { dtype: 'float64' });
    p.bias[1] = -Infinity;
    const { logWeights } = ancestralSample(p, { samples: 10, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
    expect(Array.from(logWeights!)).toEqual(new Array(10).fill(-Infinity));
  });
});

describe('ancestralSampleInto', () => {
  it('writes the same samples and weights as ancestralSample, into float32 or float64 buffers', () => {
    const ref = ancestralSample(plan, { samples: 64, seed: 2, evidence: [{ group: 'v', values: [1, 0] }] });
    const out = { states: new Float32Array(64 * 6), logWeights: new Float64Array(64).fill(7) };
    ancestralSampleInto(out, plan, { samples: 64, seed: 2, evidence: [{ group: 'v', values: [1, 0] }] });
    expect(Array.from(out.states)).toEqual(Array.from(ref.states));
    expect(out.logWeights).toEqual(ref.logWeights);
  });

  it('sets optional logWeights to 0 without evidence and overwrites NaN-filled states', () => {
    const out: { states: FloatArray; logWeights: Float64Array } = {
      states: new Float64Array(20 * 6).fill(Number.NaN),
      logWeights: new Float64Array(20).fill(3),
    };
    ancestralSampleInto(out, plan, { samples: 20, seed: 5 });
    expect(out.states.every((s) => s === 0 || s === 1)).toBe(true);
    expect(out.logWeights.every((w) => w === 0)).toBe(true);
  });

  it('works for a layered SBN preset with skip-free and a DAG with skips alike', () => {
    for (const net of [sbn([5, 4, 3], { seed: 1 }), m4()]) {
      const p = compile(net);
      const out = { states: new Float32Array(7 * p.size) };
      ancestralSampleInto(out, p, { samples: 7, seed: 1 });
      expect(out.states.every((s) => s === 0 || s === 1)).toBe(true);
    }
  });
});
