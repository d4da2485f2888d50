/**
 * Posterior Gibbs: observed units never change, the per-chain substream
 * rule, determinism and chain-count invariance, initial states, workspace
 * reuse (and cache invalidation when parameters or states change between
 * steps), and zero-probability evidence: refused when exactly impossible,
 * sampled correctly when merely tiny.
 */
import { describe, expect, it } from 'vitest';
import { createRng, network } from '@stochnet/graph';
import { compile, sigmoid } from '@stochnet/model';
import { ZeroProbabilityEvidenceError, createPosteriorWorkspace, initPosterior, posteriorStep, runPosterior } from '@stochnet/inference';
import { m3, m4 } from '../../../test/support/fixtures.js';

const plan = compile(m3(), { dtype: 'float64' });
// m3 layout: h1 0-1, h2 2-3, v 4-5.
const V = [{ group: 'v', values: [1, 0] }];

describe('initPosterior / posteriorStep', () => {
  it('never changes observed units, and updates the others in ascending order', () => {
    const state = initPosterior(plan, { chains: 500, seed: 1, evidence: V });
    expect(Array.from(state.order)).toEqual([0, 1, 2, 3]);
    let flips = 0;
    for (let t = 0; t < 20; t++) {
      flips += posteriorStep(state).flips;
      for (let c = 0; c < 500; c++) expect([state.states[c * 6 + 4], state.states[c * 6 + 5]]).toEqual([1, 0]);
    }
    expect(flips).toBeGreaterThan(0);
    expect(state.sweeps).toBe(20);
  });

  it('per-chain evidence rows hold per chain', () => {
    const values = Float64Array.from({ length: 40 * 2 }, (_, k) => (k % 3 === 0 ? 1 : 0));
    const state = initPosterior(plan, { chains: 40, seed: 2, evidence: [{ group: 'v', values }] });
    runPosterior(state, 5);
    for (let c = 0; c < 40; c++) expect([state.states[c * 6 + 4], state.states[c * 6 + 5]]).toEqual([values[2 * c], values[2 * c + 1]]);
  });

  it('is byte-identical for the same seed; adding chains never changes existing ones', () => {
    const a = initPosterior(plan, { chains: 30, seed: 'x', evidence: V });
    const b = initPosterior(plan, { chains: 300, seed: 'x', evidence: V });
    runPosterior(a, 12);
    runPosterior(b, 12);
    expect(Buffer.from(b.states.buffer).subarray(0, a.states.byteLength)).toEqual(Buffer.from(a.states.buffer));
  });

  it('running 5 then 7 sweeps equals running 12 (T4)', () => {
    const a = initPosterior(plan, { chains: 50, seed: 't4', evidence: V });
    const b = initPosterior(plan, { chains: 50, seed: 't4', evidence: V });
    runPosterior(a, 5);
    runPosterior(a, 7);
    runPosterior(b, 12);
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
    expect(a.sweeps).toBe(12);
  });

  it("chain c draws from rng.fork('chain/' + c): its init, then one uniform per free unit per sweep", () => {
    const one = compile(network().unit('a', { bias: 0.3 }).build(), { dtype: 'float64' });
    const state = initPosterior(one, { chains: 3, seed: 'k', evidence: [] });
    const p = sigmoid(0.3);
    const streams = [0, 1, 2].map((c) => createRng('k').fork(`chain/${c}`));
    for (let t = 0; t <= 5; t++) {
      if (t > 0) posteriorStep(state);
      for (let c = 0; c < 3; c++) expect(state.states[c]).toBe(streams[c]!.next() < p ? 1 : 0);
    }
  });

  it('starts from init (shared or per chain), with observed units set from the evidence', () => {
    const init = Float64Array.of(1, 1, 0, 1, 0, 1);
    const state = initPosterior(plan, { chains: 3, seed: 1, evidence: V, init });
    for (let c = 0; c < 3; c++) expect(Array.from(state.states.subarray(c * 6, c * 6 + 6))).toEqual([1, 1, 0, 1, 1, 0]);
    const per = Uint8Array.from({ length: 12 }, (_, k) => k % 2);
    const two = initPosterior(plan, { chains: 2, seed: 1, evidence: [], init: per });
    expect(Array.from(two.states)).toEqual(Array.from(per));
  });

  it('a reused workspace gives the same chains as a fresh one per step, and sees parameter and state edits', () => {
    const p = compile(m4(), { dtype: 'float64' });
    const ev = [{ unit: 'e', values: [1] }];
    const a = initPosterior(p, { chains: 200, seed: 3, evidence: ev });
    const b = initPosterior(p, { chains: 200, seed: 3, evidence: ev });
    const ws = createPosteriorWorkspace(a);
    const edit = (t: number): void => {
      if (t === 4) p.bias[2]! += 0.7;
      if (t === 7) p.weights[0]!.weights[0]! -= 1.1;
      if (t === 9) {
        a.states[5] = 1 - a.states[5]!;
        b.states[5] = 1 - b.states[5]!;
      }
    };
    for (let t = 0; t < 12; t++) {
      edit(t);
      posteriorStep(a, ws);
      posteriorStep(b);
    }
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
  });
});

describe('zero-probability evidence', () => {
  const twoUnits = (bias: number, weight: number) => {
    const p = compile(network().unit('a').unit('b').edge('a', 'b', 1).build(), { dtype: 'float64' });
    p.bias[1] = bias;
    p.weights[0]!.weights[0] = weight; // infinite values only by editing the plan
    return p;
  };

  it('an observed value whose CPD is exactly 0 for every parent value is refused (saturated CPD)', () => {
    const p = twoUnits(-Infinity, 1);
    expect(() => initPosterior(p, { chains: 4, seed: 1, evidence: [{ unit: 'b', values: [1] }] })).toThrow(ZeroProbabilityEvidenceError);
    try {
      initPosterior(p, { chains: 4, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
    } catch (e) {
      expect((e as ZeroProbabilityEvidenceError).code).toBe('ZERO_PROBABILITY_EVIDENCE');
      expect((e as ZeroProbabilityEvidenceError).details).toMatchObject({ unit: 1, value: 1, reason: 'saturated-cpd' });
    }
    // The other value is certain, so it is accepted.
    expect(() => initPosterior(p, { chains: 4, seed: 1, evidence: [{ unit: 'b', values: [0] }] })).not.toThrow();
  });

  it('jointly impossible evidence (a parent forced to 1, its child needing 0) is refused through the initial state', () => {
    const p = twoUnits(0, -Infinity);
    p.bias[0] = Infinity;
    expect(() => initPosterior(p, { chains: 2, seed: 1, evidence: [{ unit: 'b', values: [1] }] })).toThrow(ZeroProbabilityEvidenceError);
  });

  it('tiny but positive evidence (log p ≈ −1000) is sampled correctly, not refused', () => {
    const informative = initPosterior(twoUnits(-1000, 2000), { chains: 200, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
    runPosterior(informative, 2);
    for (let c = 0; c < 200; c++) expect(informative.states[c * 2]).toBe(1);
    const flat = initPosterior(twoUnits(-1000, 0), { chains: 4000, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
    runPosterior(flat, 2);
    let on = 0;
    for (let c = 0; c < 4000; c++) on += flat.states[c * 2]!;
    // The posterior of a is its prior σ(0) = ½; Hoeffding half-width at α = 1e-7 for n = 4000 is 0.046.
    expect(Math.abs(on / 4000 - 0.5)).toBeLessThan(0.046);
  });
});
