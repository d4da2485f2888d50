import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { network } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, describePlan, writeBack } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { makeNet, snapshot } from './support/nets.js';
import type { C, G } from './support/nets.js';

const bytes = (a: ArrayBufferView): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Exact equality of two networks' parameters, byte for byte (so -0 and NaN payloads count). */
function expectSameParameters(a: Network, b: Network): void {
  expect(a.structure).toBe(b.structure);
  expect([...a.biases.keys()]).toEqual([...b.biases.keys()]);
  for (const [id, bias] of a.biases) expect(bytes(b.biases.get(id)!)).toEqual(bytes(bias));
  expect([...a.couplings.keys()]).toEqual([...b.couplings.keys()]);
  for (const [id, p] of a.couplings) {
    const q = b.couplings.get(id)!;
    expect(q.weights).toBeInstanceOf(Float64Array);
    expect(bytes(q.weights)).toEqual(bytes(p.weights));
    expect(q.mask).toEqual(p.mask);
    expect(q.rows).toEqual(p.rows);
    expect(q.cols).toEqual(p.cols);
  }
}

/** Random layered graphs: a chain of layers, each pair coupled directed (downwards) or undirected, optional laterals. */
const layered = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
    links: fc.array(fc.record({ directed: fc.boolean(), connectivity: fc.constantFrom('dense', 'masked', 'sparse'), bits: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }) }), { minLength: 3, maxLength: 3 }),
    laterals: fc.array(fc.constantFrom('none', 'dense', 'sparse'), { minLength: 4, maxLength: 4 }),
    values: fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ sizes, links, laterals, values }) => {
    let k = 0;
    const next = (): number => values[k++ % values.length]!;
    const groups: G[] = sizes.map((size, i) => ({ id: `L${i}`, size, role: i === 0 ? 'visible' : 'hidden', bias: Array.from({ length: size }, next) }));
    const couplings: C[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const { directed, connectivity, bits } = links[i]!;
      const m = sizes[i + 1]!;
      const n = sizes[i]!;
      const on = (r: number, c: number): boolean => bits[r * 4 + c]!;
      const base = { id: `c${i}`, from: `L${i + 1}`, to: `L${i}`, directed, connectivity } as const;
      if (connectivity === 'sparse') {
        const rows: number[] = [];
        const cols: number[] = [];
        for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) if (on(r, c)) rows.push(r), cols.push(c);
        couplings.push({ ...base, rows, cols, weights: rows.map(next) });
      } else {
        const mask = Array.from({ length: m * n }, (_, q) => (connectivity === 'dense' || on(Math.floor(q / n), q % n) ? 1 : 0));
        couplings.push({ ...base, weights: mask.map((b) => (b === 1 ? next() : 0)), ...(connectivity === 'masked' ? { mask } : {}) });
      }
    }
    sizes.forEach((n, i) => {
      const kind = laterals[i]!;
      if (kind === 'none' || n < 2) return;
      if (kind === 'sparse') {
        const rows: number[] = [];
        const cols: number[] = [];
        for (let r = 0; r + 1 < n; r++) rows.push(r), cols.push(r + 1);
        couplings.push({ id: `lat${i}`, from: `L${i}`, to: `L${i}`, connectivity: 'sparse', rows, cols, weights: rows.map(next) });
        return;
      }
      const w = new Array<number>(n * n).fill(0);
      for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) w[r * n + c] = w[c * n + r] = next();
      couplings.push({ id: `lat${i}`, from: `L${i}`, to: `L${i}`, weights: w });
    });
    return { groups, couplings };
  });

