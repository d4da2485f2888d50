/**
 * train() on the wasm backend's resident RBM session (the fused CD and PCD
 * paths): 'stream' uniforms reproduce the js learner + optimiser path up to
 * float rounding (PCD's persistent chains included); 'counter' uniforms are deterministic per seed; the divergence
 * guard, the fallbacks, checkpoint/resume and evaluate: false behave as on
 * the ordinary path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, createRng, rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { Backend, Dtype, Plan } from '@stochnet/model';
import { checkpoint, resumeTraining, train, TrainingDivergedError } from '@stochnet/inference';
import type { TrainOptions } from '@stochnet/inference';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';

let stream!: WasmBackend;
let counter!: WasmBackend;
/** The wasm kernels without rbmSession: train() takes the learner + optimiser path. */
let kernels!: Backend;
beforeAll(async () => {
  stream = await createWasmBackend({ random: 'stream' });
  counter = await createWasmBackend({ random: 'counter' });
  kernels = { ...counter, rbmSession: undefined } as unknown as Backend;
});

function dataset(rows: number, cols: number, density: number, seed: string): { values: Uint8Array; rows: number; cols: number } {
  const r = createRng(seed);
  return { values: Uint8Array.from({ length: rows * cols }, () => (r.next() < density ? 1 : 0)), rows, cols };
}

