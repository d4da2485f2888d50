/**
 * Zero-probability checks of posterior sampling: evidence whose observed
 * value has probability exactly 0, and initial states of probability 0.
 *
 * @module
 */
import { logBernoulli } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { ZeroProbabilityEvidenceError } from './errors.js';
import type { ResolvedEvidence } from './evidence.js';
import type { DirectedUnitGraph } from './posterior-graph.js';
import { gatherWeights } from './posterior-graph.js';
import type { PosteriorWorkspace } from './posterior-workspace.js';

/**
 * @internal Static zero-probability check: for each observed unit o and each
 * evidence row, is p(s_o = value | parents) exactly 0 for EVERY
 * configuration of o's unobserved parents? Uses interval arithmetic on the
 * field: observed parents contribute w·value, unobserved ones [min(w, 0),
 * max(w, 0)].
 */
export function checkObservedPossible(fn: string, plan: Plan, g: DirectedUnitGraph, ev: ResolvedEvidence): void {
  const k = ev.units.length;
  if (k === 0) return;
  const w = new Float64Array(g.parentEdge.length);
  gatherWeights(w, plan, g, g.parentEdge);
  const col = new Int32Array(plan.size).fill(-1);
  ev.units.forEach((unit, j) => (col[unit] = j));
  for (let r = 0; r < ev.rows; r++) {
    for (let j = 0; j < k; j++) {
      const o = ev.units[j]!;
      const v = ev.values[r * k + j]!;
      let lo = plan.bias[o]!;
      let hi = lo;
      for (let e = g.parentPtr[o]!; e < g.parentPtr[o + 1]!; e++) {
        const pj = col[g.parent[e]!]!;
        if (pj >= 0) {
          const x = w[e]! * ev.values[r * k + pj]!;
          lo += x;
          hi += x;
        } else {
          lo += Math.min(w[e]!, 0);
          hi += Math.max(w[e]!, 0);
        }
      }
      if ((v === 1 && hi === -Infinity) || (v === 0 && lo === Infinity)) {
        throw new ZeroProbabilityEvidenceError(
          `${fn}: unit ${o} is observed as ${v}, but its CPD gives that value probability 0 for every value of its unobserved parents; the evidence is impossible under this model`,
          { function: fn, unit: o, value: v, row: r, reason: 'saturated-cpd' },
        );
      }
    }
  }
}

/**
 * @internal Checks that every chain's state has positive probability:
 * Σ_u log p(s_u | parents) > −∞, using refreshed pre-activations.
 */
export function checkStatesPossible(fn: string, ws: PosteriorWorkspace, states: FloatArray): void {
  const n = ws.plan.size;
  for (let c = 0; c < ws.chains; c++) {
    for (let u = 0; u < n; u++) {
      const lp = logBernoulli(ws.act[c * n + u]!, states[c * n + u]!);
      if (!(lp > -Infinity)) {
        throw new ZeroProbabilityEvidenceError(
          `${fn}: the initial state of chain ${c} has probability 0 (unit ${u}); the evidence is impossible, or (with infinite weights) pass init with a hidden state of positive probability`,
          { function: fn, chain: c, unit: u, reason: 'initial-state' },
        );
      }
    }
  }
}
