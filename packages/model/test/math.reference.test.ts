/**
 * D4 / P3: compiled math equals the graph. Energies, block fields (through
 * the backend kernels) and Markov-blanket conditionals computed on the plan
 * equal references computed straight from the Network's typed arrays, for
 * random states and every connectivity (dense, masked, sparse; lateral,
 * between groups, directed).
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, createRng, network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { blockFieldInto, compile, conditional, energy, exactLogZ, FieldWorkspace, freeEnergy, hiddenGivenVisible, logSumExp, sigmoid, visibleGivenHidden } from '@stochnet/model';
import { FIXTURES } from './support/fixtures.js';
import { refField, refLogJoint, refNegEnergy, stateOf } from './support/reference.js';

const sym = (n: number, keep: (i: number, j: number) => boolean): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i !== j && keep(Math.min(i, j), Math.max(i, j)) ? 1 : 0)));

/** Networks covering every connectivity the plan supports. */
const ZOO: Record<string, () => Network> = {
  ...FIXTURES,
  sparseLateral: () => boltzmann(7, { seed: 'sl', density: 0.5, init: normal(0, 1), bias: normal(0, 0.5) }),
  maskedLateral: () =>
    network({ seed: 'ml' })
      .layer('x', 6, { role: 'visible', bias: normal(0, 0.5) })
      .connect('x', 'x', { undirected: true, init: normal(0, 1), mask: sym(6, (i, j) => (i + 2 * j) % 3 !== 0) })
      .build(),
  maskedRbm: () =>
    network({ seed: 'mr' })
      .layer('v', 4, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h', 3, { bias: normal(0, 0.5) })
      .connect('v', 'h', { undirected: true, init: normal(0, 1), mask: [[1, 0, 1], [1, 1, 0], [0, 1, 1], [1, 1, 1]] })
      .build(),
  sparseRbm: () =>
    network({ seed: 'sr' })
      .layer('v', 4, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h', 3, { bias: normal(0, 0.5) })
      .connect('v', 'h', { undirected: true, sparse: [[0, 0, 0.7], [3, 2, -1.1], [1, 2, 0.4], [2, 1, 1.3], [0, 1, -0.6]] })
      .build(),
  dbm: () =>
    network({ seed: 'dbm' })
      .layer('v', 3, { role: 'visible', bias: normal(0, 0.5) })
      .layer('h1', 2, { bias: normal(0, 0.5) })
      .layer('h2', 3, { bias: normal(0, 0.5) })
      .connect('v', 'h1', { undirected: true, init: normal(0, 1) })
      .connect('h2', 'h1', { undirected: true, init: normal(0, 1) })
      .connect('h2', 'h2', { undirected: true, sparse: [[0, 2, 0.9], [1, 2, -0.8]] })
      .build(),
  mixedDirected: () =>
    network({ seed: 'md' })
      .layer('a', 3, { bias: normal(0, 0.5) })
      .layer('b', 2, { bias: normal(0, 0.5) })
      .layer('c', 3, { role: 'visible', bias: normal(0, 0.5) })
      .connect('a', 'b', { init: normal(0, 1), mask: [[1, 0], [0, 1], [1, 1]] })
      .connect('a', 'c', { sparse: [[0, 2, 1.2], [2, 0, -0.7]] })
      .connect('b', 'c', { init: normal(0, 1) })
      .build(),
};

describe('D4 / P3 compiled math equals the graph', () => {
  for (const [id, make] of Object.entries(ZOO)) {
    it(`${id}: energy, block fields and conditionals match the Network reference`, () => {
      const net = make();
      const plan = compile(net, { dtype: 'float64' });
      const plan32 = compile(net);
      const n = plan.size;
      const rng = createRng(`D4/${id}`);
      const batch = 5;
      const states = Float64Array.from({ length: batch * n }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
      const undirected = plan.weights.every((w) => !w.directed);
      const ws = new FieldWorkspace(plan, 2);
      const ws32 = new FieldWorkspace(plan32, 1);
      for (let r = 0; r < batch; r++) {
        const s = states.subarray(r * n, (r + 1) * n);
        if (undirected) {
          const ref = -refNegEnergy(net, s);
          expect(Math.abs(energy(plan, s) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
        }
        for (let i = 0; i < n; i++) {
          const t = Float64Array.from(s);
          t[i] = 1;
          const on = refLogJoint(net, t);
          t[i] = 0;
          const expected = sigmoid(on - refLogJoint(net, t));
          expect(Math.abs(conditional(plan, s, i) - expected)).toBeLessThanOrEqual(1e-12);
        }
      }
      plan.blocks.forEach((blk, b) => {
        const out = new Float64Array(batch * blk.size);
        const out32 = new Float32Array(batch * blk.size);
        blockFieldInto(out, plan, states, batch, b, { workspace: ws });
        blockFieldInto(out32, plan32, Float32Array.from(states), batch, b, { workspace: ws32 });
        for (let r = 0; r < batch; r++) {
          for (let i = 0; i < blk.size; i++) {
            const ref = refField(net, states.subarray(r * n, (r + 1) * n), blk.offset + i);
            expect(Math.abs(out[r * blk.size + i]! - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
            expect(Math.abs(out32[r * blk.size + i]! - ref)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref)));
          }
        }
      });
    });
  }

  it('blockFieldInto accepts Uint8Array states, reuses a workspace across batch sizes, and accepts mean-field values on request', () => {
    const net = ZOO.dbm!();
    const plan = compile(net, { dtype: 'float64' });
    const ws = new FieldWorkspace(plan, 1);
    const rng = createRng('D4/reuse');
    const n = plan.size;
    for (const batch of [1, 4, 2]) {
      const bits = Uint8Array.from({ length: batch * n }, () => (rng.nextDouble() < 0.5 ? 1 : 0));
      for (let b = 0; b < plan.blocks.length; b++) {
        const size = plan.blocks[b]!.size;
        const a = new Float64Array(batch * size);
        const c = new Float64Array(batch * size);
        blockFieldInto(a, plan, bits, batch, b, { workspace: ws });
        blockFieldInto(c, plan, Float64Array.from(bits), batch, b);
        expect(a).toEqual(c);
      }
    }
    const half = new Float64Array(n).fill(0.5);
    const out = new Float64Array(plan.blocks[0]!.size);
    blockFieldInto(out, plan, half, 1, 0, { values: 'unit-interval' });
    expect(out.every(Number.isFinite)).toBe(true);
  });

  for (const id of ['M2c', 'maskedRbm', 'sparseRbm']) {
    it(`${id}: RBM layer conditionals, free energy and log Z agree with single-site conditionals and brute force`, () => {
      const net = ZOO[id]!();
      const plan = compile(net, { dtype: 'float64' });
      expect(plan.kind).toBe('rbm');
      const vis = plan.blocks.find((b) => b.role === 'visible')!;
      const hid = plan.blocks.find((b) => b.role !== 'visible')!;
      const negE: number[] = [];
      for (let x = 0; x < 2 ** plan.size; x++) negE.push(refNegEnergy(net, stateOf(x, plan.size)));
      expect(Math.abs(exactLogZ(plan) - logSumExp(negE))).toBeLessThanOrEqual(1e-12 * Math.max(1, logSumExp(negE)));
      for (let x = 0; x < 2 ** plan.size; x += 3) {
        const s = stateOf(x, plan.size);
        const v = s.slice(vis.offset, vis.offset + vis.size);
        const h = s.slice(hid.offset, hid.offset + hid.size);
        const ph = hiddenGivenVisible(plan, v);
        const pv = visibleGivenHidden(plan, h);
        for (let j = 0; j < hid.size; j++) expect(Math.abs(ph[j]! - conditional(plan, s, hid.offset + j))).toBeLessThanOrEqual(1e-12);
        for (let i = 0; i < vis.size; i++) expect(Math.abs(pv[i]! - conditional(plan, s, vis.offset + i))).toBeLessThanOrEqual(1e-12);
        const terms: number[] = [];
        for (let y = 0; y < 2 ** hid.size; y++) {
          const t = s.slice();
          t.set(stateOf(y, hid.size), hid.offset);
          terms.push(refNegEnergy(net, t));
        }
        expect(Math.abs(freeEnergy(plan, v) + logSumExp(terms))).toBeLessThanOrEqual(1e-12 * Math.max(1, logSumExp(terms)));
      }
    });
  }
});