function maxDiff(a: Plan, b: Plan): number {
  let d = 0;
  const pairs: [ArrayLike<number>, ArrayLike<number>][] = [[a.bias, b.bias], [a.weights[0]!.weights, b.weights[0]!.weights]];
  for (const [x, y] of pairs) for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

function params(p: Plan): number[] {
  return [...p.bias, ...p.weights[0]!.weights];
}

const plan = (nv: number, nh: number, dtype: Dtype, backend: Backend): Plan => compile(rbm(nv, nh, { seed: 1 }), { dtype, backend });
const base: TrainOptions = { method: 'cd', k: 2, epochs: 4, batchSize: 10, learningRate: 0.1, momentum: 0.5, weightDecay: 0.001, l1: 0.0005, seed: 3 };

describe("fused CD, 'stream' uniforms, equals the js path", () => {
  it('float64: parameters agree to 1e-12 after 4 epochs of CD-2 with momentum, decay and L1', () => {
    const data = dataset(40, 16, 0.3, 'd64');
    const a = train(plan(16, 8, 'float64', jsBackend), data, base);
    const b = train(plan(16, 8, 'float64', stream), data, base);
    expect(maxDiff(a.plan, b.plan)).toBeLessThan(1e-12);
    expect(b.history.map((h) => h.meanStepNorm)).toEqual(a.history.map((h) => h.meanStepNorm).map((x) => expect.closeTo(x, 10)));
  });

  it('float32 (64 × 32, full SIMD tiles): parameters agree to 2e-6 absolute after 4 epochs', () => {
    const data = dataset(60, 64, 0.3, 'd32');
    const opts = { ...base, k: 1 };
    const a = train(plan(64, 32, 'float32', jsBackend), data, opts);
    const b = train(plan(64, 32, 'float32', stream), data, opts);
    expect(maxDiff(a.plan, b.plan)).toBeLessThan(2e-6);
    // Negative control: a different seed moves the parameters far beyond the tolerance.
    const c = train(plan(64, 32, 'float32', stream), data, { ...opts, seed: 4 });
    expect(maxDiff(a.plan, c.plan)).toBeGreaterThan(1e-3);
  });

  it('batches of 40 sparse rows (selected-row statistics) and dense rows (stacked product) agree in float64 and float32', () => {
    for (const [density, dtype, tol] of [[0.2, 'float64', 1e-12], [0.6, 'float64', 1e-12], [0.2, 'float32', 2e-6]] as const) {
      const data = dataset(120, 24, density, `sel/${density}`);
      const opts = { ...base, batchSize: 40, k: 1 };
      const a = train(plan(24, 12, dtype, jsBackend), data, opts);
      const b = train(plan(24, 12, dtype, stream), data, opts);
      expect(maxDiff(a.plan, b.plan)).toBeLessThan(tol);
    }
  });

  it('probability data (allowProbabilities) takes the dense products and still agrees', () => {
    const r = createRng('probs');
    const values = Float64Array.from({ length: 30 * 12 }, () => r.next());
    const data = { values, rows: 30, cols: 12 };
    const opts = { ...base, allowProbabilities: true };
    const a = train(plan(12, 6, 'float64', jsBackend), data, opts);
    const b = train(plan(12, 6, 'float64', stream), data, opts);
    expect(maxDiff(a.plan, b.plan)).toBeLessThan(1e-12);
  });
});

describe("fused PCD, 'stream' uniforms, equals the js path (parameters and chains)", () => {
  const pcd: TrainOptions = { ...base, method: 'pcd', chains: 7 };
  for (const [dtype, tol] of [['float64', 1e-12], ['float32', 2e-6]] as const) {
    it(`${dtype}: PCD-2 with 7 chains, momentum, decay and L1: parameters to ${tol}, the chains (states, streams, sweeps) identical`, () => {
      const data = dataset(40, 16, 0.3, `pcd/${dtype}`);
      const a = train(plan(16, 8, dtype, jsBackend), data, pcd);
      const b = train(plan(16, 8, dtype, stream), data, pcd);
      expect(maxDiff(a.plan, b.plan)).toBeLessThan(tol);
      expect(b.state.learner.save()).toEqual(a.state.learner.save());
      expect(b.state.learner.info().updates).toBe(16);
    });
  }

  it('default chains (the batch size) and dense data (selected rows off) agree too, with a short last batch', () => {
    const data = dataset(35, 12, 0.7, 'pcd/dense');
    const opts: TrainOptions = { ...base, method: 'pcd', k: 1 };
    const a = train(plan(12, 6, 'float64', jsBackend), data, opts);
    const b = train(plan(12, 6, 'float64', stream), data, opts);
    expect(maxDiff(a.plan, b.plan)).toBeLessThan(1e-12);
    expect(b.state.learner.save()).toEqual(a.state.learner.save());
  });
});

describe('fused PCD with chains restored from a checkpoint', () => {
  const pcd: TrainOptions = { ...base, method: 'pcd', epochs: 2, batchSize: 10 };
  const data = dataset(30, 12, 0.3, 'pcd/restore');
  // A checkpoint whose learner holds 10 chains (the batch size of its run).
  const saved = (): ReturnType<typeof checkpoint> => JSON.parse(JSON.stringify(checkpoint(train(plan(12, 6, 'float64', jsBackend), data, pcd).state)));

  for (const batchSize of [5, 20]) {
    it(`resumed with batchSize ${batchSize}: the run keeps the 10 restored chains and equals the js path`, () => {
      const a = resumeTraining(saved(), data, { epochs: 4, batchSize, backend: jsBackend });
      const b = resumeTraining(saved(), data, { epochs: 4, batchSize, backend: stream });
      expect(maxDiff(a.plan, b.plan)).toBeLessThan(1e-12);
      expect(b.state.learner.save()).toEqual(a.state.learner.save());
      expect(b.state.learner.save().chains!.chains).toBe(10);
    });
  }

  it('chains with values strictly between 0 and 1 take the ordinary path (which accepts them) and equal the js path', () => {
    const ck = saved() as unknown as { learner: { chains: { states: number[] } } };
    ck.learner.chains.states[3] = 0.25;
    const a = resumeTraining(ck as never, data, { epochs: 4, backend: jsBackend });
    const b = resumeTraining(ck as never, data, { epochs: 4, backend: stream });
    expect(maxDiff(a.plan, b.plan)).toBeLessThan(1e-12);
    expect(b.state.learner.save()).toEqual(a.state.learner.save());
  });
});

describe("fused CD, 'counter' uniforms", () => {
  it('is deterministic per seed and differs from stream mode and from another seed', () => {
    const data = dataset(50, 20, 0.3, 'c');
    const a = train(plan(20, 10, 'float32', counter), data, base);
    const b = train(plan(20, 10, 'float32', counter), data, base);
    expect(params(a.plan)).toEqual(params(b.plan));
    const s = train(plan(20, 10, 'float32', stream), data, base);
    expect(params(a.plan)).not.toEqual(params(s.plan));
    const c = train(plan(20, 10, 'float32', counter), data, { ...base, seed: 99 });
    expect(params(a.plan)).not.toEqual(params(c.plan));
  });

  it('PCD is deterministic per seed, differs from stream mode, moves the chains and leaves their streams alone', () => {
    const data = dataset(50, 20, 0.3, 'cp');
    const opts: TrainOptions = { ...base, method: 'pcd', chains: 9 };
    const a = train(plan(20, 10, 'float32', counter), data, opts);
    const b = train(plan(20, 10, 'float32', counter), data, opts);
    expect(params(a.plan)).toEqual(params(b.plan));
    expect(a.state.learner.save()).toEqual(b.state.learner.save());
    const s = train(plan(20, 10, 'float32', stream), data, opts);
    expect(params(a.plan)).not.toEqual(params(s.plan));
    const chains = a.state.learner.save().chains!;
    const fresh = train(plan(20, 10, 'float32', counter), data, { ...opts, epochs: 1 }).state.learner.save().chains!;
    expect(chains.sweeps).toBe(4 * 5 * 2);
    expect(chains.states).not.toEqual(fresh.states);
    // Counter mode keys each update from the batch stream: the chains' own streams are never read.
    expect(chains.rngStates).toEqual(fresh.rngStates);
  });

  it('PCD learns: the reconstruction error falls', () => {
    const data = dataset(100, 20, 0.3, 'learn');
    const r = train(plan(20, 10, 'float32', counter), data, { ...base, method: 'pcd', k: 1, epochs: 10, learningRate: 0.2 });
    expect(r.history[9]!.train['reconstruction']!).toBeLessThan(r.history[0]!.train['reconstruction']!);
  });

  it('learns: the reconstruction error falls', () => {
    const data = dataset(100, 20, 0.3, 'learn');
    const r = train(plan(20, 10, 'float32', counter), data, { ...base, epochs: 10, learningRate: 0.2 });
    expect(r.history[9]!.train['reconstruction']!).toBeLessThan(r.history[0]!.train['reconstruction']!);
  });

  it('reports every step through onBatch and counts the updates', () => {
    const data = dataset(25, 8, 0.3, 'cb');
    const norms: number[] = [];
    const r = train(plan(8, 4, 'float32', counter), data, { ...base, epochs: 2, onBatch: (e) => norms.push(e.stepNorm) });
    expect(norms.length).toBe(6);
    expect(norms.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(r.state.learner.info().updates).toBe(6);
  });
});

describe('divergence guard on the fused path', () => {
  it('lr 1e38 in float32 throws TrainingDivergedError carrying finite parameters; the input plan is unchanged', () => {
    const data = dataset(40, 16, 0.5, 'div');
    const p = plan(16, 8, 'float32', counter);
    const before = params(p);
    let caught: unknown = null;
    try {
      train(p, data, { ...base, learningRate: 1e38, momentum: 0.9, epochs: 50 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrainingDivergedError);
    const e = caught as TrainingDivergedError;
    expect(e.code).toBe('TRAINING_DIVERGED');
    expect(params(e.plan!).every(Number.isFinite)).toBe(true);
    expect(params(e.plan!)).not.toEqual(before);
    expect(params(p)).toEqual(before);
  });
});

describe('divergence guard on the fused PCD path', () => {
  it('lr 1e38 in float32 throws TrainingDivergedError with finite parameters, as the js path does at the same step', () => {
    const data = dataset(40, 16, 0.5, 'div-pcd');
    const opts: TrainOptions = { ...base, method: 'pcd', learningRate: 1e38, momentum: 0.9, epochs: 50 };
    const caught = (backend: Backend): TrainingDivergedError => {
      try {
        train(plan(16, 8, 'float32', backend), data, opts);
      } catch (e) {
        return e as TrainingDivergedError;
      }
      throw new Error('no divergence');
    };
    const a = caught(jsBackend), b = caught(stream);
    expect(b).toBeInstanceOf(TrainingDivergedError);
    expect(params(b.plan!).every(Number.isFinite)).toBe(true);
    expect([b.details['epoch'], b.details['batch']]).toEqual([a.details['epoch'], a.details['batch']]);
  });
});

describe('fallbacks to the learner + optimiser path', () => {
  const cases: [string, Partial<TrainOptions>][] = [
    ['sparsity', { sparsity: { target: 0.1, cost: 0.1 } }],
    ['maxGradNorm', { maxGradNorm: 1 }],
    ['sampleVisible', { sampleVisible: true }],
    ['pcd with sampleHiddenLast', { method: 'pcd', sampleHiddenLast: true }],
    ['pt', { method: 'pt' }],
  ];
  for (const [name, extra] of cases) {
    it(`${name}: same parameters as the wasm kernels without rbmSession`, () => {
      const data = dataset(30, 12, 0.3, 'fb');
      const opts = { ...base, ...extra } as TrainOptions;
      const a = train(plan(12, 6, 'float32', counter), data, opts);
      const b = train(plan(12, 6, 'float32', kernels), data, opts);
      expect(params(a.plan)).toEqual(params(b.plan));
    });
  }

  it('negative control: without a fallback option the fused run differs from the kernels run', () => {
    const data = dataset(30, 12, 0.3, 'fb');
    const a = train(plan(12, 6, 'float32', counter), data, base);
    const b = train(plan(12, 6, 'float32', kernels), data, base);
    expect(params(a.plan)).not.toEqual(params(b.plan));
  });
});

describe('checkpoint and resume on the fused path', () => {
  it('4 + 4 epochs through a JSON checkpoint equal 8 straight, byte for byte', () => {
    const data = dataset(35, 16, 0.3, 'ck');
    const opts = { ...base, epochs: 8 };
    const straight = train(plan(16, 8, 'float32', counter), data, opts);
    const half = train(plan(16, 8, 'float32', counter), data, { ...opts, epochs: 4 });
    const saved = JSON.parse(JSON.stringify(checkpoint(half.state)));
    const resumed = resumeTraining(saved, data, { epochs: 8, backend: counter });
    expect(params(resumed.plan)).toEqual(params(straight.plan));
    expect(resumed.history.map((h) => h.meanStepNorm)).toEqual(straight.history.map((h) => h.meanStepNorm));
    const v = (s: typeof straight.state): number[] => [...s.optimiser.state().velocity.bias, ...s.optimiser.state().velocity.weights[0]!];
    expect(v(resumed.state)).toEqual(v(straight.state));
  });

  it('PCD: 4 + 4 epochs through a JSON checkpoint equal 8 straight, chains included', () => {
    const data = dataset(35, 16, 0.3, 'ckp');
    const opts: TrainOptions = { ...base, method: 'pcd', chains: 6, epochs: 8 };
    const straight = train(plan(16, 8, 'float32', counter), data, opts);
    const half = train(plan(16, 8, 'float32', counter), data, { ...opts, epochs: 4 });
    const saved = JSON.parse(JSON.stringify(checkpoint(half.state)));
    const resumed = resumeTraining(saved, data, { epochs: 8, backend: counter });
    expect(params(resumed.plan)).toEqual(params(straight.plan));
    expect(resumed.state.learner.save()).toEqual(straight.state.learner.save());
  });
});

describe('evaluate: false', () => {
  it('skips the metrics: records carry train {} and validation null, parameters unchanged', () => {
    const data = dataset(30, 12, 0.3, 'ev');
    const opts = { ...base, validation: data };
    const on = train(plan(12, 6, 'float32', counter), data, opts);
    const off = train(plan(12, 6, 'float32', counter), data, { ...opts, evaluate: false });
    expect(off.history.map((h) => [h.train, h.validation])).toEqual(off.history.map(() => [{}, null]));
    expect(on.history[0]!.train['reconstruction']).toBeTypeOf('number');
    expect(params(off.plan)).toEqual(params(on.plan));
    const js = train(plan(12, 6, 'float64', jsBackend), data, { ...opts, evaluate: false });
    expect(js.history[0]!.train).toEqual({});
  });

  it('with earlyStopping, or not a boolean, is a ConfigError', () => {
    const data = dataset(10, 4, 0.3, 'ev2');
    const p = plan(4, 2, 'float64', jsBackend);
    expect(() => train(p, data, { ...base, evaluate: false, earlyStopping: { patience: 2 } })).toThrow(ConfigError);
    for (const bad of ['no', 0, null]) {
      expect(() => train(p, data, { ...base, evaluate: bad as unknown as boolean })).toThrow(expect.objectContaining({ code: 'CONFIG', details: expect.objectContaining({ option: 'evaluate' }) }));
    }
    expect(() => train(p, data, { ...base, evaluate: 'no' as unknown as boolean })).toThrow(ConfigError);
  });
});
