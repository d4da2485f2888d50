/**
 * Block-Gibbs unit tests: exact field checks against the model's
 * conditionals (tier i), the sweep's bookkeeping (schedule coverage, flips,
 * clamping, mean field, dtypes) and equivalences between entry points.
 */
import { describe, expect, it } from 'vitest';
import { dbn, rbm } from '@stochnet/graph';
import { compile, conditional, hiddenGivenVisible, visibleGivenHidden } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { chainRng, createGibbsWorkspace, gibbsStep, initGibbs, runGibbs, stepPartFieldsInto } from '@stochnet/inference';
import type { GibbsState } from '@stochnet/inference';
import { createRng } from '@stochnet/graph';
import { chainGraph, m2b } from '../../../test/support/fixtures.js';
import { undirectedNets } from './support/gibbs-nets.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Every state of a plan, row-major, bit i of row x = unit i. */
function allStates(plan: Plan): Float64Array {
  const n = plan.size;
  const rows = 2 ** n;
  const out = new Float64Array(rows * n);
  for (let x = 0; x < rows; x++) for (let i = 0; i < n; i++) out[x * n + i] = (x >> i) & 1;
  return out;
}

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('fields of every step part (exact, tier i)', () => {
  for (const [name, net] of Object.entries(undirectedNets())) {
    it(`σ(field) equals the model's full conditional for every state and unit: ${name}`, () => {
      const plan = compile(net, { dtype: 'float64' });
      const states = allStates(plan);
      const rows = 2 ** plan.size;
      let checked = 0;
      for (const step of plan.schedules.gibbs) {
        for (const part of step.parts) {
          const blk = plan.blocks[part.block]!;
          const units = part.units ?? Int32Array.from({ length: blk.size }, (_, i) => i);
          const out = new Float64Array(rows * units.length);
          stepPartFieldsInto(out, plan, states, rows, part);
          for (let x = 0; x < rows; x++) {
            units.forEach((i, t) => {
              const p = conditional(plan, states.subarray(x * plan.size, (x + 1) * plan.size), blk.offset + i);
              expect(Math.abs(sigmoid(out[x * units.length + t]!) - p)).toBeLessThan(1e-12);
              checked++;
            });
          }
        }
      }
      expect(checked).toBe(rows * plan.size); // every unit is in exactly one part
    });
  }

  it('listing every unit of a block gives the whole-block (gemm) field', () => {
    for (const net of Object.values(undirectedNets())) {
      const plan = compile(net, { dtype: 'float64' });
      const states = allStates(plan);
      const rows = 2 ** plan.size;
      plan.blocks.forEach((blk, b) => {
        const whole = new Float64Array(rows * blk.size);
        const listed = new Float64Array(rows * blk.size);
        stepPartFieldsInto(whole, plan, states, rows, { block: b, units: null });
        stepPartFieldsInto(listed, plan, states, rows, { block: b, units: Int32Array.from({ length: blk.size }, (_, i) => i) });
        whole.forEach((v, k) => expect(Math.abs(v - listed[k]!)).toBeLessThan(1e-12));
      });
    }
  });
});

