/**
 * The rain / sprinkler / wet-grass belief net, written unit by unit:
 * ancestral sampling of the joint, posterior Gibbs for p(rain | wet), and
 * both compared with exact enumeration of its 16 states.
 */
import { network } from '@stochnet/graph';
import type { Network, Seed } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { ancestralSample, initPosterior, posteriorStep, runPosterior } from '@stochnet/inference';
import type { Evidence } from '@stochnet/inference';

/** Sizes and seed of a run. */
export interface RainSprinklerOptions {
  /** Ancestral samples (and likelihood-weighted samples). */
  readonly samples: number;
  /** Posterior Gibbs chains. */
  readonly chains: number;
  /** Sweeps discarded before averaging. */
  readonly burnIn: number;
  /** Sweeps averaged after the burn-in. */
  readonly sweeps: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: RainSprinklerOptions = { samples: 200_000, chains: 2_000, burnIn: 20, sweeps: 100, seed: 'rain' };
/** The sizes of a quick run (and of the test). */
export const QUICK: RainSprinklerOptions = { samples: 20_000, chains: 500, burnIn: 10, sweeps: 20, seed: 'rain' };

/** Every figure the run prints. */
export interface RainSprinklerResult {
  /** Exact p(wet = 1). */
  readonly exactWet: number;
  /** p(wet = 1) as the fraction of ancestral samples. */
  readonly sampledWet: number;
  /** Exact p(rain = 1 | wet = 1). */
  readonly exactRain: number;
  /** p(rain = 1 | wet = 1) by posterior Gibbs. */
  readonly gibbsRain: number;
  /** p(rain = 1 | wet = 1) by likelihood weighting. */
  readonly weightedRain: number;
  /** Exact p(rain = 1 | wet = 1, sprinkler = 1): lower, the sprinkler explains the wet grass away. */
  readonly exactRainGivenSprinkler: number;
  /** The same by posterior Gibbs. */
  readonly gibbsRainGivenSprinkler: number;
}

/**
 * The network: a cloudy sky makes rain likelier and the sprinkler less
 * likely; either makes the grass wet. Every edge is directed (parent first).
 */
export function sprinklerNetwork(): Network {
  return network()
    .unit('cloudy', { bias: 0 })
    .unit('rain', { bias: -1.5 })
    .unit('sprinkler', { bias: 0.5 })
    .unit('wet', { bias: -4, role: 'visible' })
    .edge('cloudy', 'rain', 3)
    .edge('cloudy', 'sprinkler', -2.5)
    .edge('rain', 'wet', 5)
    .edge('sprinkler', 'wet', 4.5)
    .build();
}

/** The state-vector index of a single-unit group. */
export function indexOf(plan: Plan, unit: string): number {
  const block = plan.blocks.find((b) => b.group === unit);
  if (block === undefined) throw new Error(`no unit '${unit}'`);
  return block.offset;
}

/**
 * p(target = 1 | given) by summing the exact joint: state x has unit i on
 * when bit i of x is set (units in the plan's layout order).
 */
export function exactConditional(plan: Plan, target: string, given: Readonly<Record<string, 0 | 1>>): number {
  const logp = exactLogProbabilities(plan);
  const t = indexOf(plan, target);
  const fixed = Object.entries(given).map(([u, v]) => [indexOf(plan, u), v] as const);
  let num = 0;
  let den = 0;
  for (let x = 0; x < logp.length; x++) {
    if (!fixed.every(([i, v]) => ((x >> i) & 1) === v)) continue;
    const p = Math.exp(logp[x]!);
    den += p;
    if ((x >> t) & 1) num += p;
  }
  return num / den;
}

/** The mean of `unit` over every chain and every kept sweep of posterior Gibbs given `evidence`. */
function posteriorMean(plan: Plan, evidence: Evidence, unit: string, opts: RainSprinklerOptions): number {
  const state = initPosterior(plan, { chains: opts.chains, seed: opts.seed, evidence });
  runPosterior(state, opts.burnIn);
  const u = indexOf(plan, unit);
  let on = 0;
  for (let t = 0; t < opts.sweeps; t++) {
    posteriorStep(state);
    for (let c = 0; c < opts.chains; c++) on += state.states[c * plan.size + u]!;
  }
  return on / (opts.sweeps * opts.chains);
}

/**
 * Runs the example.
 *
 * @param opts - sizes and seed
 * @param print - receives each output line
 * @returns the figures printed
 */
export function runRainSprinkler(opts: RainSprinklerOptions, print: (line: string) => void): RainSprinklerResult {
  const plan = compile(sprinklerNetwork(), { dtype: 'float64' });
  print(`units in layout order: ${plan.blocks.map((b) => b.group).join(', ')} (plan kind ${plan.kind})`);
  print('');
  print(`${'quantity'.padEnd(26)}exact    estimate  how`);
  const row = (what: string, exact: number, estimate: number, how: string): void =>
    print(`${what.padEnd(26)}${exact.toFixed(4)}   ${estimate.toFixed(4)}    ${how}`);

  // Ancestral sampling: parents first, each unit drawn from σ(bias + Σ weight · parent).
  const wet = indexOf(plan, 'wet');
  const { states } = ancestralSample(plan, { samples: opts.samples, seed: opts.seed });
  let wetCount = 0;
  for (let r = 0; r < opts.samples; r++) wetCount += states[r * plan.size + wet]!;
  const exactWet = exactConditional(plan, 'wet', {});
  const sampledWet = wetCount / opts.samples;
  row('p(wet)', exactWet, sampledWet, `${opts.samples} ancestral samples`);

  // The posterior p(rain | wet): Gibbs over the Markov blankets of the hidden units.
  const wetEvidence: Evidence = [{ unit: 'wet', values: [1] }];
  const exactRain = exactConditional(plan, 'rain', { wet: 1 });
  const gibbsRain = posteriorMean(plan, wetEvidence, 'rain', opts);
  row('p(rain | wet)', exactRain, gibbsRain, `posterior Gibbs, ${opts.chains} chains × ${opts.sweeps} sweeps`);

  // The same posterior by likelihood weighting: wet is set, each sample weighted by p(wet | its parents).
  const lw = ancestralSample(plan, { samples: opts.samples, seed: opts.seed, evidence: wetEvidence });
  const rain = indexOf(plan, 'rain');
  let num = 0;
  let den = 0;
  for (let r = 0; r < opts.samples; r++) {
    const w = Math.exp(lw.logWeights![r]!);
    num += w * lw.states[r * plan.size + rain]!;
    den += w;
  }
  const weightedRain = num / den;
  row('p(rain | wet)', exactRain, weightedRain, `likelihood weighting, ${opts.samples} samples`);

  // Explaining away: once the sprinkler is known to be on, rain is needed less to explain the wet grass.
  const both: Evidence = [...wetEvidence, { unit: 'sprinkler', values: [1] }];
  const exactRainGivenSprinkler = exactConditional(plan, 'rain', { wet: 1, sprinkler: 1 });
  const gibbsRainGivenSprinkler = posteriorMean(plan, both, 'rain', opts);
  row('p(rain | wet, sprinkler)', exactRainGivenSprinkler, gibbsRainGivenSprinkler, 'posterior Gibbs: the sprinkler explains the wet grass away');
  return { exactWet, sampledWet, exactRain, gibbsRain, weightedRain, exactRainGivenSprinkler, gibbsRainGivenSprinkler };
}
