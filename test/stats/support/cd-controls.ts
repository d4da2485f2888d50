/**
 * Deliberately broken CD-k estimators for the negative controls of S9, built
 * from the library's layer conditionals (so only the injected fault
 * differs from a correct CD): the stale-hidden bug of DsysDML/rbms#31 (the
 * model statistics pair v_k with p(h | v_0) instead of p(h | v_k)), and a
 * correct reference (no fault) that must pass the same check.
 */
import type { Rng } from '@stochnet/graph';
import { hiddenGivenVisibleInto, visibleGivenHiddenInto, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';
import { addStats, sidesOf } from '../../support/cd-oracle.js';

/** The fault a control injects. */
export type CdFault = 'none' | 'stale-hidden';

/**
 * The mean CD-k gradient over `reps` copies of the 4 data rows, chains
 * sampled (visible and hidden) with uniforms from `rng`; final statistics
 * v_k·p(h | v_k)ᵀ, or v_k·p(h | v_0)ᵀ with the stale-hidden fault.
 */
export function controlCd(plan: Plan, data: ArrayLike<number>, rows: number, reps: number, k: number, fault: CdFault, rng: Rng): Gradient {
  const s = sidesOf(plan);
  const n = rows * reps;
  const v0 = new Float64Array(n * s.nv);
  for (let r = 0; r < n; r++) for (let i = 0; i < s.nv; i++) v0[r * s.nv + i] = data[(r % rows) * s.nv + i]!;
  const ph0 = new Float64Array(n * s.nh);
  hiddenGivenVisibleInto(ph0, plan, v0, n);
  const h = Float64Array.from(ph0, (p) => (rng.next() < p ? 1 : 0));
  const v = new Float64Array(n * s.nv);
  const pv = new Float64Array(n * s.nv);
  const ph = new Float64Array(n * s.nh);
  for (let t = 1; t <= k; t++) {
    visibleGivenHiddenInto(pv, plan, h, n);
    for (let i = 0; i < v.length; i++) v[i] = rng.next() < pv[i]! ? 1 : 0;
    hiddenGivenVisibleInto(ph, plan, v, n);
    if (t < k) for (let j = 0; j < h.length; j++) h[j] = rng.next() < ph[j]! ? 1 : 0;
  }
  const g = zeroGradient(plan);
  const last = fault === 'stale-hidden' ? ph0 : ph;
  for (let r = 0; r < n; r++) {
    addStats(g, s, v0.subarray(r * s.nv, (r + 1) * s.nv), ph0.subarray(r * s.nh, (r + 1) * s.nh), 1 / n);
    addStats(g, s, v.subarray(r * s.nv, (r + 1) * s.nv), last.subarray(r * s.nh, (r + 1) * s.nh), -1 / n);
  }
  return g;
}
