/**
 * The exact transition matrix of one block-Gibbs sweep of a small plan
 * (tier i of TESTING.md B.0), assembled from the model's single-site
 * `conditional` in the order of plan.schedules.gibbs, and the worst-start
 * total-variation distance to π after t sweeps.
 */
import { conditional } from '@stochnet/model';
import type { Plan } from '@stochnet/model';

/**
 * K[x][y] = P(one sweep moves state x to y); bit i of a state index is unit
 * i. Units listed in `fixed` (clamped) are never updated.
 */
export function exactSweepKernel(plan: Plan, fixed: readonly number[] = []): Float64Array[] {
  const n = plan.size;
  const order: number[] = [];
  for (const step of plan.schedules.gibbs) {
    for (const part of step.parts) {
      const blk = plan.blocks[part.block]!;
      for (const i of part.units ?? Array.from({ length: blk.size }, (_, k) => k)) if (!fixed.includes(blk.offset + i)) order.push(blk.offset + i);
    }
  }
  const states = 2 ** n;
  const s = new Float64Array(n);
  const K: Float64Array[] = [];
  for (let x = 0; x < states; x++) {
    let dist = new Map<number, number>([[x, 1]]);
    for (const u of order) {
      const next = new Map<number, number>();
      for (const [y, py] of dist) {
        for (let i = 0; i < n; i++) s[i] = (y >> i) & 1;
        const q = conditional(plan, s, u);
        const on = y | (1 << u);
        const off = y & ~(1 << u);
        next.set(on, (next.get(on) ?? 0) + py * q);
        next.set(off, (next.get(off) ?? 0) + py * (1 - q));
      }
      dist = next;
    }
    const row = new Float64Array(states);
    for (const [y, py] of dist) row[y] = py;
    K.push(row);
  }
  return K;
}

/** max over starting states x (those with `accept(x)`, default all) of TV(K^t(x, ·), π). */
export function worstStartTv(K: readonly Float64Array[], pi: ArrayLike<number>, t: number, accept: (x: number) => boolean = () => true): number {
  const m = K.length;
  let rows = K.map((r) => Float64Array.from(r));
  for (let step = 1; step < t; step++) {
    rows = rows.map((r) => {
      const out = new Float64Array(m);
      for (let y = 0; y < m; y++) {
        const ry = r[y]!;
        if (ry === 0) continue;
        const ky = K[y]!;
        for (let z = 0; z < m; z++) out[z] = out[z]! + ry * ky[z]!;
      }
      return out;
    });
  }
  let worst = 0;
  for (let x = 0; x < m; x++) {
    if (!accept(x)) continue;
    const r = rows[x]!;
    let d = 0;
    for (let z = 0; z < m; z++) d += Math.abs(r[z]! - pi[z]!);
    worst = Math.max(worst, d / 2);
  }
  return worst;
}

/** The smallest t ≤ maxT with worstStartTv(K, π, t) ≤ eps (maxT + 1 if none). */
export function mixingTime(K: readonly Float64Array[], pi: ArrayLike<number>, eps: number, maxT: number, accept?: (x: number) => boolean): number {
  for (let t = 1; t <= maxT; t++) if (worstStartTv(K, pi, t, accept) <= eps) return t;
  return maxT + 1;
}
