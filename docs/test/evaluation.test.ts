/** Twin of docs/evaluation.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TooLargeError, normal, rbm, sbn, visibleBiasFromData, zeros } from '@stochnet/graph';
import { compile, exactLogLikelihood, exactLogZ } from '@stochnet/model';
import { aisLogLikelihood, aisLogZ, importanceLogLikelihood, reconstructionError, reverseAisLogZ } from '@stochnet/inference';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];

describe('evaluation', () => {
  it('reconstruction error misleads', () => {
    const data = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0); // 4 rows of 6 pixels
    const fives = [-5, -5, -5, -5, -5, -5];
    const copier = compile(rbm(6, 6, { init: zeros(), visibleBias: fives, hiddenBias: fives }), { dtype: 'float64' });
    for (let i = 0; i < 6; i++) copier.weights[0]!.weights[i * 6 + i] = 10; // h_i copies v_i, and v_i copies h_i back
    const counter = compile(rbm(6, 6, { init: zeros(), visibleBias: visibleBiasFromData(data, 4, 6) }), { dtype: 'float64' });
    for (const model of [copier, counter]) {
      console.log(reconstructionError(model, data, 4).toFixed(3), exactLogLikelihood(model, data, 4).toFixed(2));
    }
    // copier: 0.000 -4.16  (every one of the 64 patterns equally likely: 6·log ½)
    // counter: 0.063 -1.13 (independent pixels at the data's rates)

    expect(printed()).toEqual(GUIDE_RECON);
  });

  it('exact log-likelihood and its limit', () => {
    try {
      exactLogLikelihood(compile(rbm(30, 30, { init: zeros() })), new Uint8Array(30), 1);
    } catch (e) {
      console.log(e instanceof TooLargeError, (e as TooLargeError).code); // true TOO_LARGE: 2^30 hidden states
    }

    expect(printed()).toEqual([[true, 'TOO_LARGE']]);
  });

  it('AIS and its sandwich', () => {
    const model = compile(rbm(20, 10, { seed: 6, init: normal(0, 1.5) }), { dtype: 'float64' });
    const exact = exactLogZ(model);
    for (const betas of [10, 100, 500]) {
      const forward = aisLogZ(model, { seed: 1, runs: 100, betas });
      const reverse = reverseAisLogZ(model, { seed: 1, runs: 100, betas, burnIn: 100 });
      console.log(betas, (forward.logZ - exact).toFixed(3), (reverse.logZ - exact).toFixed(3)); // K, forward − exact, reverse − exact
    }
    const rows = new Uint8Array(40).map((_, i) => (i % 3 === 0 ? 1 : 0)); // two rows of 20
    const ll = aisLogLikelihood(model, rows, 2, { seed: 2, runs: 100, betas: 100, burnIn: 100 });
    console.log(ll.bracket, ll.lower.toFixed(3), ll.upper.toFixed(3), exactLogLikelihood(model, rows, 2).toFixed(3)); // sandwich -33.457 -32.698 -32.847

    const lines = printed();
    expect(lines.slice(0, 3)).toEqual(GUIDE_AIS);
    expect(lines[3]![0]).toBe('sandwich');
    expect(lines[3]).toEqual(GUIDE_SANDWICH);
  });

  it('importance sampling for belief nets', () => {
    const belief = compile(sbn([8, 4], { seed: 4, init: normal(0, 2) }), { dtype: 'float64' });
    const rows = Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1);
    for (const samples of [10, 100, 10_000]) {
      const est = importanceLogLikelihood(belief, rows, 2, { seed: 3, samples });
      console.log(samples, est.logLikelihood.toFixed(3), est.standardError.toFixed(3), est.ess.toFixed(1)); // S, estimate, standard error, ESS
    }
    console.log(exactLogLikelihood(belief, rows, 2).toFixed(3)); // the exact value, summing 2^4 hidden states

    const lines = printed();
    expect(lines).toEqual(GUIDE_IS);
    const exact = Number(lines[3]![0]);
    expect(Math.abs(Number(lines[2]![1]) - exact)).toBeLessThan(5 * Number(lines[2]![2]) + 0.001);
  });
});

const GUIDE_RECON = [
  ['0.000', '-4.16'],
  ['0.063', '-1.13'],
];
const GUIDE_AIS = [
  [10, '-2.191', '2.538'],
  [100, '-0.451', '0.452'],
  [500, '-0.002', '0.096'],
];
const GUIDE_SANDWICH = ['sandwich', '-33.457', '-32.698', '-32.847'];
const GUIDE_IS = [[10, '-7.284', '0.455', '2.1'], [100, '-7.255', '0.189', '12.4'], [10_000, '-7.275', '0.019', '1254.4'], ['-7.261']];
