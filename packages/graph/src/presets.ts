/**
 * Ready-made networks: RBM, sigmoid belief net, deep belief net, and a
 * fully visible Boltzmann machine. Layer sizes are always listed visible first.
 *
 * @module
 */
import { type NetworkBuilder, network } from './builder.js';
import { ConfigError, TooLargeError } from './errors.js';
import { type Initialiser, initialise, isRandomInitialiser, smallRandom } from './init.js';
import { MAX_DENSE_WEIGHTS } from './limits.js';
import { createRng, type Seed } from './rng.js';
import type { SparsePair } from './sparse.js';
import type { Network } from './types.js';
import { optionsOf } from './coupling-params.js';
import { seedRequired } from './edge-rules.js';

/** Options shared by the layered presets. */
export interface PresetOptions {
  /** Seed of the random initialisers; required unless every initialiser is deterministic. */
  readonly seed?: Seed;
  /** Weight initialiser of every coupling; default {@link smallRandom} (needs a seed). */
  readonly init?: Initialiser;
  /** Visible biases: an initialiser (e.g. {@link visibleBiasFromData}) or one value per unit; default zeros. */
  readonly visibleBias?: Initialiser | ArrayLike<number>;
  /** Image shape of the visible layer, e.g. `[28, 28]`. */
  readonly shape?: readonly number[];
}

/** Options of {@link rbm}. */
export interface RbmOptions extends PresetOptions {
  /** Hidden biases: an initialiser or one value per unit; default zeros. */
  readonly hiddenBias?: Initialiser | ArrayLike<number>;
}

/** Options of {@link boltzmann}. */
export interface BoltzmannOptions {
  /** Fraction of unit pairs coupled, in (0, 1]; 1 (default) is a dense lateral coupling. */
  readonly density?: number;
  /** Seed of the random initialiser and of the random pair choice when density < 1. */
  readonly seed?: Seed;
  /** Weight initialiser; default {@link smallRandom} (needs a seed). */
  readonly init?: Initialiser;
  /** Biases: an initialiser or one value per unit; default zeros. */
  readonly bias?: Initialiser | ArrayLike<number>;
}

function visible(b: NetworkBuilder, size: number, opts: PresetOptions): NetworkBuilder {
  return b.layer('v', size, {
    role: 'visible',
    ...(opts.visibleBias === undefined ? {} : { bias: opts.visibleBias }),
    ...(opts.shape === undefined ? {} : { shape: opts.shape }),
  });
}

function start(opts: { readonly seed?: Seed }): NetworkBuilder {
  return network(opts.seed === undefined ? {} : { seed: opts.seed });
}

function layerSizes(sizes: readonly number[], min: number, preset: string): readonly number[] {
  if (!Array.isArray(sizes) || sizes.length < min) {
    throw new ConfigError(`${preset}: sizes must list at least ${min} layer sizes, visible first, e.g. [784, 500]`, { option: 'sizes', received: sizes });
  }
  return sizes;
}

const hidden = (k: number): string => (k === 0 ? 'v' : `h${k}`);

/**
 * A restricted Boltzmann machine: visible group `'v'` (nv units), hidden
 * group `'h'` (nh units), one dense undirected coupling `'v--h'` (nv × nh).
 *
 * @remarks
 * E(v, h) = −vᵀWh − bᵀv − cᵀh. Weights start from N(0, 0.01²) by default
 * (Hinton 2010); for visible biases, {@link visibleBiasFromData} gives
 * log(p/(1−p)) of the training data's unit means.
 *
 * @param nv - number of visible units (listed first)
 * @param nh - number of hidden units
 * @param options - seed, initialiser, biases, visible image shape
 * @returns the network
 * @throws {@link SeedError} when a random initialiser has no seed
 * @throws {@link ShapeError} for sizes that are not positive integers
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * const net = rbm(784, 500, { seed: 1, shape: [28, 28] });
 * console.log(net.couplings.get(net.structure.couplings[0]!.id)!.weights.length); // 392000
 * ```
 */
export function rbm(nv: number, nh: number, options: RbmOptions = {}): Network {
  const opts = optionsOf(options, 'rbm');
  return visible(start(opts), nv, opts)
    .layer('h', nh, opts.hiddenBias === undefined ? {} : { bias: opts.hiddenBias })
    .connect('v', 'h', { undirected: true, init: opts.init ?? smallRandom() })
    .build();
}

/**
 * A layered sigmoid belief net, generative top-down: groups `'v'`, `'h1'`,
 * `'h2'`, … and directed couplings `'h1->v'`, `'h2->h1'`, ….
 *
 * @remarks
 * p(s_i = 1 | parents) = σ(b_i + Σ_j w_ij s_j), parents in the layer above.
 * Coupling `'h{k}->h{k−1}'` stores a (size of h_k) × (size of h_{k−1}) matrix.
 *
 * @param sizes - layer sizes, visible first (at least two)
 * @param options - seed, initialiser, visible biases and shape
 * @returns the network
 * @throws {@link ConfigError} when fewer than two sizes are given
 * @throws {@link SeedError} when a random initialiser has no seed
 * @throws {@link ShapeError} for sizes that are not positive integers
 *
 * @example
 * ```ts
 * import { sbn } from '@stochnet/graph';
 * const net = sbn([64, 20, 10], { seed: 7 });
 * console.log(net.structure.couplings.map((c) => c.id)); // [ 'h1->v', 'h2->h1' ]
 * ```
 */
