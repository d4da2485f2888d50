/**
 * D1: enumeration and normalisation. Exact log-probabilities of every
 * fixture match a brute-force chain-graph reference computed from the
 * Network's arrays; Σp = 1; the RBM free energy matches brute force; SBN
 * log p is the sum of its CPDs; M6 marginals are σ(b).
 */
import { describe, expect, it } from 'vitest';
import {
  compile,
  energy,
  exactLogLikelihood,
  exactLogProbabilities,
  exactLogZ,
  exactMarginals,
  exactMoments,
  freeEnergy,
  logBernoulli,
  logProb,
  logSumExp,
  sigmoid,
  softplus,
} from '@stochnet/model';
import { boltzmann, network, normal, rbm, sbn } from '@stochnet/graph';
import { FIXTURES, m2a, m2b, m2c, m3, m6 } from './support/fixtures.js';
import { refLayout, refLogJoint, refLogProbabilities, refNegEnergy, stateOf } from './support/reference.js';

const f64 = { dtype: 'float64' } as const;

describe('D1 enumeration and normalisation', () => {
  for (const [id, make] of Object.entries(FIXTURES)) {
    it(`${id}: Σ exp(log p) = 1 and log p equals the brute-force reference`, () => {
      const net = make();
      const plan = compile(net, f64);
      const lp = exactLogProbabilities(plan);
      expect(Math.abs(logSumExp(lp))).toBeLessThanOrEqual(1e-12);
      const ref = refLogProbabilities(net);
      for (let x = 0; x < lp.length; x++) expect(Math.abs(lp[x]! - ref[x]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref[x]!)));
      // logProb of single states agrees with the table.
      for (let x = 0; x < lp.length; x += 7) expect(Math.abs(logProb(plan, stateOf(x, plan.size)) - lp[x]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lp[x]!)));
    });
  }

  for (const make of [m2a, m2b, m2c]) {
    it(`RBM ${make.name}: F(v) = −log Σ_h e^(−E(v,h)) by brute force, and log Z`, () => {
      const net = make();
      const plan = compile(net, f64);
      const vis = plan.blocks.find((b) => b.role === 'visible')!;
      const hid = plan.blocks.find((b) => b.role !== 'visible')!;
      const negE: number[] = [];
      for (let x = 0; x < 2 ** plan.size; x++) negE.push(-energy(plan, stateOf(x, plan.size)));
      expect(Math.abs(exactLogZ(plan) - logSumExp(negE))).toBeLessThanOrEqual(1e-12 * Math.abs(logSumExp(negE)));
      for (let v = 0; v < 2 ** vis.size; v++) {
        const vv = stateOf(v, vis.size);
        const terms: number[] = [];
        for (let h = 0; h < 2 ** hid.size; h++) {
          const s = new Float64Array(plan.size);
          s.set(vv, vis.offset);
          s.set(stateOf(h, hid.size), hid.offset);
          terms.push(refNegEnergy(net, s));
        }
        const bf = -logSumExp(terms);
        expect(Math.abs(freeEnergy(plan, vv) - bf)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(bf)));
      }
    });
  }

  it('SBN (M3): log p(x) is the sum of log CPDs', () => {
    const net = m3();
    const plan = compile(net, f64);
    const L = refLayout(net);
    const w1 = net.couplings.get('h1->v' as never)!.weights;
    const w2 = net.couplings.get('h2->h1' as never)!.weights;
    const b = (g: string): Float64Array => net.biases.get(g as never)!;
    for (let x = 0; x < 64; x++) {
      const s = stateOf(x, 6);
      const at = (g: string, i: number): number => s[L.offset.get(g)! + i]!;
      let cpd = 0;
      for (let j = 0; j < 2; j++) cpd += logBernoulli(b('h2')[j]!, at('h2', j));
      for (let j = 0; j < 2; j++) cpd += logBernoulli(b('h1')[j]! + w2[0 * 2 + j]! * at('h2', 0) + w2[1 * 2 + j]! * at('h2', 1), at('h1', j));
      for (let j = 0; j < 2; j++) cpd += logBernoulli(b('v')[j]! + w1[0 * 2 + j]! * at('h1', 0) + w1[1 * 2 + j]! * at('h1', 1), at('v', j));
      expect(Math.abs(logProb(plan, s) - cpd)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(cpd)));
      expect(Math.abs(refLogJoint(net, s) - cpd)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(cpd)));
    }
  });

  it('M6 (all weights 0): marginals equal σ(b) within 1e-15', () => {
    const plan = compile(m6(), f64);
    const m = exactMarginals(plan);
    for (let i = 0; i < plan.size; i++) expect(Math.abs(m[i]! - sigmoid(plan.bias[i]!))).toBeLessThanOrEqual(1e-15);
  });

  for (const [id, make] of Object.entries(FIXTURES)) {
    it(`${id}: exact marginals and moments equal sums over the enumerated table`, () => {
      const plan = compile(make(), f64);
      const n = plan.size;
      const lp = exactLogProbabilities(plan);
      const mean = new Float64Array(n);
      const second = new Float64Array(n * n);
      for (let x = 0; x < lp.length; x++) {
        const p = Math.exp(lp[x]!);
        for (let i = 0; i < n; i++) {
          if (((x >> i) & 1) === 0) continue;
          mean[i]! += p;
          for (let j = 0; j < n; j++) if (((x >> j) & 1) === 1) second[i * n + j]! += p;
        }
      }
      const mom = exactMoments(plan);
      const marg = exactMarginals(plan);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(marg[i]! - mean[i]!)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(mom.mean[i]! - mean[i]!)).toBeLessThanOrEqual(1e-12);
      }
      for (let k = 0; k < n * n; k++) expect(Math.abs(mom.second[k]! - second[k]!)).toBeLessThanOrEqual(1e-12);
    });
  }

  it('long Gray-code walks (past the 4096-state refresh) stay exact: BM of 14 units', () => {
    const plan = compile(boltzmann(14, { seed: 'long', init: normal(0, 0.7), bias: normal(0, 0.5) }), f64);
    const negE = Float64Array.from({ length: 2 ** 14 }, (_, x) => -energy(plan, stateOf(x, 14)));
    const lz = logSumExp(negE);
    expect(Math.abs(exactLogZ(plan) - lz)).toBeLessThanOrEqual(1e-12 * Math.abs(lz));
    const lp = exactLogProbabilities(plan);
    let worst = 0;
    for (let x = 0; x < lp.length; x++) worst = Math.max(worst, Math.abs(lp[x]! - (negE[x]! - lz)));
    expect(worst).toBeLessThanOrEqual(1e-11);
    const m = exactMarginals(plan);
    for (let i = 0; i < 14; i++) {
      let e = 0;
      for (let x = 0; x < lp.length; x++) if ((x >> i) & 1) e += Math.exp(negE[x]! - lz);
      expect(Math.abs(m[i]! - e)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('long Gray-code walks stay exact: SBN with 13 hidden units, log-likelihood against logProb sums', () => {
    const plan = compile(sbn([3, 13], { seed: 'long-sbn', init: normal(0, 1) }), f64);
    const vis = plan.blocks.find((b) => b.role === 'visible')!;
    const hid = plan.blocks.find((b) => b.role !== 'visible')!;
    for (const v of [0, 5, 7]) {
      const terms: number[] = [];
      for (let h = 0; h < 2 ** 13; h++) {
        const s = new Float64Array(plan.size);
        s.set(stateOf(v, 3), vis.offset);
        s.set(stateOf(h, 13), hid.offset);
        terms.push(logProb(plan, s));
      }
      const ref = logSumExp(terms);
      expect(Math.abs(exactLogLikelihood(plan, stateOf(v, 3), 1) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
    }
  });

  it('RBM log Z enumerates only the smaller side (dense, masked, either orientation)', () => {
    const mask = Array.from({ length: 30 }, (_, i) => [1, i % 2, 1, (i + 1) % 2]);
    const nets = [
      rbm(30, 4, { seed: 'side', init: normal(0, 0.3), visibleBias: normal(0, 0.5), hiddenBias: normal(0, 0.5) }),
      network({ seed: 'side2' })
        .layer('v', 30, { role: 'visible', bias: normal(0, 0.5) })
        .layer('h', 4, { bias: normal(0, 0.5) })
        .connect('h', 'v', { undirected: true, init: normal(0, 0.3), mask: Array.from({ length: 4 }, (_, j) => mask.map((r) => r[j]!)) })
        .build(),
    ];
    for (const net of nets) {
      const plan = compile(net, f64);
      const vis = plan.blocks.find((b) => b.role === 'visible')!;
      const hid = plan.blocks.find((b) => b.role !== 'visible')!;
      const wb = plan.weights[0]!;
      const visIsFrom = wb.from === plan.blocks.indexOf(vis);
      const w = (i: number, j: number): number => (visIsFrom ? wb.weights[i * wb.cols + j]! : wb.weights[j * wb.cols + i]!);
      const terms: number[] = [];
      for (let h = 0; h < 16; h++) {
        let t = 0;
        for (let j = 0; j < 4; j++) if ((h >> j) & 1) t += plan.bias[hid.offset + j]!;
        for (let i = 0; i < 30; i++) {
          let a = plan.bias[vis.offset + i]!;
          for (let j = 0; j < 4; j++) if ((h >> j) & 1) a += w(i, j);
          t += softplus(a);
        }
        terms.push(t);
      }
      const ref = logSumExp(terms);
      expect(Math.abs(exactLogZ(plan, { maxStates: 16 }) - ref)).toBeLessThanOrEqual(1e-12 * Math.abs(ref));
    }
  });
});
