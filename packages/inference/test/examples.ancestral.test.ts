/**
 * Twins of the @example blocks in ancestral.ts, posterior.ts, dbn.ts and
 * errors.ts (ZeroProbabilityEvidenceError): the same code, with the printed
 * values asserted.
 */
import { describe, expect, it } from 'vitest';
import { dbn, network, sbn } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import {
  ZeroProbabilityEvidenceError,
  ancestralSample,
  ancestralSampleInto,
  createPosteriorWorkspace,
  dbnSample,
  initPosterior,
  posteriorStep,
  runPosterior,
} from '@stochnet/inference';

describe('@example twins: ancestral sampling', () => {
  it('ancestralSample', () => {
    const plan = compile(sbn([4, 3, 2], { seed: 1 }));
    const { states } = ancestralSample(plan, { samples: 5, seed: 42 });
    expect(states.length).toBe(45);
  });

  it('ancestralSample: likelihood weighting on rain / sprinkler / wet grass', () => {
    const net = network()
      .unit('rain', { bias: -1 })
      .unit('sprinkler', { bias: -0.5 })
      .unit('wet', { bias: -4, role: 'visible' })
      .edge('rain', 'sprinkler', -2)
      .edge('rain', 'wet', 5)
      .edge('sprinkler', 'wet', 4)
      .build();
    const plan = compile(net, { dtype: 'float64' });
    expect(plan.blocks.map((b) => b.group)).toEqual(['rain', 'sprinkler', 'wet']);
    const n = 20000;
    const { states, logWeights } = ancestralSample(plan, { samples: n, seed: 1, evidence: [{ unit: 'wet', values: [1] }] });
    let num = 0;
    let den = 0;
    for (let r = 0; r < n; r++) {
      const w = Math.exp(logWeights![r]!);
      num += w * states[r * 3]!;
      den += w;
    }
    expect((num / den).toFixed(2)).toBe('0.58');
    // The exact posterior by enumeration (bit 0 = rain, bit 2 = wet).
    const lp = exactLogProbabilities(plan);
    let a = 0;
    let b = 0;
    for (let x = 4; x < 8; x++) {
      b += Math.exp(lp[x]!);
      if (x & 1) a += Math.exp(lp[x]!);
    }
    expect((a / b).toFixed(4)).toBe('0.5801');
  });

  it('ancestralSampleInto', () => {
    const plan = compile(sbn([3, 2], { seed: 1 }));
    const out = { states: new Float32Array(10 * plan.size) };
    ancestralSampleInto(out, plan, { samples: 10, seed: 'run-1' });
    expect(out.states.every((s) => s === 0 || s === 1)).toBe(true);
  });
});

describe('@example twins: posterior Gibbs', () => {
  it('initPosterior', () => {
    const plan = compile(sbn([3, 2], { seed: 1 }));
    const state = initPosterior(plan, { chains: 4, seed: 7, evidence: [{ group: 'v', values: [1, 0, 1] }] });
    runPosterior(state, 10);
    expect([state.sweeps, state.states.length]).toEqual([10, 20]);
  });

  it('createPosteriorWorkspace', () => {
    const plan = compile(sbn([3, 2], { seed: 1 }));
    const state = initPosterior(plan, { chains: 8, seed: 1, evidence: [] });
    const ws = createPosteriorWorkspace(state);
    for (let t = 0; t < 5; t++) posteriorStep(state, ws);
    expect(state.sweeps).toBe(5);
  });

  it('PosteriorWorkspace', () => {
    const state = initPosterior(compile(sbn([3, 2], { seed: 1 })), { chains: 16, seed: 2, evidence: [] });
    const ws = createPosteriorWorkspace(state);
    runPosterior(state, 3, ws);
    expect([ws.chains, ws.plan === state.plan]).toEqual([16, true]);
  });

  it('posteriorStep', () => {
    const plan = compile(sbn([2, 2], { seed: 3 }));
    const state = initPosterior(plan, { chains: 2, seed: 'p', evidence: [{ unit: 'v[0]', values: [1] }] });
    const { flips } = posteriorStep(state);
    expect(flips >= 0 && state.states[2] === 1).toBe(true);
  });

  it('runPosterior', () => {
    const plan = compile(sbn([4, 2], { seed: 2 }));
    const state = initPosterior(plan, { chains: 100, seed: 5, evidence: [{ group: 'v', values: [1, 1, 0, 0] }] });
    const { flips } = runPosterior(state, 20);
    expect(flips > 0).toBe(true);
  });

  it('ZeroProbabilityEvidenceError', () => {
    const plan = compile(network().unit('a').unit('b').edge('a', 'b', 1).build(), { dtype: 'float64' });
    plan.bias[1] = -Infinity;
    let caught: unknown = null;
    try {
      initPosterior(plan, { chains: 1, seed: 1, evidence: [{ unit: 'b', values: [1] }] });
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof ZeroProbabilityEvidenceError).toBe(true);
  });
});

describe('@example twins: DBN sampling', () => {
  it('dbnSample', () => {
    const plan = compile(dbn([6, 4, 3], { seed: 1 }));
    const { visible, states } = dbnSample(plan, { samples: 10, gibbsSteps: 50, seed: 3 });
    expect([visible.length, states.length]).toEqual([60, 130]);
  });
});
