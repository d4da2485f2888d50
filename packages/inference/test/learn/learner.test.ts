/**
 * The learning rules' parts, deterministically: the positive phase (exact
 * p(h | v) on RBMs and when hidden units do not interact; a mean-field fixed
 * point when they do), connectivity (masked entries 0; a sparse RBM's
 * statistics equal the dense twin's), PCD chain defaults, PT ladders and
 * their save/restore, and T5: no path calls Math.random.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, network, rbm } from '@stochnet/graph';
import { blockFieldInto, compile, conditional, hiddenGivenVisible, sigmoid, zeroGradient } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { checkpoint, createLearner, restoreLearner, resumeTraining, train } from '@stochnet/inference';
import { dbm, interactingBm, maskedRbm, patterns, semiRestricted, sparseRbm } from './support/nets.js';

const V3 = Uint8Array.of(1, 0, 1);
const V4 = Uint8Array.of(1, 0, 1, 1);

function hiddenOffsets(plan: Plan): number[] {
  return plan.blocks.filter((b) => b.role !== 'visible').flatMap((b) => Array.from({ length: b.size }, (_, i) => b.offset + i));
}

function fullState(plan: Plan, v: ArrayLike<number>, hidden: ArrayLike<number>): Float64Array {
  const s = new Float64Array(plan.size);
  let c = 0;
  for (const b of plan.blocks) if (b.role === 'visible') for (let i = 0; i < b.size; i++) s[b.offset + i] = v[c++]!;
  hiddenOffsets(plan).forEach((u, k) => (s[u] = hidden[k]!));
  return s;
}

describe('positive phase', () => {
  it('RBM: the data statistics use p(h | v) exactly', () => {
    const plan = compile(rbm(4, 3, { seed: 1 }), { dtype: 'float64' });
    const learner = createLearner(plan, { method: 'cd' });
    learner.gradient(zeroGradient(plan), V4, 1, createRng(1));
    const ph = hiddenGivenVisible(plan, V4);
    const h = plan.blocks.find((b) => b.group === 'h')!.offset;
    ph.forEach((p, j) => expect(learner.positive.bias[h + j]).toBe(p));
  });

  it('hidden units independent given v: p(h | v) exactly, whatever the rule', () => {
    const plan = compile(semiRestricted(), { dtype: 'float64' });
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      const learner = createLearner(plan, { method, seed: 1, replicas: 3 });
      learner.gradient(zeroGradient(plan), V3, 1, createRng(2));
      const s = fullState(plan, V3, [0, 0]);
      for (const u of hiddenOffsets(plan)) expect(learner.positive.bias[u]).toBeCloseTo(conditional(plan, s, u), 14);
    }
  });

  it('interacting hidden units, mean field: μ is a fixed point of μ = σ(field(v, μ))', () => {
    for (const net of [interactingBm(), dbm()]) {
      const plan = compile(net, { dtype: 'float64' });
      const learner = createLearner(plan, { method: 'cd', positive: { method: 'mean-field', iterations: 60 } });
      learner.gradient(zeroGradient(plan), V3, 1, createRng(3));
      const hidden = hiddenOffsets(plan);
      const mu = hidden.map((u) => learner.positive.bias[u]!);
      const s = fullState(plan, V3, mu);
      plan.blocks.forEach((b, bi) => {
        if (b.role === 'visible') return;
        const field = new Float64Array(b.size);
        blockFieldInto(field, plan, s, 1, bi, { values: 'unit-interval' });
        field.forEach((x, i) => expect(Math.abs(sigmoid(x) - s[b.offset + i]!)).toBeLessThan(1e-9));
      });
    }
  });

  it('interacting hidden units, Gibbs: the positive states are 0/1 samples', () => {
    const plan = compile(interactingBm(), { dtype: 'float64' });
    const learner = createLearner(plan, { method: 'cd', positive: { method: 'gibbs', sweeps: 3 } });
    learner.gradient(zeroGradient(plan), V3, 1, createRng(4));
    for (const u of hiddenOffsets(plan)) expect([0, 1]).toContain(learner.positive.bias[u]);
  });
});

describe('connectivity', () => {
  it('masked entries of the gradient are exactly 0', () => {
    const plan = compile(maskedRbm(), { dtype: 'float64' });
    for (const method of ['cd', 'pcd', 'pt'] as const) {
      const g = createLearner(plan, { method, seed: 1, replicas: 3 }).gradient(zeroGradient(plan), V4, 1, createRng(5));
      plan.weights[0]!.mask!.forEach((m, i) => m === 0 && expect(g.weights[0]![i]).toBe(0));
    }
  });

  it("a sparse RBM's data statistics equal its dense twin's at the stored pairs", () => {
    const sparse = compile(sparseRbm(), { dtype: 'float64' });
    const w = sparse.weights[0]!;
    const dense = new Float64Array(w.rows * w.cols);
    for (let r = 0; r < w.rows; r++) for (let p = w.sparse!.rowPtr[r]!; p < w.sparse!.rowPtr[r + 1]!; p++) dense[r * w.cols + w.sparse!.colIdx[p]!] = w.weights[p]!;
    const rows = Array.from({ length: w.rows }, (_, r) => Array.from(dense.subarray(r * w.cols, (r + 1) * w.cols)));
    const twinNet = network()
      .layer('v', 4, { role: 'visible', bias: Array.from(sparse.bias.subarray(sparse.blocks[1]!.offset, sparse.blocks[1]!.offset + 4)) })
      .layer('h', 3, { bias: Array.from(sparse.bias.subarray(0, 3)) })
      .connect('v', 'h', { undirected: true, weights: rows })
      .build();
    const twin = compile(twinNet, { dtype: 'float64' });
    const data = Uint8Array.of(1, 0, 1, 1, 0, 1, 1, 0);
    const a = createLearner(sparse, { method: 'cd' });
    const b = createLearner(twin, { method: 'cd' });
    a.gradient(zeroGradient(sparse), data, 2, createRng(6));
    b.gradient(zeroGradient(twin), data, 2, createRng(6));
    Array.from(a.positive.bias).forEach((x, i) => expect(x).toBeCloseTo(b.positive.bias[i]!, 14));
    for (let r = 0; r < w.rows; r++) {
      for (let p = w.sparse!.rowPtr[r]!; p < w.sparse!.rowPtr[r + 1]!; p++) expect(a.positive.weights[0]![p]).toBeCloseTo(b.positive.weights[0]![r * w.cols + w.sparse!.colIdx[p]!]!, 14);
    }
  });
});

describe('persistent chains and tempering ladders', () => {
  it('PCD chains default to the first batch size and persist', () => {
    const plan = compile(rbm(4, 3, { seed: 2 }));
    const learner = createLearner(plan, { method: 'pcd', seed: 1 });
    expect(learner.save().chains).toBeNull();
    learner.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1), 3, createRng(7));
    expect(learner.save().chains!.chains).toBe(3);
    learner.gradient(zeroGradient(plan), V4, 1, createRng(8));
    expect(learner.save().chains!.chains).toBe(3);
    expect(learner.info()).toEqual({ updates: 2, swapAcceptance: null });
  });

  it('PT: default 10 replicas with β linear from 1 to 0; acceptance rates; save and restore continue exactly', () => {
    const plan = compile(rbm(4, 3, { seed: 3 }), { dtype: 'float64' });
    const a = createLearner(plan, { method: 'pt', chains: 5, seed: 'pt' });
    a.gradient(zeroGradient(plan), V4, 1, createRng(9));
    // One swap round per update, alternating even and odd pairs: odd pairs have no attempt yet.
    expect(Number.isNaN(a.info().swapAcceptance![1]!)).toBe(true);
    a.gradient(zeroGradient(plan), V4, 1, createRng(19));
    const saved = JSON.parse(JSON.stringify(a.save()));
    expect(saved.tempering.betas).toEqual(Array.from({ length: 10 }, (_, r) => 1 - r / 9));
    const acc = a.info().swapAcceptance!;
    expect(acc.length).toBe(9);
    acc.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
    const b = restoreLearner(plan, { method: 'pt', chains: 5, seed: 'pt' }, saved);
    const ga = a.gradient(zeroGradient(plan), V4, 1, createRng(10));
    const gb = b.gradient(zeroGradient(plan), V4, 1, createRng(10));
    expect(Array.from(gb.weights[0]!)).toEqual(Array.from(ga.weights[0]!));
    expect(JSON.stringify(b.save())).toBe(JSON.stringify(a.save()));
  });

  it('PT: a snapshot whose swap counters do not fit the ladder is a SchemaError', () => {
    const plan = compile(rbm(4, 3, { seed: 3 }), { dtype: 'float64' });
    const opts = { method: 'pt', chains: 2, replicas: 3, seed: 'pt' } as const;
    const a = createLearner(plan, opts);
    a.gradient(zeroGradient(plan), V4, 1, createRng(9));
    const good = JSON.parse(JSON.stringify(a.save()));
    expect(() => restoreLearner(plan, opts, good)).not.toThrow();
    for (const edit of [
      (t: { attempted: number[]; accepted: number[] }) => void t.attempted.pop(),
      (t: { attempted: number[]; accepted: number[] }) => void (t.accepted[0] = t.attempted[0]! + 1),
      (t: { attempted: number[]; accepted: number[] }) => void (t.attempted[1] = -1),
      (t: { attempted: number[]; accepted: number[] }) => void (t.accepted[1] = 0.5),
    ]) {
      const bad = JSON.parse(JSON.stringify(good));
      edit(bad.tempering);
      expect(() => restoreLearner(plan, opts, bad)).toThrowError(expect.objectContaining({ code: 'SCHEMA' }));
    }
  });
});

describe('T5: no path calls Math.random', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('train, checkpoint and resume with every rule on RBMs and general BMs', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    const cases = [
      [compile(rbm(4, 3, { seed: 1 })), patterns([[1, 0, 1, 0], [0, 1, 1, 0]])],
      [compile(interactingBm()), patterns([[1, 0, 1], [0, 1, 1]])],
    ] as const;
    for (const [plan, data] of cases) {
      for (const method of ['cd', 'pcd', 'pt'] as const) {
        const first = train(plan, data, { method, epochs: 2, batchSize: 1, learningRate: 0.1, seed: 1, replicas: 3, sparsity: { target: 0.1, cost: 0.1 } });
        resumeTraining(JSON.parse(JSON.stringify(checkpoint(first.state))), data, { epochs: 3 });
      }
    }
    expect(Math.random).not.toHaveBeenCalled();
  });
});
