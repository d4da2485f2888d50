/**
 * Exact single-site conditional tables of small directed plans and the
 * exact sweep kernels built from them, for the posterior-Gibbs tests (S7,
 * S11) and their negative controls.
 *
 * A "site rule" gives p(s_i = 1) for unit i at the current state x, possibly
 * also depending on the state x0 at the start of the sweep (for the stale-cache
 * control). The correct rule is the model's own Markov-blanket `conditional`;
 * each control changes exactly one thing:
 * - 'no-children': the child likelihood terms are missing (aima-java#245):
 *   p = σ(a_i), the unit's own field only;
 * - 'stale-cache': the children's (and the unit's own) pre-activations are
 *   those of the sweep's start state x0 (never updated on flips), combined
 *   with the unit's and children's current values exactly as the library's
 *   kernel combines them;
 * - wrong CPD column: the correct rule of a plan with a transposed weight
 *   block (see transposedPlan).
 * Fields come from the model's blockFieldInto over all 2^n states, so no
 * formula of the sampler under test is re-derived here.
 */
import { blockFieldInto, compile, conditional, logBernoulli, sigmoid } from '@stochnet/model';
import type { Plan } from '@stochnet/model';

/** F[x·n + u] = b_u + Σ_parents w s for every state x (bit u of x = unit u). */
export function fieldTable(plan: Plan): Float64Array {
  const n = plan.size;
  const m = 2 ** n;
  const states = new Float64Array(m * n);
  for (let x = 0; x < m; x++) for (let u = 0; u < n; u++) states[x * n + u] = (x >> u) & 1;
  const F = new Float64Array(m * n);
  for (let b = 0; b < plan.blocks.length; b++) {
    const blk = plan.blocks[b]!;
    const out = new Float64Array(m * blk.size);
    blockFieldInto(out, plan, states, m, b);
    for (let x = 0; x < m; x++) for (let i = 0; i < blk.size; i++) F[x * n + blk.offset + i] = out[x * blk.size + i]!;
  }
  return F;
}

/** Per-unit rule tables: `table[i][x]`, or `table[i][x0 · 2^n + x]` when `stale`. */
export interface SiteRule {
  readonly n: number;
  readonly stale: boolean;
  readonly table: readonly Float64Array[];
}

/** The correct rule: the model's Markov-blanket conditional. */
export function exactRule(plan: Plan): SiteRule {
  const n = plan.size;
  const s = new Float64Array(n);
  const table = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: 2 ** n }, (_, x) => {
      for (let k = 0; k < n; k++) s[k] = (x >> k) & 1;
      return conditional(plan, s, i);
    }),
  );
  return { n, stale: false, table };
}

/** 'no-children': p = σ(own field). */
export function noChildrenRule(plan: Plan): SiteRule {
  const n = plan.size;
  const F = fieldTable(plan);
  const table = Array.from({ length: n }, (_, i) => Float64Array.from({ length: 2 ** n }, (_, x) => sigmoid(F[x * n + i]!)));
  return { n, stale: false, table };
}

/** 'stale-cache': pre-activations from the sweep's start state x0, current values from x. */
export function staleCacheRule(plan: Plan): SiteRule {
  const n = plan.size;
  const m = 2 ** n;
  const F = fieldTable(plan);
  // w[i][k]: the weight i → k, read off the field table.
  const w = (i: number, k: number): number => F[(1 << i) * n + k]! - F[k]!;
  const table = Array.from({ length: n }, (_, i) => {
    const t = new Float64Array(m * m);
    for (let x0 = 0; x0 < m; x0++) {
      for (let x = 0; x < m; x++) {
        const si = (x >> i) & 1;
        let logit = F[x0 * n + i]!;
        for (let k = 0; k < n; k++) {
          const wik = w(i, k);
          if (k === i || wik === 0) continue;
          const ak = F[x0 * n + k]!;
          const a1 = si === 1 ? ak : ak + wik;
          const a0 = si === 1 ? ak - wik : ak;
          const sk = (x >> k) & 1;
          logit += logBernoulli(a1, sk) - logBernoulli(a0, sk);
        }
        t[x0 * m + x] = sigmoid(logit);
      }
    }
    return t;
  });
  return { n, stale: true, table };
}

/** A float64 copy of `plan` whose weight block `w` (square) is transposed: the wrong CPD column. */
export function transposedPlan(plan: Plan, w: number): Plan {
  const copy = compile(plan.toNetwork(), { dtype: 'float64' });
  const wb = copy.weights[w]!;
  if (wb.rows !== wb.cols || wb.sparse !== null) throw new Error('transposedPlan needs a square dense block');
  const src = Float64Array.from(wb.weights);
  for (let i = 0; i < wb.rows; i++) for (let j = 0; j < wb.cols; j++) wb.weights[i * wb.cols + j] = src[j * wb.cols + i]!;
  return copy;
}

/** Probability of unit `i` firing under `rule` at state x with sweep start x0. */
function ruleAt(rule: SiteRule, i: number, x0: number, x: number): number {
  return rule.stale ? rule.table[i]![x0 * 2 ** rule.n + x]! : rule.table[i]![x]!;
}

/** The exact transition matrix of one sweep of `rule` over `order` (rows: start state). */
export function sweepKernel(rule: SiteRule, order: readonly number[]): Float64Array[] {
  const m = 2 ** rule.n;
  const K: Float64Array[] = [];
  for (let x0 = 0; x0 < m; x0++) {
    let dist = new Float64Array(m);
    dist[x0] = 1;
    for (const i of order) {
      const next = new Float64Array(m);
      for (let x = 0; x < m; x++) {
        const px = dist[x]!;
        if (px === 0) continue;
        const q = ruleAt(rule, i, x0, x);
        next[x | (1 << i)]! += px * q;
        next[x & ~(1 << i)]! += px * (1 - q);
      }
      dist = next;
    }
    K.push(dist);
  }
  return K;
}

/** The law after t sweeps of kernel K from the start law `p0`. */
export function propagate(K: readonly Float64Array[], p0: ArrayLike<number>, t: number): Float64Array {
  const m = K.length;
  let p = Float64Array.from(p0);
  for (let s = 0; s < t; s++) {
    const q = new Float64Array(m);
    for (let x = 0; x < m; x++) {
      const px = p[x]!;
      if (px === 0) continue;
      const row = K[x]!;
      for (let y = 0; y < m; y++) q[y]! += px * row[y]!;
    }
    p = q;
  }
  return p;
}