describe('compile round trip (P2)', () => {
  it('compile → toNetwork is exact for float64 plans of random layered graphs', () => {
    fc.assert(
      fc.property(layered, ({ groups, couplings }) => {
        const net = makeNet(groups, couplings);
        const before = snapshot(net);
        const back = compile(net, { dtype: 'float64' }).toNetwork();
        expectSameParameters(net, back);
        expect(snapshot(net)).toEqual(before);
      }),
      { seed: 424242, numRuns: 200 },
    );
  });

  it('widens float32 plans exactly and returns fresh arrays', () => {
    const net = makeNet([{ id: 'v', size: 3 }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h', weights: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] }]);
    const plan = compile(net);
    const back = writeBack(plan);
    const w = back.couplings.get('v--h' as never)!.weights;
    expect(Array.from(w)).toEqual(Array.from(plan.weights[0]!.weights));
    expect(Array.from(w)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map(Math.fround));
    expect(w).not.toBe(net.couplings.get('v--h' as never)!.weights);
    expect(back.biases.get('v' as never)).not.toBe(net.biases.get('v' as never));
  });

  it('maps trained sparse weights back to the source pair order', () => {
    const net = makeNet([{ id: 'p', size: 3 }, { id: 'q', size: 3 }], [{ id: 's', from: 'p', to: 'q', directed: true, connectivity: 'sparse', rows: [0, 1, 2, 2], cols: [2, 0, 0, 1], weights: [1, 2, 3, 4] }]);
    const plan = compile(net, { dtype: 'float64' });
    const s = plan.weights[0]!;
    // Train the weight of pair (2, 0) through the CSC view.
    const q = s.sparse!.colPtr[0]! + 1;
    expect(s.sparse!.rowIdx[q]).toBe(2);
    s.weights[s.sparse!.perm[q]!] = 30;
    const back = plan.toNetwork();
    expect(Array.from(back.couplings.get('s' as never)!.weights)).toEqual([1, 2, 30, 4]);
    expect(Array.from(net.couplings.get('s' as never)!.weights)).toEqual([1, 2, 3, 4]);
  });
});

describe('insertion-order independence (P11)', () => {
  const groups: G[] = [
    { id: 'v', size: 4, role: 'visible' },
    { id: 'h1', size: 3 },
    { id: 'h2', size: 2 },
    { id: 'x', size: 1 },
  ];
  const couplings: C[] = [
    { id: 'h1->v', from: 'h1', to: 'v', directed: true },
    { id: 'h1--h2', from: 'h1', to: 'h2' },
    { id: 'x->v', from: 'x', to: 'v', directed: true, connectivity: 'sparse', rows: [0, 0], cols: [1, 3] },
    { id: 'h2--h2', from: 'h2', to: 'h2' },
  ];
  const fingerprint = (plan: Plan): unknown => ({
    summary: describePlan(plan),
    bias: bytes(plan.bias),
    weights: plan.weights.map((w) => [bytes(w.weights), w.sparse === null ? null : [w.sparse.rowPtr, w.sparse.colIdx, w.sparse.colPtr, w.sparse.rowIdx, w.sparse.perm].map((a) => Array.from(a))]),
    schedules: plan.schedules,
  });

  it('compiles every ordering of groups and couplings to the same layout and weight bytes', () => {
    const reference = fingerprint(compile(makeNet(groups, couplings)));
    fc.assert(
      fc.property(fc.shuffledSubarray(groups, { minLength: 4, maxLength: 4 }), fc.shuffledSubarray(couplings, { minLength: 4, maxLength: 4 }), (gs, cs) => {
        expect(fingerprint(compile(makeNet(gs, cs)))).toEqual(reference);
      }),
      { seed: 1111, numRuns: 50 },
    );
  });

  it('negative control: different parameters give a different fingerprint', () => {
    const changed = couplings.map((c) => (c.id === 'h1--h2' ? { ...c, weights: new Array<number>(6).fill(0.25) } : c));
    expect(fingerprint(compile(makeNet(groups, changed)))).not.toEqual(fingerprint(compile(makeNet(groups, couplings))));
  });
});

describe('insertion-order independence with the builder (P11)', () => {
  it('gives the same plan whichever order edges and units are added in', () => {
    const edges: [string, string, number, boolean][] = [
      ['rain', 'wet', 1.5, false],
      ['sprinkler', 'wet', -0.5, false],
      ['cloud', 'rain', 2, false],
      ['cloud', 'sprinkler', -1, false],
      ['rain', 'sprinkler', 0.25, true],
    ];
    const units = ['wet', 'rain', 'sprinkler', 'cloud'];
    const build = (us: readonly string[], es: readonly (typeof edges)[number][]): Plan => {
      let b = network();
      for (const u of us) b = b.unit(u, { bias: u.length / 10, role: u === 'wet' ? 'visible' : 'hidden' });
      for (const [a, c, w, undirected] of es) b = b.edge(a, c, w, { undirected });
      return compile(b.build(), { dtype: 'float64' });
    };
    const reference = describePlan(build(units, edges));
    const referenceWeights = build(units, edges).weights.map((w) => Array.from(w.weights));
    fc.assert(
      fc.property(fc.shuffledSubarray(units, { minLength: 4, maxLength: 4 }), fc.shuffledSubarray(edges, { minLength: 5, maxLength: 5 }), (us, es) => {
        const plan = build(us, es);
        expect(describePlan(plan)).toEqual(reference);
        expect(plan.weights.map((w) => Array.from(w.weights))).toEqual(referenceWeights);
      }),
      { seed: 2222, numRuns: 40 },
    );
  });
});
