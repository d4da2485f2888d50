import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, describePlan } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { isingGrid, makeNet } from './support/nets.js';
import type { C, G } from './support/nets.js';
import { conflicts, stepOfUnits } from './support/independence.js';

const gibbsOf = (plan: Plan) => describePlan(plan).schedules.gibbs;

describe('compile: Gibbs schedule', () => {
  it('gives an RBM exactly [{v}, {h}], visible first even though h sorts first', () => {
    const plan = compile(makeNet([{ id: 'v', size: 4, role: 'visible' }, { id: 'h', size: 3 }], [{ id: 'v--h', from: 'v', to: 'h' }]));
    expect(plan.schedules.gibbs).toEqual([{ parts: [{ block: 1, units: null }] }, { parts: [{ block: 0, units: null }] }]);
  });

  it('alternates odd and even layers of a layered DBM in two steps', () => {
    const groups: G[] = [{ id: 'v', size: 4, role: 'visible' }, { id: 'h1', size: 3 }, { id: 'h2', size: 3 }, { id: 'h3', size: 2 }];
    const couplings: C[] = [
      { id: 'v--h1', from: 'v', to: 'h1' },
      { id: 'h1--h2', from: 'h1', to: 'h2' },
      { id: 'h2--h3', from: 'h2', to: 'h3' },
    ];
    const plan = compile(makeNet(groups, couplings));
    expect(plan.kind).toBe('boltzmann');
    expect(gibbsOf(plan)).toEqual([
      [{ group: 'h2', units: 'all' }, { group: 'v', units: 'all' }],
      [{ group: 'h1', units: 'all' }, { group: 'h3', units: 'all' }],
    ]);
  });

  it('two-colours a layered DBM whatever the layer names sort to', () => {
    // Names sort as a, b, m, z but the chain is z - a - m - b: plain index-order greedy would need 3 colours.
    const groups: G[] = ['z', 'a', 'm', 'b'].map((id) => ({ id, size: 2 }));
    const couplings: C[] = [
      { id: 'e1', from: 'z', to: 'a' },
      { id: 'e2', from: 'a', to: 'm' },
      { id: 'e3', from: 'm', to: 'b' },
      { id: 'e4', from: 'z', to: 'b' },
    ];
    const net = makeNet(groups, couplings);
    const plan = compile(net);
    expect(plan.schedules.gibbs).toHaveLength(2);
    expect(conflicts(plan, net)).toEqual([]);
  });

  it('updates a dense lateral group one unit at a time', () => {
    const net = makeNet([{ id: 'x', size: 6, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x' }]);
    const plan = compile(net);
    expect(gibbsOf(plan)).toEqual([0, 1, 2, 3, 4, 5].map((i) => [{ group: 'x', units: [i] }]));
    expect(conflicts(plan, net)).toEqual([]);
  });

  it('colours a checkerboard Ising grid in two steps', () => {
    const net = isingGrid(6);
    const plan = compile(net);
    const steps = gibbsOf(plan);
    expect(steps).toHaveLength(2);
    const even = Array.from({ length: 36 }, (_, i) => i).filter((i) => (Math.floor(i / 6) + (i % 6)) % 2 === 0);
    const odd = Array.from({ length: 36 }, (_, i) => i).filter((i) => (Math.floor(i / 6) + (i % 6)) % 2 === 1);
    expect(steps).toEqual([[{ group: 'x', units: even }], [{ group: 'x', units: odd }]]);
    expect(conflicts(plan, net)).toEqual([]);
  });

  it('reads unit adjacency of a masked lateral from its mask', () => {
    // A 4-cycle 0-1-2-3-0 as a symmetric mask: bipartite, so 2 steps.
    const mask = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0];
    const net = makeNet([{ id: 'x', size: 4 }], [{ id: 'x--x', from: 'x', to: 'x', connectivity: 'masked', mask }]);
    const plan = compile(net);
    expect(gibbsOf(plan)).toEqual([[{ group: 'x', units: [0, 2] }], [{ group: 'x', units: [1, 3] }]]);
  });

  it('schedules a semi-restricted machine without conflicts', () => {
    const net = makeNet(
      [{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }],
      [{ id: 'v--h', from: 'v', to: 'h' }, { id: 'v--v', from: 'v', to: 'v', connectivity: 'sparse', rows: [0, 1], cols: [1, 2] }],
    );
    const plan = compile(net);
    expect(gibbsOf(plan)).toEqual([[{ group: 'v', units: [0, 2] }], [{ group: 'v', units: [1] }], [{ group: 'h', units: 'all' }]]);
    expect(conflicts(plan, net)).toEqual([]);
  });

  it('leaves out groups that are only in directed couplings, and keeps isolated groups of a Boltzmann machine', () => {
    const dbn = compile(
      makeNet(
        [{ id: 'v', size: 3, role: 'visible' }, { id: 'h1', size: 2 }, { id: 'h2', size: 2 }, { id: 'h3', size: 2 }],
        [
          { id: 'h1->v', from: 'h1', to: 'v', directed: true },
          { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
          { id: 'h2--h3', from: 'h2', to: 'h3' },
        ],
      ),
    );
    expect(gibbsOf(dbn)).toEqual([[{ group: 'h2', units: 'all' }], [{ group: 'h3', units: 'all' }]]);
    const bm = compile(makeNet([{ id: 'a', size: 2 }, { id: 'b', size: 2 }, { id: 'lone', size: 1 }], [{ id: 'a--b', from: 'a', to: 'b' }]));
    expect(gibbsOf(bm)).toEqual([[{ group: 'a', units: 'all' }, { group: 'lone', units: 'all' }], [{ group: 'b', units: 'all' }]]);
    const sbn = compile(makeNet([{ id: 'v', size: 2 }, { id: 'h', size: 2 }], [{ id: 'h->v', from: 'h', to: 'v', directed: true }]));
    expect(sbn.schedules.gibbs).toEqual([]);
  });

  it('makes every step an independent set on random undirected topologies', () => {
    const topology = fc.record({
      sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
      edges: fc.array(fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('dense', 'masked', 'sparse'), fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }))),
    });
    fc.assert(
      fc.property(topology, ({ sizes, edges }) => {
        const groups: G[] = sizes.map((size, i) => ({ id: `g${i}`, size, role: i === 0 ? 'visible' : 'hidden' }));
        const seen = new Set<string>();
        const couplings: C[] = [];
        for (const [x, y, connectivity, bits] of edges) {
          const a = Math.min(x, y) % sizes.length;
          const b = Math.max(x, y) % sizes.length;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          if (seen.has(`${lo}:${hi}`)) continue;
          seen.add(`${lo}:${hi}`);
          const m = sizes[lo]!;
          const n = sizes[hi]!;
          const on = (i: number, j: number): boolean => (lo === hi ? i !== j && bits[Math.min(i, j) * 5 + Math.max(i, j)]! : bits[i * 5 + j]!);
          const id = `c${lo}-${hi}`;
          if (connectivity === 'sparse') {
            const rows: number[] = [];
            const cols: number[] = [];
            for (let i = 0; i < m; i++) for (let j = lo === hi ? i + 1 : 0; j < n; j++) if (on(i, j)) rows.push(i), cols.push(j);
            couplings.push({ id, from: `g${lo}`, to: `g${hi}`, connectivity, rows, cols });
          } else if (connectivity === 'masked') {
            const mask = Array.from({ length: m * n }, (_, k) => (on(Math.floor(k / n), k % n) ? 1 : 0));
            couplings.push({ id, from: `g${lo}`, to: `g${hi}`, connectivity, mask });
          } else {
            couplings.push({ id, from: `g${lo}`, to: `g${hi}` });
          }
        }
        const net = makeNet(groups, couplings);
        const plan = compile(net);
        expect(conflicts(plan, net)).toEqual([]);
        if (couplings.length > 0) expect(Array.from(stepOfUnits(plan)).every((s) => s >= 0)).toBe(true);
      }),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('negative control: the independence checker flags a schedule that updates coupled units together', () => {
    const net = makeNet([{ id: 'v', size: 2, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]);
    const plan = compile(net);
    const merged = { ...plan, schedules: { ...plan.schedules, gibbs: [{ parts: [...plan.schedules.gibbs[0]!.parts, ...plan.schedules.gibbs[1]!.parts] }] } };
    expect(conflicts(merged, net).length).toBe(4);
  });
});

describe('compile: ancestral order and chain components', () => {
  it('orders a DBN parents first, ties by block index, with the top pair one component', () => {
    const plan = compile(
      makeNet(
        [{ id: 'v', size: 3, role: 'visible' }, { id: 'h1', size: 2 }, { id: 'h2', size: 2 }, { id: 'h3', size: 2 }],
        [
          { id: 'h1->v', from: 'h1', to: 'v', directed: true },
          { id: 'h2->h1', from: 'h2', to: 'h1', directed: true },
          { id: 'h2--h3', from: 'h2', to: 'h3' },
        ],
      ),
    );
    const s = describePlan(plan).schedules;
    expect(s.ancestral).toEqual(['h2', 'h1', 'h3', 'v']);
    expect(s.components).toEqual([['h2', 'h3'], ['h1'], ['v']]);
  });

  it('orders a non-layered DAG with skip edges topologically', () => {
    const groups: G[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, size: 1 }));
    const couplings: C[] = [
      { id: 'e->a', from: 'e', to: 'a', directed: true },
      { id: 'e->c', from: 'e', to: 'c', directed: true },
      { id: 'd->b', from: 'd', to: 'b', directed: true },
      { id: 'c->a', from: 'c', to: 'a', directed: true },
      { id: 'b->a', from: 'b', to: 'a', directed: true },
    ];
    const plan = compile(makeNet(groups, couplings));
    expect(describePlan(plan).schedules.ancestral).toEqual(['d', 'b', 'e', 'c', 'a']);
    expect(plan.schedules.components).toEqual([[3], [1], [4], [2], [0]]);
  });

  it('gives one component per connected piece of a Boltzmann machine', () => {
    const plan = compile(makeNet(['a', 'b', 'c', 'd'].map((id) => ({ id, size: 2 })), [{ id: 'a--c', from: 'a', to: 'c' }, { id: 'b--d', from: 'b', to: 'd' }]));
    expect(plan.schedules.components).toEqual([[0, 2], [1, 3]]);
    expect(plan.schedules.ancestral).toEqual([0, 1, 2, 3]);
  });

  it('orders the components of a chain graph', () => {
    const plan = compile(
      makeNet(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, size: 2 })), [
        { id: 'd--e', from: 'd', to: 'e' },
        { id: 'e->a', from: 'e', to: 'a', directed: true },
        { id: 'a--b', from: 'a', to: 'b' },
        { id: 'b->c', from: 'b', to: 'c', directed: true },
      ]),
    );
    expect(plan.kind).toBe('general');
    expect(describePlan(plan).schedules.components).toEqual([['d', 'e'], ['a', 'b'], ['c']]);
  });
});