export function sbn(sizes: readonly number[], options: PresetOptions = {}): Network {
  const opts = optionsOf(options, 'sbn');
  const s = layerSizes(sizes, 2, 'sbn');
  let b = visible(start(opts), s[0]!, opts);
  for (let k = 1; k < s.length; k++) b = b.layer(hidden(k), s[k]!);
  for (let k = 1; k < s.length; k++) b = b.connect(hidden(k), hidden(k - 1), { init: opts.init ?? smallRandom() });
  return b.build();
}

/**
 * A deep belief net: directed couplings `'h1->v'`, `'h2->h1'`, … below an
 * undirected top pair (`'h2--h3'` for four layers; `'v--h1'` for two).
 *
 * @remarks
 * Hinton, Osindero and Teh (2006): the top two layers form an RBM (an
 * undirected associative memory); the layers below are a sigmoid belief net
 * generating top-down.
 *
 * @param sizes - layer sizes, visible first (at least two)
 * @param options - seed, initialiser, visible biases and shape
 * @returns the network
 * @throws {@link ConfigError} when fewer than two sizes are given
 * @throws {@link SeedError} when a random initialiser has no seed
 * @throws {@link ShapeError} for sizes that are not positive integers
 *
 * @example
 * ```ts
 * import { dbn } from '@stochnet/graph';
 * const net = dbn([784, 500, 500, 2000], { seed: 1 });
 * console.log(net.structure.couplings.map((c) => c.id)); // [ 'h1->v', 'h2->h1', 'h2--h3' ]
 * ```
 */
export function dbn(sizes: readonly number[], options: PresetOptions = {}): Network {
  const opts = optionsOf(options, 'dbn');
  const s = layerSizes(sizes, 2, 'dbn');
  const top = s.length - 1;
  let b = visible(start(opts), s[0]!, opts);
  for (let k = 1; k < s.length; k++) b = b.layer(hidden(k), s[k]!);
  const init = opts.init ?? smallRandom();
  for (let k = 1; k < top; k++) b = b.connect(hidden(k), hidden(k - 1), { init });
  return b.connect(hidden(top - 1), hidden(top), { undirected: true, init }).build();
}

/**
 * A fully visible Boltzmann machine: one visible group `'x'` of n units and
 * one undirected lateral coupling `'x--x'`, dense (density 1) or sparse.
 *
 * @remarks
 * E(x) = −Σ_{i<j} W_ij x_i x_j − Σ_i b_i x_i. With density d < 1 each pair
 * i < j is coupled independently with probability d, drawn from the seed's
 * `structure/x--x` substream; weights come from `init/x--x`.
 *
 * @param n - number of units
 * @param options - density, seed, initialiser, biases
 * @returns the network
 * @throws {@link ConfigError} when density is not in (0, 1]
 * @throws {@link SeedError} when density < 1 or the initialiser is random and no seed is given
 * @throws {@link ShapeError} when n is not a positive integer
 * @throws {@link TooLargeError} when n² exceeds 2^27 (the dense limit, which also bounds the pair draw when density < 1)
 *
 * @example
 * ```ts
 * import { boltzmann, zeros } from '@stochnet/graph';
 * const dense = boltzmann(6, { seed: 1 });
 * console.log(dense.structure.couplings[0]?.connectivity); // 'dense'
 * const sparse = boltzmann(6, { density: 0.5, seed: 1, init: zeros() });
 * console.log(sparse.structure.couplings[0]?.connectivity); // 'sparse'
 * ```
 */
export function boltzmann(n: number, options: BoltzmannOptions = {}): Network {
  const opts = optionsOf(options, 'boltzmann');
  const density = opts.density ?? 1;
  if (typeof density !== 'number' || !(density > 0 && density <= 1)) {
    throw new ConfigError(`boltzmann: density must lie in (0, 1], got ${String(density)}`, { option: 'density', received: density });
  }
  const init = opts.init ?? smallRandom();
  const b = start(opts).layer('x', n, { role: 'visible', ...(opts.bias === undefined ? {} : { bias: opts.bias }) });
  if (density === 1 || !Number.isSafeInteger(n) || n <= 0) return b.connect('x', 'x', { undirected: true, init }).build();
  if (opts.seed === undefined) seedRequired({ coupling: 'x--x' });
  // The pair draw visits all n(n−1)/2 pairs: the dense limit bounds it before the loop starts.
  if (n * n > MAX_DENSE_WEIGHTS) {
    throw new TooLargeError(`boltzmann: choosing pairs among ${n} units visits ${(n * (n - 1)) / 2} pairs, more than the limit allows; use at most ${Math.floor(Math.sqrt(MAX_DENSE_WEIGHTS))} units or build the pairs yourself`, {
      coupling: 'x--x',
      limit: MAX_DENSE_WEIGHTS,
      received: n,
    });
  }
  const root = createRng(opts.seed);
  const pick = root.fork('structure/x--x');
  const chosen: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (pick.nextDouble() < density) chosen.push([i, j]);
  const w = initialise(init, chosen.length, isRandomInitialiser(init) ? root.fork('init/x--x') : undefined);
  const pairs: SparsePair[] = chosen.map(([i, j], k) => [i, j, w[k]!]);
  return b.connect('x', 'x', { undirected: true, sparse: pairs }).build();
}
