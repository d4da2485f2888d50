/** Twin of docs/concepts.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CycleError, addEdge, mutate, network, setWeight, smallRandom, toJSON } from '@stochnet/graph';
import { clonePlan, compile, describePlan, jsBackend } from '@stochnet/model';
import { initGibbs, runGibbs } from '@stochnet/inference';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];

const layeredNet = () =>
  network({ seed: 7 })
    .layer('v', 6, { role: 'visible' })
    .layer('h', 3)
    .connect('v', 'h', { undirected: true, init: smallRandom(0.1) })
    .build();

describe('concepts', () => {
  it('groups and couplings', () => {
    const layered = network({ seed: 7 })
      .layer('v', 6, { role: 'visible' })
      .layer('h', 3)
      .connect('v', 'h', { undirected: true, init: smallRandom(0.1) })
      .build();
    console.log(layered.structure.groups.map((g) => `${g.id}: ${g.size} ${g.role}`)); // [ 'v: 6 visible', 'h: 3 hidden' ]
    const [vh] = layered.structure.couplings;
    console.log(vh); // { id: 'v--h', from: 'v', to: 'h', directed: false, connectivity: 'dense' }
    console.log(layered.couplings.get(vh!.id)!.weights.length); // 18: a 6 × 3 row-major matrix, W[i * 3 + j]

    expect(printed()[0]![0]).toEqual(['v: 6 visible', 'h: 3 hidden']);
    expect(printed()[1]![0]).toEqual({ id: 'v--h', from: 'v', to: 'h', directed: false, connectivity: 'dense' });
    expect(printed()[2]![0]).toBe(18);
  });

  it('single units and edges', () => {
    const units = network()
      .unit('a')
      .unit('b')
      .unit('c', { bias: -1 })
      .edge('a', 'b', 1.5, { undirected: true })
      .edge('a', 'c', -2) // directed, a → c
      .edge('b', 'c', 0.5)
      .build();
    console.log(units.structure.couplings.map((c) => `${c.id} ${c.connectivity}`)); // [ 'a--b sparse', 'a->c sparse', 'b->c sparse' ]

    expect(printed()[0]![0]).toEqual(['a--b sparse', 'a->c sparse', 'b->c sparse']);
  });

  it('networks are values', () => {
    const layered = layeredNet();
    const saved = toJSON(layered);
    const edited = setWeight(layered, 'v--h', 0, 2, 0.5);
    const batch = mutate(layered, (d) => {
      d.setWeight('v--h', 1, 1, -0.5);
      d.setBiasAt('h', 0, 1);
    });
    console.log(toJSON(layered) === saved, edited !== layered, batch !== layered); // true true true
    console.log(edited.couplings.get(edited.structure.couplings[0]!.id)!.weights[2]); // 0.5

    expect(printed()).toEqual([[true, true, true], [0.5]]);
  });

  it('bad edits and validation', () => {
    const chain = network().unit('x').unit('y').edge('x', 'y', 1).build();
    try {
      addEdge(chain, 'y', 'x', 1); // would close the directed cycle x → y → x
    } catch (e) {
      console.log(e instanceof CycleError, (e as CycleError).code); // true CYCLE
    }
    const checked = network().layer('v', 0).layer('h', 2).connect('v', 'g').buildEither();
    if (checked._tag === 'Left') console.log(checked.left.map((e) => e.code)); // every problem at once: [ 'SHAPE', 'UNKNOWN_ID' ]

    expect(printed()[0]).toEqual([true, 'CYCLE']);
    const codes = printed()[1]![0] as string[];
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(codes).toEqual(GUIDE_CODES);
  });

  it('plans', () => {
    const layered = layeredNet();
    const plan = compile(layered, { dtype: 'float64', backend: jsBackend });
    console.log(plan.kind, plan.size, plan.blocks.map((b) => `${b.group}@${b.offset}`)); // rbm 9 [ 'h@0', 'v@3' ]
    console.log(describePlan(plan).schedules.gibbs); // [ [ { group: 'v', units: 'all' } ], [ { group: 'h', units: 'all' } ] ]
    const copy = clonePlan(plan);
    copy.weights[0]!.weights[0] = 1; // plans are working memory: write freely
    const back = copy.toNetwork(); // a new network with the copy's parameters
    console.log(plan.weights[0]!.weights[0] === 1, back.couplings.get(back.structure.couplings[0]!.id)!.weights[0]); // false 1

    expect(printed()[0]).toEqual(['rbm', 9, ['h@0', 'v@3']]);
    expect(printed()[1]![0]).toEqual([[{ group: 'v', units: 'all' }], [{ group: 'h', units: 'all' }]]);
    expect(printed()[2]).toEqual([false, 1]);
  });

  it('seeds', () => {
    const plan = compile(layeredNet());
    const a = initGibbs(plan, { chains: 2, seed: 111, init: 'random' });
    const b = initGibbs(plan, { chains: 2, seed: '111', init: 'random' });
    runGibbs(a, 10);
    runGibbs(b, 10);
    console.log(a.states.join() === b.states.join()); // true: 111 and '111' are the same seed

    expect(printed()[0]).toEqual([true]);
  });
});

const GUIDE_CODES = ['SHAPE', 'UNKNOWN_ID'];
