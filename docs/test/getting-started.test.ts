/** Twin of docs/getting-started.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromJSON, network, rbm, toJSON, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood, exactMarginals } from '@stochnet/model';
import { ancestralSample, initGibbs, runGibbs, train } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];

describe('getting started', () => {
  it('a first network', () => {
    const net = network()
      .unit('rain', { bias: -1 })
      .unit('wet', { bias: -3, role: 'visible' })
      .edge('rain', 'wet', 4) // directed: rain is the parent of wet
      .build();
    const plan = compile(net, { dtype: 'float64' });
    console.log(plan.kind, plan.blocks.map((b) => b.group)); // sbn [ 'rain', 'wet' ]
    console.log(exactMarginals(plan)); // Float64Array(2) [ 0.2689…, 0.2313… ]

    const s = (x: number): number => 1 / (1 + Math.exp(-x));
    expect(printed()[0]).toEqual(['sbn', ['rain', 'wet']]);
    const m = printed()[1]![0] as Float64Array;
    expect(m[0]).toBeCloseTo(s(-1), 14);
    expect(m[1]).toBeCloseTo(s(-1) * s(1) + (1 - s(-1)) * s(-3), 14);
    expect(m[0]!.toFixed(4)).toBe('0.2689');
    expect(m[1]!.toFixed(4)).toBe('0.2313');
  });

  it('first samples', () => {
    const net = network()
      .unit('rain', { bias: -1 })
      .unit('wet', { bias: -3, role: 'visible' })
      .edge('rain', 'wet', 4)
      .build();
    const plan = compile(net, { dtype: 'float64' });
    const { states } = ancestralSample(plan, { samples: 10_000, seed: 42 });
    let wet = 0;
    for (let r = 0; r < 10_000; r++) wet += states[r * plan.size + 1]!; // row r, unit 1 ('wet')
    console.log(wet / 10_000); // close to 0.2313

    expect(Math.abs((printed()[0]![0] as number) - 0.2313)).toBeLessThan(0.025);
  });

  it('block Gibbs on an RBM', () => {
    const machine = compile(rbm(6, 3, { seed: 1 }));
    const chains = initGibbs(machine, { chains: 4, seed: 'first-chains', init: 'random' });
    runGibbs(chains, 100);
    console.log(chains.states.length, chains.sweeps); // 36 100 (4 chains × 9 units)

    expect(printed()[0]).toEqual([36, 100]);
    expect(Array.from(chains.states).every((x) => x === 0 || x === 1)).toBe(true);
  });

  it('a first training run', () => {
    const { train: digits } = digitsSplit(1, { binarize: true });
    const data = { values: digits.images, rows: digits.rows, cols: 64 };
    const visibleBias = visibleBiasFromData(data.values, data.rows, 64);
    const plan = compile(rbm(64, 16, { seed: 1, shape: [8, 8], visibleBias }), { dtype: 'float64' });
    const result = train(plan, data, { method: 'cd', k: 1, epochs: 5, batchSize: 10, learningRate: 0.1, momentum: 0, seed: 1 });
    console.log(result.history.map((h) => h.train['reconstruction']!.toFixed(3))); // [ '0.129', '0.095', '0.084', '0.075', '0.070' ]
    const before = exactLogLikelihood(plan, data.values, data.rows);
    const after = exactLogLikelihood(result.plan, data.values, data.rows);
    console.log(before.toFixed(2), '→', after.toFixed(2)); // -25.14 → -19.99 nats per digit

    const text = toJSON(result.network());
    const again = compile(fromJSON(text), { dtype: 'float64' });
    console.log(exactLogLikelihood(again, data.values, data.rows) === after); // true

    const [curve, lls, same] = printed();
    expect((curve![0] as string[]).length).toBe(5);
    expect(Number(lls![2])).toBeGreaterThan(Number(lls![0]) + 2);
    expect(same).toEqual([true]);
    // The figures quoted in the guide.
    expect(curve![0]).toEqual(GUIDE_CURVE);
    expect([lls![0], lls![2]]).toEqual(GUIDE_LL);
  });
});

const GUIDE_CURVE = ['0.129', '0.095', '0.084', '0.075', '0.070'];
const GUIDE_LL = ['-25.14', '-19.99'];
