/**
 * A 2-D Ising model on an L×L grid (open boundaries) as a Boltzmann machine
 * of binary units with a sparse lateral coupling: checkerboard block Gibbs,
 * the magnetisation against temperature, and exact enumeration beside it.
 */
import { network } from '@stochnet/graph';
import type { Network, Seed, SparsePair } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { createGibbsWorkspace, effectiveSampleSize, gibbsStep, initGibbs, runGibbs } from '@stochnet/inference';

/** Sizes and seed of a run. */
export interface IsingOptions {
  /** Grid side L (L² units; exact enumeration needs L ≤ 4). */
  readonly side: number;
  /** Temperatures to visit (coupling J = 1, no field). */
  readonly temperatures: readonly number[];
  /** Independent Gibbs chains per temperature. */
  readonly chains: number;
  /** Sweeps discarded before measuring. */
  readonly burnIn: number;
  /** Sweeps measured. */
  readonly sweeps: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: IsingOptions = { side: 4, temperatures: [1, 1.5, 2, 2.27, 2.5, 3, 4, 6], chains: 200, burnIn: 200, sweeps: 1000, seed: 'ising' };
/** The sizes of a quick run. */
export const QUICK: IsingOptions = { side: 3, temperatures: [1.5, 2.5, 4], chains: 100, burnIn: 50, sweeps: 200, seed: 'ising' };

/** One temperature's figures. */
export interface IsingRow {
  /** The temperature T. */
  readonly temperature: number;
  /** Exact ⟨|m|⟩, m = mean spin in {−1, +1}. */
  readonly exact: number;
  /** ⟨|m|⟩ from Gibbs. */
  readonly gibbs: number;
  /** Effective sample size of the |m| traces, summed over chains. */
  readonly ess: number;
}

/** What a run found. */
export interface IsingResult {
  /** Steps in one Gibbs sweep (2: a checkerboard). */
  readonly gibbsSteps: number;
  /** One row per temperature. */
  readonly rows: readonly IsingRow[];
}

/**
 * The Ising grid at temperature T as a Boltzmann machine of 0/1 units.
 *
 * @remarks
 * Spins σ = 2s − 1 with energy −J Σ_⟨ij⟩ σ_i σ_j at temperature T become
 * binary units with W_ij = 4J/T between neighbours and biases
 * b_i = −2J·deg(i)/T (the constant is dropped): expand
 * σ_i σ_j = 4 s_i s_j − 2 s_i − 2 s_j + 1 and divide by T.
 */
export function isingNetwork(side: number, temperature: number, coupling = 1): Network {
  const n = side * side;
  const pairs: SparsePair[] = [];
  const degree = new Float64Array(n);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      for (const j of [c + 1 < side ? i + 1 : -1, r + 1 < side ? i + side : -1]) {
        if (j < 0) continue;
        pairs.push([i, j, (4 * coupling) / temperature]);
        degree[i]!++;
        degree[j]!++;
      }
    }
  }
  const bias = Array.from(degree, (d) => (-2 * coupling * d) / temperature);
  return network()
    .layer('s', n, { role: 'visible', shape: [side, side], bias })
    .connect('s', 's', { undirected: true, sparse: pairs })
    .build();
}

/** |m| of a 0/1 state row: |2·(ones) − n| / n. */
function absMagnetisation(states: ArrayLike<number>, offset: number, n: number): number {
  let ones = 0;
  for (let i = 0; i < n; i++) ones += states[offset + i]!;
  return Math.abs(2 * ones - n) / n;
}

/** Exact ⟨|m|⟩ by enumerating all 2^n states. */
export function exactAbsMagnetisation(plan: Plan): number {
  const logp = exactLogProbabilities(plan);
  const n = plan.size;
  let sum = 0;
  for (let x = 0; x < logp.length; x++) {
    let ones = 0;
    for (let b = x; b > 0; b >>= 1) ones += b & 1;
    sum += Math.exp(logp[x]!) * (Math.abs(2 * ones - n) / n);
  }
  return sum;
}

/**
 * Runs the example.
 *
 * @param opts - sizes and seed
 * @param print - receives each output line
 * @returns the figures printed
 */
export function runIsing(opts: IsingOptions, print: (line: string) => void): IsingResult {
  const n = opts.side * opts.side;
  const first = compile(isingNetwork(opts.side, opts.temperatures[0]!), { dtype: 'float64' });
  const steps = first.schedules.gibbs;
  print(`${opts.side}×${opts.side} Ising grid: ${n} units, plan kind ${first.kind}`);
  print(`Gibbs sweep: ${steps.length} steps of ${steps.map((s) => s.parts.reduce((k, p) => k + (p.units?.length ?? first.blocks[p.block]!.size), 0)).join(' + ')} units (a checkerboard colouring)`);
  print('');
  print('T       exact ⟨|m|⟩   Gibbs ⟨|m|⟩   ESS');
  const rows: IsingRow[] = [];
  for (const temperature of opts.temperatures) {
    const plan = compile(isingNetwork(opts.side, temperature), { dtype: 'float64' });
    const exact = exactAbsMagnetisation(plan);
    const state = initGibbs(plan, { chains: opts.chains, seed: `${String(opts.seed)}/T=${temperature}`, init: 'random' });
    runGibbs(state, opts.burnIn);
    const ws = createGibbsWorkspace(plan, opts.chains);
    const traces = Array.from({ length: opts.chains }, () => new Float64Array(opts.sweeps));
    let sum = 0;
    for (let t = 0; t < opts.sweeps; t++) {
      gibbsStep(state, ws);
      for (let c = 0; c < opts.chains; c++) {
        const m = absMagnetisation(state.states, c * n, n);
        traces[c]![t] = m;
        sum += m;
      }
    }
    const gibbs = sum / (opts.sweeps * opts.chains);
    // A chain whose |m| never changed (possible at very low T) has no defined ESS: count it as one draw.
    const ess = traces.reduce((acc, tr) => {
      const e = effectiveSampleSize(tr);
      return acc + (Number.isNaN(e) ? 1 : e);
    }, 0);
    rows.push({ temperature, exact, gibbs, ess });
    print(`${temperature.toFixed(2).padEnd(8)}${exact.toFixed(4).padEnd(14)}${gibbs.toFixed(4).padEnd(14)}${Math.round(ess)}`);
  }
  return { gibbsSteps: steps.length, rows };
}
