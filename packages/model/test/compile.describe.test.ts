import { describe, expect, it } from 'vitest';
import { compile, describePlan } from '@stochnet/model';
import { makeNet } from './support/nets.js';

describe('describePlan', () => {
  const net = makeNet(
    [
      { id: 'v', size: 4, role: 'visible' },
      { id: 'h', size: 3 },
      { id: 'top', size: 2 },
    ],
    [
      { id: 'h->v', from: 'h', to: 'v', directed: true, connectivity: 'masked', mask: [1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1] },
      { id: 'top--h', from: 'top', to: 'h' },
      { id: 'top--top', from: 'top', to: 'top', connectivity: 'sparse', rows: [0], cols: [1] },
    ],
  );

  it('summarises a plan as plain JSON data', () => {
    const summary = describePlan(compile(net));
    expect(summary).toEqual({
      kind: 'general',
      dtype: 'float32',
      backend: 'js',
      units: 9,
      blocks: [
        { group: 'h', offset: 0, size: 3, role: 'hidden' },
        { group: 'top', offset: 3, size: 2, role: 'hidden' },
        { group: 'v', offset: 5, size: 4, role: 'visible' },
      ],
      weights: [
        { coupling: 'h->v', from: 'h', to: 'v', directed: true, connectivity: 'masked', shape: [3, 4], nnz: 6 },
        { coupling: 'top--h', from: 'top', to: 'h', directed: false, connectivity: 'dense', shape: [2, 3], nnz: 6 },
        { coupling: 'top--top', from: 'top', to: 'top', directed: false, connectivity: 'sparse', shape: [2, 2], nnz: 1 },
      ],
      schedules: {
        gibbs: [[{ group: 'h', units: 'all' }], [{ group: 'top', units: [0] }], [{ group: 'top', units: [1] }]],
        ancestral: ['h', 'top', 'v'],
        components: [['h', 'top'], ['v']],
      },
      bytes: {
        // masked 12 floats + 12 mask bytes, dense 6 floats, sparse 1 float + rowPtr 3 + colIdx 1 + colPtr 3 + rowIdx 1 + perm 1 ints.
        weights: 48 + 12 + 24 + 4 + 4 * 9,
        biases: 36,
        total: 48 + 12 + 24 + 4 + 36 + 36,
      },
    });
  });

  it('survives JSON.stringify unchanged and is identical for two compiles', () => {
    const summary = describePlan(compile(net, { dtype: 'float64' }));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(describePlan(compile(net, { dtype: 'float64' }))).toEqual(summary);
    expect(summary.bytes.biases).toBe(72);
  });

  it('counts the zero diagonal out of a dense lateral', () => {
    const s = describePlan(compile(makeNet([{ id: 'x', size: 5 }], [{ id: 'x--x', from: 'x', to: 'x' }])));
    expect(s.kind).toBe('boltzmann');
    expect(s.weights[0]!.nnz).toBe(20);
    expect(s.schedules.gibbs).toHaveLength(5);
  });
});
