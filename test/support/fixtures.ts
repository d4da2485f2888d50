/**
 * The fixture zoo of TESTING.md §B.1 (M1–M6): small seeded networks with
 * exact enumerable distributions, shared by the model, inference and
 * statistical suites. Every builder is deterministic in its seed.
 *
 * - M1: 6-unit fully connected Boltzmann machine, W, b ~ N(0, 0.5²)
 * - M1h: the same with sd 1
 * - M2a / M2b / M2c: RBMs 3v×2h, 4v×2h, 4v×3h, W ~ N(0, sd²) (sd 1 by default), biases ~ N(0, 0.5²)
 * - M3: layered SBN 2-2-2 (v, h1, h2), W ~ N(0, 1), biases ~ N(0, 0.5²)
 * - M4: non-layered DAG of 5 single units with skip edges, weights ~ N(0, 1)
 * - M5: near-deterministic 6-unit Boltzmann machine, W, b ~ N(0, sd²) with sd in 2–20
 * - M6: 6 units, all weights 0, biases ~ N(0, 1): independent Bernoulli(σ(b))
 */
import { boltzmann, createRng, dbn, network, normal, rbm, zeros } from '@stochnet/graph';
import type { Network, Seed } from '@stochnet/graph';

/** M1: 6-unit fully connected BM, W and b ~ N(0, sd²) (sd 0.5). */
export function m1(seed: Seed = 'M1', sd = 0.5): Network {
  return boltzmann(6, { seed, init: normal(0, sd), bias: normal(0, sd) });
}

/** M1h: M1 with sd 1 (harder mixing). */
export function m1h(seed: Seed = 'M1h'): Network {
  return m1(seed, 1);
}

function rbmFixture(nv: number, nh: number, seed: Seed, sd: number): Network {
  return rbm(nv, nh, { seed, init: normal(0, sd), visibleBias: normal(0, 0.5), hiddenBias: normal(0, 0.5) });
}

/** M2a: RBM 3v × 2h (32 joint states). */
export function m2a(seed: Seed = 'M2a', sd = 1): Network {
  return rbmFixture(3, 2, seed, sd);
}

/** M2b: RBM 4v × 2h (64 joint states). */
export function m2b(seed: Seed = 'M2b', sd = 1): Network {
  return rbmFixture(4, 2, seed, sd);
}

/** M2c: RBM 4v × 3h (128 joint states). */
export function m2c(seed: Seed = 'M2c', sd = 1): Network {
  return rbmFixture(4, 3, seed, sd);
}

/** M3: layered SBN 2-2-2 (64 states): h2 → h1 → v, same ids as the `sbn` preset. */
export function m3(seed: Seed = 'M3'): Network {
  return network({ seed })
    .layer('v', 2, { role: 'visible', bias: normal(0, 0.5) })
    .layer('h1', 2, { bias: normal(0, 0.5) })
    .layer('h2', 2, { bias: normal(0, 0.5) })
    .connect('h1', 'v', { init: normal(0, 1) })
    .connect('h2', 'h1', { init: normal(0, 1) })
    .build();
}

/**
 * M4: a DAG of 5 single units a..e with skip edges: a→b, a→c, b→c, b→d,
 * a→e, c→e, d→e. Units c, d, e are visible.
 */
export function m4(seed: Seed = 'M4'): Network {
  const rng = createRng(seed).fork('m4/weights');
  const edges: [string, string][] = [['a', 'b'], ['a', 'c'], ['b', 'c'], ['b', 'd'], ['a', 'e'], ['c', 'e'], ['d', 'e']];
  let b = network({ seed });
  for (const u of ['a', 'b', 'c', 'd', 'e']) b = b.unit(u, { bias: normal(0, 0.5), role: u < 'c' ? 'hidden' : 'visible' });
  for (const [from, to] of edges) b = b.edge(from, to, rng.nextNormal());
  return b.build();
}

/** M5: near-deterministic 6-unit BM, W and b ~ N(0, sd²), sd in 2–20 (default 10). */
export function m5(seed: Seed = 'M5', sd = 10): Network {
  return m1(seed, sd);
}

/** M6: 6 units with all weights 0 (dense lateral present) and b ~ N(0, 1). */
export function m6(seed: Seed = 'M6'): Network {
  return boltzmann(6, { seed, init: zeros(), bias: normal(0, 1) });
}

/** A small DBN: v(2) ← h1(2) ← h2(1) -- h3(2), W ~ N(0, 1), visible biases ~ N(0, 0.5²). */
export function smallDbn(seed: Seed = 'DBN'): Network {
  return dbn([2, 2, 1, 2], { seed, init: normal(0, 1), visibleBias: normal(0, 0.5) });
}

/**
 * A general chain graph whose undirected component has parents: p → x, p → y,
 * x -- y (undirected), y → z; x and z visible. 7 units.
 */
export function chainGraph(seed: Seed = 'CHAIN'): Network {
  return network({ seed })
    .layer('p', 2, { bias: normal(0, 0.5) })
    .layer('x', 2, { bias: normal(0, 0.5), role: 'visible' })
    .layer('y', 1, { bias: normal(0, 0.5) })
    .layer('z', 2, { bias: normal(0, 0.5), role: 'visible' })
    .connect('p', 'x', { init: normal(0, 1) })
    .connect('p', 'y', { init: normal(0, 1) })
    .connect('x', 'y', { undirected: true, init: normal(0, 1) })
    .connect('y', 'z', { init: normal(0, 1) })
    .build();
}

/** Every fixture by id, with its default seed. */
export const FIXTURES: Readonly<Record<string, () => Network>> = {
  M1: () => m1(),
  M1h: () => m1h(),
  M2a: () => m2a(),
  M2b: () => m2b(),
  M2c: () => m2c(),
  M3: () => m3(),
  M4: () => m4(),
  M5: () => m5(),
  M6: () => m6(),
  DBN: () => smallDbn(),
  CHAIN: () => chainGraph(),
};
