/**
 * The wasm backend's resident RBM session as an object: load and store
 * round-trip the parameters, a step changes them, rejected calls throw the
 * documented errors and change nothing, and a session too large for WASM
 * memory is declined (null) rather than failing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, ValidationError, createRng } from '@stochnet/graph';
import { hasRbmSession, jsBackend } from '@stochnet/model';
import type { RbmSessionArrays } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';

let wasm!: WasmBackend;
beforeAll(async () => {
  wasm = await createWasmBackend();
});

function arrays(nv: number, nh: number, seed: string): RbmSessionArrays {
  const r = createRng(seed);
  const f = (n: number): Float32Array => Float32Array.from({ length: n }, () => r.next() - 0.5);
  return { weights: f(nv * nh), visibleBias: f(nv), hiddenBias: f(nh), weightsVelocity: f(nv * nh), visibleBiasVelocity: f(nv), hiddenBiasVelocity: f(nh) };
}

const flat = (a: RbmSessionArrays): number[] => [a.weights, a.visibleBias, a.hiddenBias, a.weightsVelocity, a.visibleBiasVelocity, a.hiddenBiasVelocity].flatMap((x) => Array.from(x));
const settings = { learningRate: 0.1, momentum: 0.5, weightDecay: 0, l1: 0 };

describe('rbmSession', () => {
  it('is offered by the wasm backend only', () => {
    expect(hasRbmSession(wasm)).toBe(true);
    expect(hasRbmSession(jsBackend)).toBe(false);
  });

  it('stores what it loaded, and a step changes it', () => {
    const s = wasm.rbmSession({ visible: 6, hidden: 5, dtype: 'float32', capacity: 4, k: 1 })!;
    const a = arrays(6, 5, 'a');
    s.load(a);
    const out = arrays(6, 5, 'other');
    s.store(out);
    expect(flat(out)).toEqual(flat(a));
    const r = s.step(Uint8Array.of(1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1), 2, createRng('s'), settings);
    expect(r.applied).toBe(true);
    expect(r.stepNorm).toBeGreaterThan(0);
    s.store(out);
    expect(flat(out)).not.toEqual(flat(a));
    s.dispose();
    expect(() => s.store(out)).toThrow(ValidationError);
  });

  it('a non-finite step is not applied', () => {
    const s = wasm.rbmSession({ visible: 4, hidden: 3, dtype: 'float32', capacity: 2, k: 1 })!;
    const a = arrays(4, 3, 'b');
    s.load(a);
    const big = s.step(Uint8Array.of(1, 1, 1, 1), 1, createRng('s'), { ...settings, learningRate: 1e300 });
    expect(big.applied).toBe(false);
    expect(Number.isNaN(big.stepNorm)).toBe(true);
    const out = arrays(4, 3, 'other');
    s.store(out);
    expect(flat(out)).toEqual(flat(a));
    // Negative control: a modest rate is applied.
    expect(s.step(Uint8Array.of(1, 1, 1, 1), 1, createRng('s'), settings).applied).toBe(true);
  });

  it('rejects bad options, rows, batches, settings and arrays, changing nothing', () => {
    expect(() => wasm.rbmSession({ visible: 0, hidden: 3, dtype: 'float32', capacity: 2, k: 1 })).toThrow(ConfigError);
    expect(() => wasm.rbmSession({ visible: 3, hidden: 3, dtype: 'int8' as 'float32', capacity: 2, k: 1 })).toThrow(ConfigError);
    const s = wasm.rbmSession({ visible: 4, hidden: 3, dtype: 'float64', capacity: 2, k: 1 })!;
    const a = arrays(4, 3, 'c');
    s.load(a);
    const rng = createRng('s');
    expect(() => s.step(new Uint8Array(12), 3, rng, settings)).toThrow(ValidationError);
    expect(() => s.step(new Uint8Array(4), 2, rng, settings)).toThrow(ShapeError);
    expect(() => s.step(new Uint8Array(8), 2, rng, { ...settings, learningRate: Number.NaN })).toThrow(ValidationError);
    expect(() => s.load({ ...a, weights: new Float32Array(3) })).toThrow(ShapeError);
    const out = arrays(4, 3, 'd');
    s.store(out);
    expect(flat(out)).toEqual(flat(a));
  });

  it('sessions open at the same time are independent; a disposed one frees its instance for the next', () => {
    const o = { visible: 5, hidden: 4, dtype: 'float32', capacity: 3, k: 1 } as const;
    const first = wasm.rbmSession(o)!;
    first.dispose();
    const s1 = wasm.rbmSession({ ...o, visible: 7 })!;
    const s2 = wasm.rbmSession(o)!;
    const a1 = arrays(7, 4, 'one'), a2 = arrays(5, 4, 'two');
    s1.load(a1);
    s2.load(a2);
    s2.step(new Uint8Array(15).fill(1), 3, createRng('s'), settings);
    const out1 = arrays(7, 4, 'x');
    s1.store(out1);
    expect(flat(out1)).toEqual(flat(a1));
    s1.dispose();
    s2.dispose();
  });

  it('persistent chains: load and store round-trip, a PCD step moves them and the parameters', () => {
    const s = wasm.rbmSession({ visible: 6, hidden: 5, dtype: 'float64', capacity: 4, k: 2, chains: 3 })!;
    expect(s.options.chains).toBe(3);
    s.load(arrays(6, 5, 'p'));
    const r = createRng('chains');
    const v = Float64Array.from({ length: 18 }, () => (r.next() < 0.5 ? 1 : 0));
    const h = Float64Array.from({ length: 15 }, () => (r.next() < 0.5 ? 1 : 0));
    s.loadChains(v, h);
    const v2 = new Float64Array(18), h2 = new Float64Array(15);
    s.storeChains(v2, h2);
    expect([...v2, ...h2]).toEqual([...v, ...h]);
    const before = arrays(6, 5, 'x');
    s.store(before);
    const chainRngs = [0, 1, 2].map((c) => createRng(`c/${c}`));
    const step = s.pcdStep(Uint8Array.of(1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1), 2, createRng('s'), chainRngs, settings);
    expect(step.applied).toBe(true);
    const after = arrays(6, 5, 'y');
    s.store(after);
    expect(flat(after)).not.toEqual(flat(before));
    s.storeChains(v2, h2);
    expect([...v2, ...h2].every((x) => x === 0 || x === 1)).toBe(true);
    expect([...v2, ...h2]).not.toEqual([...v, ...h]);
    s.dispose();
  });

  it('rejects PCD calls without chains, bad chain arrays and a bad chains option, changing nothing', () => {
    expect(() => wasm.rbmSession({ visible: 3, hidden: 2, dtype: 'float32', capacity: 2, k: 1, chains: -1 })).toThrow(ConfigError);
    expect(() => wasm.rbmSession({ visible: 3, hidden: 2, dtype: 'float32', capacity: 2, k: 1, chains: 1.5 })).toThrow(/chains must be a non-negative integer/);
    const cd = wasm.rbmSession({ visible: 3, hidden: 2, dtype: 'float32', capacity: 2, k: 1 })!;
    expect(() => cd.loadChains(new Float32Array(3), new Float32Array(2))).toThrow(/no persistent chains/);
    expect(() => cd.pcdStep(new Uint8Array(3), 1, createRng('s'), [], settings)).toThrow(ValidationError);
    cd.dispose();
    const s = wasm.rbmSession({ visible: 3, hidden: 2, dtype: 'float32', capacity: 2, k: 1, chains: 2 })!;
    const v = Float32Array.of(1, 0, 1, 0, 1, 0), h = Float32Array.of(1, 1, 0, 0);
    s.loadChains(v, h);
    expect(() => s.loadChains(new Float32Array(5), h)).toThrow(ShapeError);
    expect(() => s.loadChains(Float32Array.of(1, 0, 0.5, 0, 1, 0), h)).toThrow(/must be 0 or 1, got 0.5 in visible at 2/);
    const v2 = new Float32Array(6), h2 = new Float32Array(4);
    s.storeChains(v2, h2);
    expect([...v2, ...h2]).toEqual([...v, ...h]);
    s.dispose();
  });

  it("in 'stream' mode a PCD step needs one stream per chain, and reads them", async () => {
    const backend = await createWasmBackend({ random: 'stream' });
    const s = backend.rbmSession({ visible: 3, hidden: 2, dtype: 'float64', capacity: 2, k: 1, chains: 2 })!;
    s.load(arrays(3, 2, 'st'));
    s.loadChains(Float64Array.of(1, 0, 1, 0, 1, 0), Float64Array.of(1, 1, 0, 0));
    const batch = Uint8Array.of(1, 0, 1);
    expect(() => s.pcdStep(batch, 1, createRng('s'), [createRng('c0')], settings)).toThrow(/chainRngs must hold one stream per chain \(2\)/);
    const rngs = [createRng('c0'), createRng('c1')];
    s.pcdStep(batch, 1, createRng('s'), rngs, settings);
    // Each chain read nv + nh = 5 draws.
    const ref = createRng('c1');
    for (let i = 0; i < 5; i++) ref.next();
    expect(rngs[1]!.next()).toBe(ref.next());
    s.dispose();
  });

  it('declines a session too large for WebAssembly memory', () => {
    expect(wasm.rbmSession({ visible: 30_000, hidden: 30_000, dtype: 'float64', capacity: 10, k: 1 })).toBeNull();
  });

  it('createWasmBackend checks the random option', async () => {
    await expect(createWasmBackend({ random: 'alea' as 'counter' })).rejects.toThrow(ConfigError);
    expect((await createWasmBackend({ random: 'stream' })).rbmSession({ visible: 2, hidden: 2, dtype: 'float32', capacity: 1, k: 1 })!.random).toBe('stream');
  });
});
