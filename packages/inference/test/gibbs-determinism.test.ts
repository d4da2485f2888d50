/**
 * Determinism of block Gibbs (TESTING.md B.6): T1 same- and cross-process
 * reproducibility, T3 seed rules and per-chain substreams, T5 no global
 * randomness, T6 save/restore equals the uninterrupted run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, rbm } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
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
import type { GibbsOptions, GibbsState, SavedChains } from '@stochnet/inference';
import { m1, m2b } from '../../../test/support/fixtures.js';
import { undirectedNets } from './support/gibbs-nets.js';
import { t1Digest } from './support/t1-run.js';

const bytes = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('T1 reproducibility', () => {
  it('gives byte-identical results twice in one process and in a child process', () => {
    const a = t1Digest();
    expect(t1Digest()).toBe(a);
    const child = execFileSync(process.execPath, ['--import', 'tsx', 'packages/inference/test/support/t1-child.ts'], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.trim()).toBe(a);
  });
});

describe('T3 seed rules and per-chain substreams', () => {
  const plan = compile(m1());
  const sample = (opts: GibbsOptions): GibbsState => {
    const s = initGibbs(plan, { init: 'random', clamp: [{ group: 'x', units: [3], values: [0] }], ...opts });
    runGibbs(s, 15);
    return s;
  };

  it('derives chain c of seed s from the stream of seed s + "/chain/" + c', () => {
    const s = initGibbs(plan, { chains: 3, seed: 'pin' });
    expect(s.rngs.map((r) => r.seed)).toEqual(['pin/chain/0', 'pin/chain/1', 'pin/chain/2']);
    expect(s.seed).toBe('pin');
    expect(chainRng(createRng('pin'), 2).next()).toBe(createRng('pin/chain/2').next());
  });

  it('treats 111 and "111" as the same seed, and an rng as its seed wherever it stands', () => {
    const advanced = createRng(111);
    advanced.next();
    const a = sample({ chains: 4, seed: 111 });
    expect(bytes(sample({ chains: 4, seed: '111' }).states)).toBe(bytes(a.states));
    expect(bytes(sample({ chains: 4, rng: advanced }).states)).toBe(bytes(a.states));
    expect(bytes(sample({ chains: 4, seed: 112 }).states)).not.toBe(bytes(a.states));
  });

  it('chains 0..2 of a 9-chain run (uniforms four streams at a time) equal a 3-chain run (one stream at a time), clamps included', () => {
    const three = sample({ chains: 3, seed: 'T3/groups' });
    const nine = sample({ chains: 9, seed: 'T3/groups' });
    expect(bytes(nine.states.subarray(0, 3 * plan.size))).toBe(bytes(three.states));
    expect(nine.rngs.slice(0, 3).map((r) => r.state())).toEqual(three.rngs.map((r) => r.state()));
  });

  it('running chains 0..9 and then 0..19 gives identical first ten chains', () => {
    const ten = sample({ chains: 10, seed: 'T3' });
    const twenty = sample({ chains: 20, seed: 'T3' });
    expect(bytes(twenty.states.subarray(0, 10 * plan.size))).toBe(bytes(ten.states));
    expect(twenty.rngs.slice(0, 10).map((r) => r.state())).toEqual(ten.rngs.map((r) => r.state()));
  });
});

describe('T5 no global randomness', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs every public block-Gibbs path with Math.random stubbed to throw', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random must not be called');
    });
    for (const net of Object.values(undirectedNets())) {
      const plan = compile(net);
      const ws = createGibbsWorkspace(plan, 3);
      for (const init of ['zeros', 'random', new Uint8Array(plan.size)] as const) {
        const s = initGibbs(plan, { chains: 3, seed: 'T5', init });
        gibbsStep(s, ws);
        gibbsStep(s, ws, { meanField: 'last' });
        gibbsStep(s, undefined, { meanField: true });
        const run = runGibbs(s, 40, { trace: 'energy', workspace: ws });
        effectiveSampleSize(run.energy!);
        integratedAutocorrelationTime(run.flips);
        autocorrelation(run.energy!, 3);
        chainEnergiesInto(new Float64Array(3), s);
        const p = PersistentChains.restore(plan, PersistentChains.create(plan, { chains: 3, rng: createRng('T5') }).save());
        p.advance(2);
        restoreChains(plan, saveChains(s));
        const part = plan.schedules.gibbs[0]!.parts[0]!;
        const k = part.units?.length ?? plan.blocks[part.block]!.size;
        stepPartFieldsInto(new Float64Array(3 * k), plan, s.states, 3, part);
      }
      fillUniforms(new Float64Array(6), [chainRng(createRng(1), 0), chainRng(createRng(1), 1)], 3);
    }
    expect(Math.random).not.toHaveBeenCalled();
  });
});

describe('T6 save, restore and continue', () => {
  const scenarios: [string, () => GibbsState][] = [
    ['float32 rbm', () => initGibbs(compile(m2b()), { chains: 6, seed: 'T6', init: 'random' })],
    ['float64 M1 with per-chain evidence', () => initGibbs(compile(m1(), { dtype: 'float64' }), { chains: 3, seed: 'T6', clamp: [{ group: 'x', units: [0, 5], values: [1, 0, 0, 1, 1, 1] }] })],
  ];
  for (const [name, make] of scenarios) {
    it(`equals the uninterrupted run byte for byte: ${name}`, () => {
      const first = make();
      runGibbs(first, 8);
      gibbsStep(first, undefined, { meanField: true }); // saved mid-run holding probabilities
      const straight = make();
      runGibbs(straight, 8);
      gibbsStep(straight, undefined, { meanField: true });
      const saved = JSON.parse(JSON.stringify(saveChains(first))) as SavedChains;
      const resumed = restoreChains(first.plan, saved);
      runGibbs(resumed, 11);
      runGibbs(straight, 11);
      expect(bytes(resumed.states)).toBe(bytes(straight.states));
      expect(resumed.rngs.map((r) => r.state())).toEqual(straight.rngs.map((r) => r.state()));
      expect(resumed.sweeps).toBe(20);
      expect(resumed.evidence).toEqual(straight.evidence);
    });
  }

  it('PersistentChains.restore continues exactly where save left off', () => {
    const plan = compile(rbm(8, 5, { seed: 9 }));
    const a = PersistentChains.create(plan, { chains: 4, seed: 'pcd' });
    const b = PersistentChains.create(plan, { chains: 4, seed: 'pcd' });
    a.advance(3);
    b.advance(3);
    const c = PersistentChains.restore(plan, JSON.parse(JSON.stringify(a.save())) as SavedChains);
    const ia = a.advance(7);
    const ic = c.advance(7);
    b.advance(7);
    expect(bytes(c.states)).toBe(bytes(a.states));
    expect(bytes(b.states)).toBe(bytes(a.states));
    expect(ic).toEqual(ia);
  });
});
