/** Twin of docs/sampling.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boltzmann, dbn, network, normal, rbm } from '@stochnet/graph';
import { compile, exactLogProbabilities, exactMarginals } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { ancestralSample, dbnSample, effectiveSampleSize, initGibbs, initPosterior, posteriorStep, runGibbs, runPosterior } from '@stochnet/inference';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];
const num = (call: number, arg = 0): number => printed()[call]![arg] as number;

/** p(unit u = 1 | fixed units) by summing the exact joint (bit i of the index is unit i). */
function exactGiven(plan: Plan, u: number, fixed: Record<number, number>): number {
  const logp = exactLogProbabilities(plan);
  let num1 = 0;
  let den = 0;
  for (let x = 0; x < logp.length; x++) {
    if (!Object.entries(fixed).every(([i, v]) => ((x >> Number(i)) & 1) === v)) continue;
    den += Math.exp(logp[x]!);
    if ((x >> u) & 1) num1 += Math.exp(logp[x]!);
  }
  return num1 / den;
}

const sprinkler = () =>
  network()
    .unit('rain', { bias: -1 })
    .unit('sprinkler', { bias: -0.5 })
    .unit('wet', { bias: -4, role: 'visible' })
    .edge('rain', 'sprinkler', -2)
    .edge('rain', 'wet', 5)
    .edge('sprinkler', 'wet', 4)
    .build();

describe('sampling', () => {
  it('the Gibbs schedule is a colouring', () => {
    const sweep = (p: Plan): string[] =>
      p.schedules.gibbs.map((step) =>
        step.parts.map((part) => `${p.blocks[part.block]!.group}${part.units === null ? '' : `[${part.units.join(',')}]`}`).join(' + '),
      );
    console.log(sweep(compile(rbm(4, 3, { seed: 1 })))); // [ 'v', 'h' ]: two steps, whatever the sizes
    console.log(sweep(compile(boltzmann(3, { seed: 1 })))); // [ 'x[0]', 'x[1]', 'x[2]' ]: dense laterals, one unit a step
    console.log(sweep(compile(boltzmann(6, { seed: 1, density: 0.4 })))); // [ 'x[0,1,3]', 'x[2,4,5]' ]: a sparse graph, two colours

    expect(printed()).toEqual([[['v', 'h']], [['x[0]', 'x[1]', 'x[2]']], [['x[0,1,3]', 'x[2,4,5]']]]);
  });

  it('clamping', () => {
    const plan = compile(rbm(4, 2, { seed: 3, init: normal(0, 1.5) }), { dtype: 'float64' }); // layout [h0, h1, v0, v1, v2, v3]
    const clamp = [{ group: 'v', units: [0, 1], values: [1, 0] }];
    const state = initGibbs(plan, { chains: 2000, seed: 'clamp', init: 'random', clamp });
    runGibbs(state, 50);
    let on = 0;
    for (let c = 0; c < 2000; c++) on += state.states[c * plan.size + 4]!; // v2 sits at index 4
    console.log(on / 2000); // ≈ p(v2 = 1 | v0 = 1, v1 = 0)

    const exact = exactGiven(plan, 4, { 2: 1, 3: 0 });
    // Hoeffding at α = 1e-6 for 2000 independent chains: 0.059.
    expect(Math.abs(num(0) - exact)).toBeLessThan(0.059);
    for (let c = 0; c < 2000; c++) expect([state.states[c * plan.size + 2], state.states[c * plan.size + 3]]).toEqual([1, 0]);
  });

  it('ancestral sampling and likelihood weighting', () => {
    const plan = compile(sprinkler(), { dtype: 'float64' }); // layout [rain, sprinkler, wet]
    const prior = ancestralSample(plan, { samples: 20_000, seed: 1 });
    const weighted = ancestralSample(plan, { samples: 20_000, seed: 1, evidence: [{ unit: 'wet', values: [1] }] });
    let num = 0;
    let den = 0;
    for (let r = 0; r < 20_000; r++) {
      const w = Math.exp(weighted.logWeights![r]!); // p(wet = 1 | its parents in sample r)
      num += w * weighted.states[r * 3]!; // rain is column 0
      den += w;
    }
    console.log(prior.states.length, (num / den).toFixed(2)); // 60000 0.58 (exact: 0.5801)

    expect(printed()[0]![0]).toBe(60_000);
    expect(Math.abs(Number(printed()[0]![1]) - exactGiven(plan, 0, { 2: 1 }))).toBeLessThan(0.02);
    expect(exactGiven(plan, 0, { 2: 1 }).toFixed(4)).toBe('0.5801');
  });

  it('posterior Gibbs', () => {
    const plan = compile(sprinkler(), { dtype: 'float64' });
    const state = initPosterior(plan, { chains: 1000, seed: 2, evidence: [{ unit: 'wet', values: [1] }] });
    runPosterior(state, 20); // burn-in
    let rain = 0;
    for (let t = 0; t < 50; t++) {
      posteriorStep(state);
      for (let c = 0; c < 1000; c++) rain += state.states[c * 3]!;
    }
    console.log((rain / 50_000).toFixed(2)); // ≈ 0.58 again: p(rain | wet)

    expect(Math.abs(Number(printed()[0]![0]) - 0.5801)).toBeLessThan(0.03);
  });

  it('DBN sampling', () => {
    const deep = compile(dbn([4, 3, 2], { seed: 5, init: normal(0, 1) }), { dtype: 'float64' });
    const { visible } = dbnSample(deep, { samples: 5000, gibbsSteps: 50, seed: 'dbn' });
    const v = deep.blocks.find((b) => b.group === 'v')!;
    let on = 0;
    for (let r = 0; r < 5000; r++) on += visible[r * 4]!;
    console.log((on / 5000).toFixed(2), exactMarginals(deep)[v.offset]!.toFixed(2)); // p(v0 = 1): sampled, exact

    // Hoeffding at α = 1e-6 for 5000 independent samples: 0.037.
    expect(Math.abs(Number(printed()[0]![0]) - Number(printed()[0]![1]))).toBeLessThan(0.037);
  });

  it('checking mixing with the effective sample size', () => {
    const ess = (sd: number): number => {
      const plan = compile(boltzmann(16, { seed: 3, init: normal(0, sd) }));
      const state = initGibbs(plan, { seed: 'ess', init: 'random' });
      runGibbs(state, 500); // burn-in
      const run = runGibbs(state, 5000, { trace: 'energy' }); // one chain: 5000 energies
      return effectiveSampleSize(run.energy!);
    };
    console.log(Math.round(ess(0.2)), Math.round(ess(2))); // 4327 298: the same machine with ten times the weights mixes far more slowly

    expect(num(0, 0)).toBeGreaterThan(3 * num(0, 1));
    expect([num(0, 0), num(0, 1)]).toEqual(GUIDE_ESS);
  });
});

const GUIDE_ESS = [4327, 298];
