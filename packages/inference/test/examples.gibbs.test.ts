/**
 * Twins of the @example blocks of the block-Gibbs API (chains, uniforms,
 * part fields, workspace, initGibbs, gibbsStep, runGibbs, persistence,
 * diagnostics): the same code, with the printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import { boltzmann, createRng, rbm } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
  MAX_CHAINS,
  MAX_CHAIN_ENTRIES,
  MAX_SWEEPS,
  PersistentChains,
  autocorrelation,
  chainEnergiesInto,
  chainRng,
  createGibbsWorkspace,
  effectiveSampleSize,
  fillUniforms,
  gibbsStep,
  initGibbs,
  integratedAutocorrelationTime,
  restoreChains,
  runGibbs,
  saveChains,
  stepPartFieldsInto,
} from '@stochnet/inference';

describe('chains and uniforms', () => {
  it('MAX_CHAINS, MAX_CHAIN_ENTRIES and MAX_SWEEPS', () => {
    expect(MAX_CHAINS === 2 ** 24).toBe(true);
    expect(MAX_CHAIN_ENTRIES === 2 ** 28).toBe(true);
    expect(MAX_SWEEPS === 2 ** 24).toBe(true);
  });

  it('chainRng', () => {
    const a = chainRng(createRng(7), 3);
    expect(a.seed).toBe('7/chain/3');
  });

  it('fillUniforms', () => {
    const base = createRng('u');
    const u = fillUniforms(new Float64Array(6), [chainRng(base, 0), chainRng(base, 1)], 3);
    expect(u[3] === chainRng(base, 1).next()).toBe(true);
  });
});

describe('block Gibbs', () => {
  it('stepPartFieldsInto', () => {
    const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
    const part = plan.schedules.gibbs[0]!.parts[0]!; // unit 0 of group 'x'
    const out = new Float64Array(1);
    stepPartFieldsInto(out, plan, Float64Array.of(0, 1, 1), 1, part);
    const w = plan.weights[0]!.weights;
    expect(Math.abs(out[0]! - (plan.bias[0]! + w[1]! + w[2]!)) < 1e-12).toBe(true);
  });

  it('createGibbsWorkspace', () => {
    const ws = createGibbsWorkspace(compile(rbm(6, 3, { seed: 1 })), 10);
    expect(ws.chains).toBe(10);
  });

  it('initGibbs', () => {
    const plan = compile(rbm(4, 2, { seed: 1 }));
    const state = initGibbs(plan, { chains: 3, seed: 'demo', clamp: [{ group: 'v', units: [0], values: [1] }] });
    expect([state.states.length, state.rngs[2]!.seed]).toEqual([18, 'demo/chain/2']);
  });

  it('initGibbs: inpainting the bottom half of an image', () => {
    const plan = compile(rbm(16, 8, { seed: 1, shape: [4, 4] })); // 4×4 images
    const image = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1];
    const top = { group: 'v', units: [0, 1, 2, 3, 4, 5, 6, 7], values: image.slice(0, 8) };
    const state = initGibbs(plan, { chains: 10, seed: 'inpaint', clamp: [top] });
    runGibbs(state, 100);
    gibbsStep(state, undefined, { meanField: true }); // bottom half as probabilities p(v | h)
    const v = plan.blocks.find((b) => b.group === 'v')!;
    const chain0 = Array.from(state.states.subarray(v.offset, v.offset + 16));
    expect(chain0.slice(0, 8).join() === image.slice(0, 8).join()).toBe(true);
    expect(chain0.slice(8).every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('gibbsStep', () => {
    const plan = compile(rbm(6, 3, { seed: 1 }));
    const state = initGibbs(plan, { chains: 4, seed: 7 });
    const ws = createGibbsWorkspace(plan, 4);
    for (let t = 0; t < 10; t++) gibbsStep(state, ws);
    const info = gibbsStep(state, ws);
    expect([info.sweep, info.flips >= 0]).toEqual([11, true]);
  });

  it('runGibbs', () => {
    const plan = compile(boltzmann(5, { seed: 2 }));
    const state = initGibbs(plan, { chains: 2, seed: 'run' });
    const run = runGibbs(state, 20, { trace: 'energy' });
    expect([run.flips.length, run.energy!.length]).toEqual([20, 40]);
  });
});

describe('persistent chains', () => {
  it('saveChains', () => {
    const saved = saveChains(initGibbs(compile(rbm(3, 2, { seed: 1 })), { chains: 2, seed: 1 }));
    expect([saved.states.length, JSON.parse(JSON.stringify(saved)).rngStates.length]).toEqual([10, 2]);
  });

  it('restoreChains', () => {
    const plan = compile(rbm(3, 2, { seed: 4 }));
    const a = initGibbs(plan, { chains: 2, seed: 'pcd' });
    const b = restoreChains(plan, JSON.parse(JSON.stringify(saveChains(a))));
    gibbsStep(a);
    gibbsStep(b);
    expect(a.states.join() === b.states.join()).toBe(true);
  });

  it('PersistentChains', () => {
    const plan = compile(rbm(6, 4, { seed: 1 }));
    const pcd = PersistentChains.create(plan, { chains: 8, seed: 'fantasy' });
    pcd.advance(5);
    const copy = PersistentChains.restore(plan, pcd.save());
    pcd.advance(1);
    copy.advance(1);
    expect(pcd.states.join() === copy.states.join()).toBe(true);
  });
});

describe('diagnostics', () => {
  it('chainEnergiesInto', () => {
    const state = initGibbs(compile(boltzmann(4, { seed: 1 })), { chains: 3, seed: 1 });
    expect(Array.from(chainEnergiesInto(new Float64Array(3), state))).toEqual([0, 0, 0]);
  });

  it('autocorrelation', () => {
    const r = autocorrelation([0, 1, 0, 1, 0, 1, 0, 1], 1);
    expect([r[0], r[1]]).toEqual([1, -0.875]);
  });

  it('integratedAutocorrelationTime', () => {
    const rng = createRng('iat');
    const x = new Float64Array(10000);
    for (let t = 1; t < x.length; t++) x[t] = 0.5 * x[t - 1]! + rng.nextNormal();
    expect(Math.abs(integratedAutocorrelationTime(x) - 3) < 0.5).toBe(true);
  });

  it('effectiveSampleSize', () => {
    const state = initGibbs(compile(boltzmann(6, { seed: 3 })), { seed: 'ess' });
    const run = runGibbs(state, 2000, { trace: 'energy' });
    const ess = effectiveSampleSize(run.energy!);
    expect(ess > 100 && ess <= 2000 * Math.log10(2000)).toBe(true);
  });
});
