/**
 * A finite-difference checker for a whole {@link Gradient} in a plan's
 * layout (TESTING.md B.2): h = 1e-5·max(1, |θ|), pass rule
 * |a − n| ≤ 1e-7 + 1e-6·|n|. A dense or masked lateral pair is one tied
 * parameter (W_ij = W_ji): both entries are perturbed together and both
 * analytic entries must match. Masked-out entries and lateral diagonals are
 * not parameters: their analytic value must be exactly 0.
 */
import type { FloatArray, Gradient, Plan } from '@stochnet/model';

/** One entry that failed. */
export interface Failure {
  readonly where: string;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
}

const passes = (a: number, n: number): boolean => Math.abs(a - n) <= 1e-7 + 1e-6 * Math.abs(n);

/** Central difference of f when `entries` of `arr` (all equal) move together. */
function central(arr: FloatArray, entries: readonly number[], f: () => number): number {
  const theta = arr[entries[0]!]!;
  const h = 1e-5 * Math.max(1, Math.abs(theta));
  for (const e of entries) arr[e] = theta + h;
  const up = f();
  for (const e of entries) arr[e] = theta - h;
  const down = f();
  for (const e of entries) arr[e] = theta;
  return (up - down) / (2 * h);
}

/** Every failing entry of `grad` as the gradient of f with respect to the plan's parameters. */
export function gradientFailures(plan: Plan, grad: Gradient, f: () => number, only?: (where: string, index: number) => boolean): Failure[] {
  const out: Failure[] = [];
  const check = (where: string, index: number, analytic: number, numeric: number): void => {
    if (only !== undefined && !only(where, index)) return;
    if (!passes(analytic, numeric) || !Number.isFinite(analytic)) out.push({ where, index, analytic, numeric });
  };
  for (let i = 0; i < plan.size; i++) check('bias', i, grad.bias[i]!, central(plan.bias, [i], f));
  plan.weights.forEach((wb, w) => {
    const g = grad.weights[w]!;
    const where = `weights[${w}]`;
    const lateral = wb.from === wb.to && !wb.directed && wb.sparse === null;
    for (let k = 0; k < wb.weights.length; k++) {
      const i = Math.floor(k / wb.cols);
      const j = k % wb.cols;
      const masked = wb.mask !== null && wb.mask[k] === 0;
      if (masked || (lateral && i === j)) {
        if (g[k] !== 0) out.push({ where, index: k, analytic: g[k]!, numeric: 0 });
        continue;
      }
      if (lateral && j < i) continue;
      const entries = lateral ? [k, j * wb.cols + i] : [k];
      const numeric = central(wb.weights, entries, f);
      for (const e of entries) check(where, e, g[e]!, numeric);
    }
  });
  return out;
}
