import { describe, expect, it } from 'vitest';
import { compile } from '@stochnet/model';
import { makeNet, snapshot } from './support/nets.js';

describe('compile: layout', () => {
  it('orders blocks by group id in code-unit order with contiguous offsets', () => {
    // 'B' < 'a' < 'b' in code units; localeCompare would put 'a' first.
    const net = makeNet([
      { id: 'b', size: 2 },
      { id: 'a', size: 3, role: 'visible', shape: [3, 1] },
      { id: 'B', size: 1 },
    ]);
    const plan = compile(net);
    expect(plan.blocks.map((b) => [b.group, b.offset, b.size])).toEqual([
      ['B', 0, 1],
      ['a', 1, 3],
      ['b', 4, 2],
    ]);
    expect(plan.size).toBe(6);
    expect(plan.blocks[1]!.role).toBe('visible');
    expect(plan.blocks[1]!.shape).toEqual([3, 1]);
    expect('shape' in plan.blocks[0]!).toBe(false);
    expect(Array.from(plan.bias)).toEqual(
      [...net.biases.get('B' as never)!, ...net.biases.get('a' as never)!, ...net.biases.get('b' as never)!].map(Math.fround),
    );
  });

  it('orders weight blocks by coupling id and fills the per-block coupling lists', () => {
    const net = makeNet(
      [
        { id: 'v', size: 3 },
        { id: 'h', size: 2 },
        { id: 'top', size: 2 },
      ],
      [
        { id: 'z', from: 'h', to: 'v', directed: true },
        { id: 'lat', from: 'top', to: 'top' },
        { id: 'm', from: 'top', to: 'h', directed: true },
      ],
    );
    const plan = compile(net);
    expect(plan.blocks.map((b) => b.group)).toEqual(['h', 'top', 'v']);
    expect(plan.weights.map((w) => [w.coupling, w.from, w.to, w.directed, w.rows, w.cols])).toEqual([
      ['lat', 1, 1, false, 2, 2],
      ['m', 1, 0, true, 2, 2],
      ['z', 0, 2, true, 2, 3],
    ]);
    const lists = plan.blocks.map((b) => [b.incoming, b.outgoing, b.undirected]);
    expect(lists).toEqual([
      [[1], [2], []],
      [[], [1], [0]],
      [[2], [], []],
    ]);
  });

  it('copies dense weights row-major into the requested dtype', () => {
    const net = makeNet([{ id: 'v', size: 3 }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h', weights: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] }]);
    const f32 = compile(net);
    const f64 = compile(net, { dtype: 'float64' });
    expect(f32.dtype).toBe('float32');
    expect(f32.weights[0]!.weights).toBeInstanceOf(Float32Array);
    expect(f32.bias).toBeInstanceOf(Float32Array);
    expect(Array.from(f32.weights[0]!.weights)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map(Math.fround));
    expect(f64.weights[0]!.weights).toBeInstanceOf(Float64Array);
    expect(f64.bias).toBeInstanceOf(Float64Array);
    expect(Array.from(f64.weights[0]!.weights)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(f64.weights[0]!.mask).toBeNull();
    expect(f64.weights[0]!.sparse).toBeNull();
  });

  it('keeps a copy of a mask', () => {
    const mask = [1, 0, 1, 0, 1, 1];
    const net = makeNet([{ id: 'a', size: 2 }, { id: 'b', size: 3 }], [{ id: 'a--b', from: 'a', to: 'b', connectivity: 'masked', mask }]);
    const plan = compile(net, { dtype: 'float64' });
    const w = plan.weights[0]!;
    expect(w.connectivity).toBe('masked');
    expect(Array.from(w.mask!)).toEqual(mask);
    expect(w.mask).not.toBe(net.couplings.get('a--b' as never)!.mask);
    expect(Array.from(w.weights)).toEqual(Array.from(net.couplings.get('a--b' as never)!.weights));
    expect(w.weights[1]).toBe(0);
  });

  it('keeps a sparse coupling sparse, in CSR order with a consistent CSC view', () => {
    const rows = [0, 0, 1, 2, 2, 2];
    const cols = [1, 3, 0, 0, 1, 3];
    const weights = [1, 2, 3, 4, 5, 6];
    const net = makeNet([{ id: 'p', size: 3 }, { id: 'q', size: 4 }], [{ id: 'p->q', from: 'p', to: 'q', directed: true, connectivity: 'sparse', rows, cols, weights }]);
    const w = compile(net, { dtype: 'float64' }).weights[0]!;
    const s = w.sparse!;
    expect(Array.from(w.weights)).toEqual(weights);
    expect(Array.from(s.rowPtr)).toEqual([0, 2, 3, 6]);
    expect(Array.from(s.colIdx)).toEqual(cols);
    expect(Array.from(s.colPtr)).toEqual([0, 2, 4, 4, 6]);
    expect(Array.from(s.rowIdx)).toEqual([1, 2, 0, 2, 0, 2]);
    expect(Array.from(s.perm)).toEqual([2, 3, 0, 4, 1, 5]);
    // Every CSC entry points at the CSR weight of the same pair.
    for (let j = 0; j < 4; j++) {
      for (let q = s.colPtr[j]!; q < s.colPtr[j + 1]!; q++) {
        const p = s.perm[q]!;
        expect(s.colIdx[p]).toBe(j);
        expect(rows[p]).toBe(s.rowIdx[q]);
      }
    }
    expect(w.mask).toBeNull();
  });

  it('compiles singleton units joined by sparse edges', () => {
    const net = makeNet(
      [
        { id: 'rain', size: 1 },
        { id: 'sprinkler', size: 1 },
        { id: 'wet', size: 1, role: 'visible' },
      ],
      [
        { id: 'rain->wet', from: 'rain', to: 'wet', directed: true, connectivity: 'sparse', rows: [0], cols: [0], weights: [1.2] },
        { id: 'sprinkler->wet', from: 'sprinkler', to: 'wet', directed: true, connectivity: 'sparse', rows: [0], cols: [0], weights: [0.7] },
      ],
    );
    const plan = compile(net, { dtype: 'float64' });
    expect(plan.kind).toBe('sbn');
    expect(plan.weights.map((w) => Array.from(w.weights))).toEqual([[1.2], [0.7]]);
    expect(plan.schedules.ancestral).toEqual([0, 1, 2]);
    expect(plan.blocks[2]!.incoming).toEqual([0, 1]);
  });

  it('never aliases the network: writing the plan leaves the network unchanged', () => {
    const net = makeNet(
      [{ id: 'v', size: 3 }, { id: 'h', size: 2 }, { id: 's', size: 3 }],
      [
        { id: 'v--h', from: 'v', to: 'h' },
        { id: 'm', from: 'h', to: 's', directed: true, connectivity: 'masked', mask: [1, 0, 1, 1, 1, 0] },
        { id: 'sp', from: 's', to: 's', connectivity: 'sparse', rows: [0, 1], cols: [2, 2] },
      ],
    );
    const before = snapshot(net);
    for (const dtype of ['float32', 'float64'] as const) {
      const plan = compile(net, { dtype });
      plan.bias.fill(9);
      for (const w of plan.weights) {
        w.weights.fill(9);
        w.mask?.fill(0);
        w.sparse?.colIdx.fill(0);
      }
    }
    expect(snapshot(net)).toEqual(before);
  });

  it('freezes the plan object and its blocks', () => {
    const plan = compile(makeNet([{ id: 'v', size: 2 }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]));
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.blocks[0])).toBe(true);
    expect(Object.isFrozen(plan.weights[0])).toBe(true);
    expect(plan.source).toBeDefined();
    expect(plan.backend.name).toBe('js');
  });
});
