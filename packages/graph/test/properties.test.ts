/**
 * Property tests (TESTING.md B.4): P1 model-based editing, P9 invalid-number
 * fuzz, P11 insertion-order independence. Fixed seeds, numRuns 200.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectRejectsWithoutMutation, snapshot } from '../../../test/support/no-mutation.js';
import { network } from '../src/builder.js';
import { addEdge, mutate, setBias, setBiasAt, setWeight, setWeights } from '../src/edit.js';
import { NonFiniteError, StochnetError } from '../src/errors.js';
import { constant, normal, smallRandom, zeros } from '../src/init.js';
import { rbm } from '../src/presets.js';
import type { Network } from '../src/types.js';
import { validateNetwork } from '../src/validate.js';
import { canonical, paramsOf } from './core-nets.js';
import { commands, start } from './p1-model.js';

const RUNS = { numRuns: 200, seed: 20240611 } as const;

describe('P1: model-based edit sequences', () => {
  it('directed models never accept a cycle; rejected commands change nothing', () => {
    fc.assert(fc.property(commands(true), (cmds) => fc.modelRun(start, cmds)), RUNS);
  });

  it('mixed directed/undirected models agree with the reference edge map', () => {
    fc.assert(fc.property(commands(false), (cmds) => fc.modelRun(start, cmds)), RUNS);
  });
});

// ---------- P9: invalid-number fuzz into every numeric setter ----------

describe('P9: numeric setters accept finite numbers and reject the rest unchanged', () => {
  const net = network()
    .layer('v', 3).layer('h', 2).unit('a').unit('b')
    .connect('v', 'h', { undirected: true })
    .connect('h', 'h', { undirected: true, sparse: [[0, 1, 1]] })
    .build();
  const setters: [string, (x: number) => Network, (out: Network) => number][] = [
    ['setWeight dense', (x) => setWeight(net, 'v--h', 2, 1, x), (o) => paramsOf(o, 'v--h').weights[5]!],
    ['setWeight sparse', (x) => setWeight(net, 'h--h', 1, 0, x), (o) => paramsOf(o, 'h--h').weights[0]!],
    ['setWeights entry', (x) => setWeights(net, 'v--h', [[0, 0], [0, x], [0, 0]]), (o) => paramsOf(o, 'v--h').weights[3]!],
    ['setBiasAt', (x) => setBiasAt(net, 'h', 1, x), (o) => o.biases.get('h' as never)![1]!],
    ['setBias entry', (x) => setBias(net, 'v', [0, 0, x]), (o) => o.biases.get('v' as never)![2]!],
    ['setBias constant', (x) => setBias(net, 'v', x), (o) => o.biases.get('v' as never)![0]!],
    ['addEdge', (x) => addEdge(net, 'a', 'b', x), (o) => paramsOf(o, 'a->b').weights[0]!],
    ['mutate batch', (x) => mutate(net, (d) => d.setWeight('v--h', 0, 0, x)), (o) => paramsOf(o, 'v--h').weights[0]!],
  ];
  it.each(setters)('%s', (_name, set, read) => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        if (Number.isFinite(x)) {
          const before = snapshot(net);
          expect(Object.is(read(set(x)), x)).toBe(true);
          expect(snapshot(net)).toEqual(before);
        } else {
          expectRejectsWithoutMutation(() => set(x), { errorClass: NonFiniteError, inputs: [net] });
        }
      }),
      RUNS,
    );
  });
});

// ---------- P11: insertion-order independence ----------

type Step =
  | { kind: 'group'; id: string; size: number; random: boolean }
  | { kind: 'connect'; from: string; to: string; undirected: boolean }
  | { kind: 'edge'; a: string; b: string; w: number; undirected: boolean };

const graphSteps: fc.Arbitrary<Step[]> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
    randomBias: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    links: fc.array(
      fc.record({
        i: fc.nat(4),
        j: fc.nat(4),
        undirected: fc.boolean(),
        dense: fc.boolean(),
        pairs: fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.double({ min: -8, max: 8, noNaN: true })), { maxLength: 6 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ sizes, randomBias, links }) => {
    const k = sizes.length;
    const g = (i: number): string => `g${i}`;
    const steps: Step[] = sizes.map((size, i) => ({ kind: 'group', id: g(i), size, random: randomBias[i]! }));
    const used = new Set<string>();
    for (const l of links) {
      let i = l.i % k, j = l.j % k;
      if (!l.undirected && i === j) continue;
      if (!l.undirected && i > j) [i, j] = [j, i]; // directed couplings point up the index order: a DAG
      const key = i < j ? `${i}/${j}` : `${j}/${i}`;
      if (used.has(key)) continue;
      used.add(key);
      if (l.dense) {
        steps.push({ kind: 'connect', from: g(i), to: g(j), undirected: l.undirected });
        continue;
      }
      const seen = new Set<string>();
      for (const [r0, c0, w] of l.pairs) {
        const r = r0 % sizes[i]!, c = c0 % sizes[j]!;
        if (i === j && r === c) continue;
        const pk = i === j ? `${Math.min(r, c)}/${Math.max(r, c)}` : `${r}/${c}`;
        if (seen.has(pk)) continue;
        seen.add(pk);
        steps.push({ kind: 'edge', a: `${g(i)}[${r}]`, b: `${g(j)}[${c}]`, w, undirected: l.undirected });
      }
    }
    return steps;
  });

function viaBuilder(steps: readonly Step[]): Network {
  let b = network({ seed: 'p11' });
  for (const s of steps) {
    if (s.kind === 'group') b = b.layer(s.id, s.size, { bias: s.random ? normal(0, 1) : constant(0.5) });
    else if (s.kind === 'connect') b = b.connect(s.from, s.to, { undirected: s.undirected, init: smallRandom(0.1) });
    else b = b.edge(s.a, s.b, s.w, { undirected: s.undirected });
  }
  return b.build();
}

function viaEdits(steps: readonly Step[]): Network {
  const groups = steps.filter((s) => s.kind === 'group');
  return mutate(
    network().build(),
    (d) => {
      for (const s of [...groups, ...steps.filter((x) => x.kind !== 'group')]) {
        if (s.kind === 'group') d.addGroup(s.id, s.size, { bias: s.random ? normal(0, 1) : constant(0.5) });
        else if (s.kind === 'connect') d.addCoupling(s.from, s.to, { undirected: s.undirected, init: smallRandom(0.1) });
        else d.addEdge(s.a, s.b, s.w, { undirected: s.undirected });
      }
    },
    { seed: 'p11' },
  );
}

describe('P11: the same graph built in any order has the same canonical content', () => {
  it('builder and edits, in shuffled orders', () => {
    const arb = graphSteps.chain((steps) => fc.tuple(fc.constant(steps), fc.shuffledSubarray(steps, { minLength: steps.length })));
    fc.assert(
      fc.property(arb, ([steps, shuffled]) => {
        const a = viaBuilder(steps);
        expect(E.isRight(validateNetwork(a))).toBe(true);
        expect(canonical(viaBuilder(shuffled))).toEqual(canonical(a));
        expect(canonical(viaEdits(shuffled))).toEqual(canonical(a));
      }),
      RUNS,
    );
  });
});

// ---------- Junk-input fuzz: every failure is a typed StochnetError ----------

describe('junk arguments to the builder and the edits raise typed errors only', () => {
  it('never escapes as TypeError or RangeError, never crashes', () => {
    const j = fc.anything();
    fc.assert(
      fc.property(j, j, j, j, (a, b, c, d) => {
        const x = a as never, y = b as never, z = c as never, w = d as never;
        const base = rbm(3, 2, { init: zeros() });
        const calls = [
          () => network().layer('a', 2, x).layer('b', 3).connect('a', 'b', y).build(),
          () => network().layer(x, y).build(),
          () => network(x).unit('a').unit('b').edge(y, 'b', z, w).build(),
          () => network().layer('x', 3).connect('x', 'x', { undirected: true, sparse: x }).build(),
          () => network().layer('x', 3).connect('x', 'x', { undirected: true, weights: x, mask: y }).build(),
          () => mutate(base, (dr) => dr.setWeights('v--h', x)),
          () => mutate(base, (dr) => dr.setBias('v', x)),
          () => mutate(base, (dr) => dr.setWeight('v--h', x, y, z)),
          () => mutate(base, (dr) => dr.addEdge(x, y, z, w)),
          () => mutate(base, (dr) => dr.addCoupling('h', 'v', x)),
          () => mutate(base, (dr) => dr.addGroup(x, y, z)),
          () => mutate(base, (dr) => dr.setRole(x, y)),
          () => rbm(x, y, z),
        ];
        for (const call of calls) {
          try {
            call();
          } catch (e) {
            expect(e).toBeInstanceOf(StochnetError);
          }
        }
      }),
      RUNS,
    );
  });
});
