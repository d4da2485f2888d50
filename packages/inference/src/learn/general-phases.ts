/**
 * Negative phases of CD-k and PCD-k on undirected plans of any topology
 * (semi-restricted, deep and general Boltzmann machines), built on the
 * block-Gibbs sampler: k full sweeps of `plan.schedules.gibbs` per update.
 *
 * @module
 */
import type { Gradient } from '@stochnet/model';
import type { GibbsState } from '../gibbs-init.js';
import { sweepInPlace } from '../gibbs.js';
import type { GeneralPositive } from './positive.js';

/**
 * @internal CD-k: continue the positive phase's chains unclamped for k
 * sweeps, then add (1/rows)·Σ stats of the final states into `neg`.
 *
 * @remarks
 * When the positive phase left probabilities in the hidden units (exact or
 * mean-field), the chain starts from h ~ Bernoulli(μ), one uniform per
 * hidden unit from each chain's own stream; after a Gibbs positive phase it
 * starts from the sampled states themselves. Every chain keeps drawing from
 * the stream its positive phase used.
 */
export function generalCdNegative(neg: Gradient, positive: GeneralPositive, k: number): void {
  const pos = positive.state!;
  const { plan, chains } = pos;
  const n = plan.size;
  const states = positive.workspaces.states(chains, 'negative');
  states.set(pos.states);
  if (positive.meanFieldHidden) {
    for (let r = 0; r < chains; r++) {
      const rng = pos.rngs[r]!;
      for (const h of positive.roles.hidden) states[r * n + h] = rng.next() < states[r * n + h]! ? 1 : 0;
    }
  }
  const chain: GibbsState = { plan, chains, states, rngs: pos.rngs, evidence: null, seed: pos.seed, sweeps: 0 };
  const ws = positive.workspaces.get(chains);
  for (let t = 0; t < k; t++) sweepInPlace(chain, ws, false);
  positive.accumulate(neg, states, chains, 1 / chains);
}

/** @internal PCD-k: k sweeps of the persistent chains, then (1/chains)·Σ stats into `neg`. */
export function generalPcdNegative(neg: Gradient, positive: GeneralPositive, chain: GibbsState, k: number): void {
  const ws = positive.workspaces.get(chain.chains);
  for (let t = 0; t < k; t++) sweepInPlace(chain, ws, false);
  positive.accumulate(neg, chain.states, chain.chains, 1 / chain.chains);
}
