/**
 * A custom topology mixing directed and undirected couplings: a chain
 * graph. The weather drives four friends (directed); the friends sway one
 * another (undirected); two of them decide whether a photo gets taken
 * (directed). Built unit by unit, compiled, sampled component by
 * component, and checked against exact enumeration of its 64 states.
 */
import { createRng, network } from '@stochnet/graph';
import type { Network, Seed } from '@stochnet/graph';
import { compile, conditional, exactLogProbabilities, sigmoid } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs, runGibbs } from '@stochnet/inference';

/** Sizes and seed of a run. */
export interface CustomTopologyOptions {
  /** Independent chains (each draws its own weather). */
  readonly chains: number;
  /** Gibbs sweeps of the friends before the first sample. */
  readonly burnIn: number;
  /** Samples kept per chain, one per sweep. */
  readonly sweeps: number;
  /** The seed of every random draw. */
  readonly seed: Seed;
}

/** The sizes of a full run. */
export const FULL: CustomTopologyOptions = { chains: 4000, burnIn: 20, sweeps: 50, seed: 'chain-graph' };
/** The sizes of a quick run. */
export const QUICK: CustomTopologyOptions = { chains: 1000, burnIn: 20, sweeps: 20, seed: 'chain-graph' };

/** What a run found. */
export interface CustomTopologyResult {
  /** The plan's kind (a chain graph compiles to `general`). */
  readonly kind: string;
  /** The groups of each chain component, in the order they are sampled. */
  readonly components: readonly (readonly string[])[];
  /** Exact p(unit = 1) in layout order. */
  readonly exact: Float64Array;
  /** Sampled p(unit = 1) in layout order. */
  readonly sampled: Float64Array;
  /** Total-variation distance between the sampled and the exact joint of all 64 states. */
  readonly tv: number;
}

/** The chain graph, written with `.unit`, `.layer`, `.connect` and `.edge`. */
export function chainGraph(): Network {
  return network()
    .unit('sunny', { bias: 0.3 })
    .layer('friend', 4, { bias: -0.5 })
    .unit('photo', { bias: -3, role: 'visible' })
    .connect('sunny', 'friend', { weights: [[1.5, 1, 0.5, -1]] }) // directed: sunny is every friend's parent
    .edge('friend[0]', 'friend[1]', 1.2, { undirected: true }) // undirected pairs inside the friends
    .edge('friend[1]', 'friend[2]', 0.8, { undirected: true })
    .edge('friend[2]', 'friend[3]', -0.6, { undirected: true })
    .edge('friend[0]', 'friend[3]', 0.5, { undirected: true })
    .edge('friend[0]', 'photo', 2.5) // directed again: two friends are the photo's parents
    .edge('friend[3]', 'photo', 2.5)
    .build();
}

function offsetOf(plan: Plan, group: string): number {
  const b = plan.blocks.find((x) => x.group === group);
  if (b === undefined) throw new Error(`no group '${group}'`);
  return b.offset;
}

/**
 * Draws chains × sweeps samples of the joint: the weather by its own
 * Bernoulli, the friends given the weather by block Gibbs (which sweeps only
 * the undirected part, conditioned on its directed parents), the photo given
 * the friends by its logistic CPD.
 */
export function sampleChainGraph(plan: Plan, opts: CustomTopologyOptions): Float64Array {
  const n = plan.size;
  const sunny = offsetOf(plan, 'sunny');
  const photo = offsetOf(plan, 'photo');
  const root = createRng(opts.seed);
  const weather = root.fork('sunny');
  const values = Array.from({ length: opts.chains }, () => (weather.next() < sigmoid(plan.bias[sunny]!) ? 1 : 0));
  const state = initGibbs(plan, { chains: opts.chains, rng: root.fork('friends'), init: 'random', clamp: [{ unit: 'sunny', values }] });
  runGibbs(state, opts.burnIn);
  const ws = createGibbsWorkspace(plan, opts.chains);
  const leaf = root.fork('photo');
  const out = new Float64Array(opts.chains * opts.sweeps * n);
  const row = new Float64Array(n);
  let k = 0;
  for (let t = 0; t < opts.sweeps; t++) {
    gibbsStep(state, ws);
    for (let c = 0; c < opts.chains; c++) {
      row.set(state.states.subarray(c * n, (c + 1) * n));
      // photo has no children, so its full conditional is its CPD σ(b + Σ w · parents).
      row[photo] = leaf.next() < conditional(plan, row, photo) ? 1 : 0;
      out.set(row, k);
      k += n;
    }
  }
  return out;
}

/**
 * Runs the example.
 *
 * @param opts - sizes and seed
 * @param print - receives each output line
 * @returns the figures printed
 */
export function runCustomTopology(opts: CustomTopologyOptions, print: (line: string) => void): CustomTopologyResult {
  const plan = compile(chainGraph(), { dtype: 'float64' });
  const components = plan.schedules.components.map((c) => c.map((b) => plan.blocks[b]!.group));
  print(`plan kind ${plan.kind}; chain components in sampling order: ${components.map((c) => `{${c.join(', ')}}`).join(' → ')}`);
  print(`couplings: ${plan.weights.map((w) => `${w.coupling} (${w.directed ? 'directed' : 'undirected'}, ${w.connectivity})`).join(', ')}`);

  const logp = exactLogProbabilities(plan);
  const n = plan.size;
  const samples = sampleChainGraph(plan, opts);
  const count = samples.length / n;
  const freq = new Float64Array(logp.length);
  const sampled = new Float64Array(n);
  for (let s = 0; s < count; s++) {
    let x = 0;
    for (let i = 0; i < n; i++) {
      const v = samples[s * n + i]!;
      sampled[i]! += v / count;
      if (v === 1) x |= 1 << i; // bit i of the state index is unit i, as in exactLogProbabilities
    }
    freq[x]! += 1 / count;
  }
  const exact = new Float64Array(n);
  let tv = 0;
  for (let x = 0; x < logp.length; x++) {
    const p = Math.exp(logp[x]!);
    tv += Math.abs(freq[x]! - p) / 2;
    for (let i = 0; i < n; i++) if ((x >> i) & 1) exact[i]! += p;
  }
  print('');
  print(`unit        exact p(on)   sampled (${opts.chains} chains × ${opts.sweeps} sweeps)`);
  plan.blocks.forEach((b) => {
    for (let i = 0; i < b.size; i++) {
      const name = b.size === 1 ? b.group : `${b.group}[${i}]`;
      print(`${name.padEnd(12)}${exact[b.offset + i]!.toFixed(4).padEnd(14)}${sampled[b.offset + i]!.toFixed(4)}`);
    }
  });
  print(`total-variation distance between the sampled and the exact joint: ${tv.toFixed(4)}`);
  return { kind: plan.kind, components, exact, sampled, tv };
}