describe('gibbsStep', () => {
  it('counts flips as the number of changed values, and sweeps every scheduled unit', () => {
    const plan = compile(undirectedNets()['semi-restricted']!, { dtype: 'float64' });
    const state = initGibbs(plan, { chains: 40, seed: 'flips', init: 'random' });
    for (let t = 0; t < 5; t++) {
      const before = Float64Array.from(state.states);
      const info = gibbsStep(state);
      let changed = 0;
      before.forEach((v, k) => (changed += v !== state.states[k] ? 1 : 0));
      expect(info.flips).toBe(changed);
      expect(info.flipRate).toBeCloseTo(changed / (40 * plan.size), 12);
      expect(info.sweep).toBe(t + 1);
    }
  });

  it('never changes a clamped unit, with shared or per-chain evidence, on every sweep', () => {
    const plan = compile(undirectedNets()['M1 (dense lateral)']!);
    const chains = 30;
    const perChain = Array.from({ length: chains * 2 }, (_, k) => (k * 7) % 3 === 0 ? 1 : 0);
    for (const values of [[1, 0], perChain]) {
      const state = initGibbs(plan, { chains, seed: 'clamp', init: 'random', clamp: [{ group: 'x', units: [2, 4], values }] });
      const expected = (r: number, j: number): number => (values.length === 2 ? values[j]! : values[r * 2 + j]!);
      for (let t = 0; t < 25; t++) {
        gibbsStep(state);
        for (let r = 0; r < chains; r++) {
          expect(state.states[r * 6 + 2]).toBe(expected(r, 0));
          expect(state.states[r * 6 + 4]).toBe(expected(r, 1));
        }
      }
    }
  });

  it('skips a fully clamped block: the chain streams advance by the free units only', () => {
    const plan = compile(rbm(5, 3, { seed: 1 }));
    const state = initGibbs(plan, { chains: 4, seed: 'skip', clamp: [{ group: 'v', values: [1, 0, 1, 1, 0] }] });
    gibbsStep(state);
    for (let c = 0; c < 4; c++) {
      const fresh = chainRng(createRng('skip'), c);
      for (let k = 0; k < 3; k++) fresh.next();
      expect(state.rngs[c]!.state()).toEqual(fresh.state());
    }
  });

  it('with meanField true writes p(v | h) then p(h | v_mf), and consumes the same uniforms as a sampling sweep', () => {
    const plan = compile(m2b(), { dtype: 'float64' });
    const a = initGibbs(plan, { chains: 6, seed: 'mf', init: 'random' });
    const b = initGibbs(plan, { chains: 6, seed: 'mf', init: 'random' });
    const h0 = hiddenOf(a);
    gibbsStep(a, undefined, { meanField: true });
    gibbsStep(b);
    const pv = visibleGivenHidden(plan, h0, 6);
    const ph = hiddenGivenVisible(plan, visibleOf(a), 6, { values: 'unit-interval' });
    visibleOf(a).forEach((v, k) => expect(Math.abs(v - pv[k]!)).toBeLessThan(1e-12));
    hiddenOf(a).forEach((v, k) => expect(Math.abs(v - ph[k]!)).toBeLessThan(1e-12));
    a.rngs.forEach((r, c) => expect(r.state()).toEqual(b.rngs[c]!.state()));
  });

  it("with meanField 'last' samples v and writes p(h | v)", () => {
    const plan = compile(m2b(), { dtype: 'float64' });
    const state = initGibbs(plan, { chains: 6, seed: 'mf-last', init: 'random' });
    gibbsStep(state, undefined, { meanField: 'last' });
    const v = visibleOf(state);
    expect(v.every((x) => x === 0 || x === 1)).toBe(true);
    const ph = hiddenGivenVisible(plan, v, 6);
    hiddenOf(state).forEach((x, k) => expect(Math.abs(x - ph[k]!)).toBeLessThan(1e-12));
    gibbsStep(state); // a sampling sweep reads the probabilities and makes everything binary again
    expect(Array.from(state.states).every((x) => x === 0 || x === 1)).toBe(true);
  });

  it('sweeps only the undirected part of dbn and general plans', () => {
    for (const net of [dbn([4, 3, 2, 2], { seed: 2 }), chainGraph()]) {
      const plan = compile(net);
      const swept = new Set<number>();
      for (const s of plan.schedules.gibbs) for (const part of s.parts) swept.add(part.block);
      const state = initGibbs(plan, { chains: 50, seed: 'dbn', init: 'random' });
      const before = Float64Array.from(state.states);
      runGibbs(state, 5);
      plan.blocks.forEach((blk, b) => {
        const same = Array.from({ length: 50 * blk.size }, (_, k) => {
          const at = Math.floor(k / blk.size) * plan.size + blk.offset + (k % blk.size);
          return before[at] === state.states[at];
        }).every(Boolean);
        expect(same).toBe(!swept.has(b));
      });
    }
  });

  it('keeps states in the plan dtype', () => {
    expect(initGibbs(compile(m2b()), { seed: 1 }).states).toBeInstanceOf(Float32Array);
    expect(initGibbs(compile(m2b(), { dtype: 'float64' }), { seed: 1 }).states).toBeInstanceOf(Float64Array);
  });
});

describe('entry points agree', () => {
  const plan = compile(undirectedNets()['sparse lateral']!);
  const fresh = (): GibbsState => initGibbs(plan, { chains: 9, seed: 'agree', init: 'random' });

  it('runGibbs equals repeated gibbsStep, with or without a workspace', () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    const ws = createGibbsWorkspace(plan, 9);
    const run = runGibbs(a, 12);
    const flips = Array.from({ length: 12 }, () => gibbsStep(b, ws).flips);
    for (let t = 0; t < 12; t++) gibbsStep(c);
    expect(bytes(a.states).equals(bytes(b.states))).toBe(true);
    expect(bytes(a.states).equals(bytes(c.states))).toBe(true);
    expect(Array.from(run.flips)).toEqual(flips);
    expect(a.sweeps).toBe(12);
  });

  it('starts from the given states, broadcast or per chain, with clamped units overriding them', () => {
    const one = Uint8Array.from({ length: plan.size }, (_, i) => i % 2);
    const s = initGibbs(plan, { chains: 3, seed: 1, init: one, clamp: [{ group: 'x', units: [0], values: [1] }] });
    for (let r = 0; r < 3; r++) expect(Array.from(s.states.subarray(r * plan.size, (r + 1) * plan.size))).toEqual([1, ...Array.from(one).slice(1)]);
    const many = Float64Array.from({ length: 3 * plan.size }, (_, k) => (k % 3 === 0 ? 1 : 0));
    expect(Array.from(initGibbs(plan, { chains: 3, seed: 1, init: many }).states)).toEqual(Array.from(many));
  });
});

function visibleOf(s: GibbsState): Float64Array {
  const v = s.plan.blocks.find((b) => b.group === 'v')!;
  return Float64Array.from({ length: s.chains * v.size }, (_, k) => s.states[Math.floor(k / v.size) * s.plan.size + v.offset + (k % v.size)]!);
}

function hiddenOf(s: GibbsState): Float64Array {
  const h = s.plan.blocks.find((b) => b.group === 'h')!;
  return Float64Array.from({ length: s.chains * h.size }, (_, k) => s.states[Math.floor(k / h.size) * s.plan.size + h.offset + (k % h.size)]!);
}
