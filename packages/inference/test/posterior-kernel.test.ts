/**
 * Tier-i exactness of the posterior-Gibbs kernel: for every state and every
 * unit of small SBNs (M3; M4 with skips and sparse couplings; a saturated
 * net with weights of sd 40 and fields near ±900), the kernel's
 * decision on a stub uniform just below / above the model's Markov-blanket
 * conditional (`conditional`, computed by enumeration-free logBernoulli
 * ratios) equals the decision of that exact probability: the kernel's
 * p(s_i = 1 | rest) agrees to 1e-12 relative. Also: rank-1 cache updates
 * over many flips equal a rebuild from scratch.
 */
import { describe, expect, it } from 'vitest';
import { network, normal } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';
import { compile, conditional } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import type { AleaStreams } from '../src/alea-streams.js';
import { directedUnitGraph } from '../src/posterior-graph.js';
import { sweep } from '../src/posterior-sweep.js';
import { PosteriorWorkspace, refreshActivations } from '../src/posterior-workspace.js';
import { m3, m4 } from '../../../test/support/fixtures.js';

/**
 * A 6-unit SBN with weights ~ N(0, 40²) (several |w| > 30), biases ~ N(0, 10²)
 * and two top units with fields near ±900 (σ underflows): saturated CPDs.
 */
function saturated(): Network {
  return network({ seed: 'sat' })
    .layer('v', 2, { role: 'visible', bias: normal(0, 10) })
    .layer('h1', 2, { bias: normal(0, 10) })
    .layer('h2', 2, { bias: [900, -850] })
    .connect('h1', 'v', { init: normal(0, 40) })
    .connect('h2', 'h1', { init: normal(0, 40) })
    .connect('h2', 'v', { init: normal(0, 40) })
    .build();
}

const stub = (u: number): AleaStreams => ({ next: () => u }) as unknown as AleaStreams;

/** The kernel's draw for unit `unit` of state `x` with uniform u. */
function draw(plan: Plan, x: number, unit: number, u: number): number {
  const g = directedUnitGraph(plan);
  const ws = new PosteriorWorkspace(plan, 1, g.child.length);
  const s = Float64Array.from({ length: plan.size }, (_, i) => (x >> i) & 1);
  refreshActivations(ws, g, s);
  sweep(ws, g, s, Int32Array.of(unit), stub(u));
  return s[unit]!;
}

describe.each([
  ['M3', () => m3()],
  ['M4', () => m4()],
  ['saturated', saturated],
])('posterior kernel on %s equals the exact Markov-blanket conditional', (_name, make) => {
  const plan = compile(make(), { dtype: 'float64' });

  it('for every state and unit (decisions at u = q(1 ∓ 1e-12))', () => {
    const n = plan.size;
    const s = new Float64Array(n);
    let checked = 0;
    for (let x = 0; x < 2 ** n; x++) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) s[k] = (x >> k) & 1;
        const q = conditional(plan, s, i);
        if (q > 1e-300) {
          expect(draw(plan, x, i, q * (1 - 1e-12))).toBe(1);
          checked++;
        }
        if (q * (1 + 1e-12) < 1) {
          expect(draw(plan, x, i, q * (1 + 1e-12))).toBe(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2 ** n * n);
  });

  it('exercises the paths it claims (|w| > 30, underflowing σ) where it says so', () => {
    const big = plan.weights.some((w) => w.weights.some((v) => Math.abs(v) > 30));
    expect(big).toBe(_name === 'saturated');
  });
});

describe('rank-1 cache updates', () => {
  it('after many sweeps with flips, the cached pre-activations equal a rebuild from scratch', () => {
    const plan = compile(saturated(), { dtype: 'float64' });
    const g = directedUnitGraph(plan);
    const chains = 64;
    const ws = new PosteriorWorkspace(plan, chains, g.child.length);
    const states = Float64Array.from({ length: chains * plan.size }, (_, k) => (k * 7) % 3 === 0 ? 1 : 0);
    refreshActivations(ws, g, states);
    let u = 0.1;
    const streams = { next: () => (u = (u * 9301 + 0.49297) % 1) } as unknown as AleaStreams;
    let flips = 0;
    const order = Int32Array.from({ length: plan.size }, (_, i) => i);
    for (let t = 0; t < 40; t++) flips += sweep(ws, g, states, order, streams);
    expect(flips).toBeGreaterThan(100);
    const act = Float64Array.from(ws.act);
    const fresh = new PosteriorWorkspace(plan, chains, g.child.length);
    refreshActivations(fresh, g, states);
    for (let k = 0; k < act.length; k++) expect(Math.abs(act[k]! - fresh.act[k]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(fresh.act[k]!)));
  });
});
