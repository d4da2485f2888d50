/**
 * Exact model statistics in a plan's parameter layout: E[s_i] per bias and
 * E[s_i s_j] per stored weight (masked-out entries and a lateral diagonal
 * 0), read from `exactMoments`. For an undirected plan this is ∂ log Z / ∂θ,
 * the model term of the log-likelihood gradient.
 */
import { exactMoments, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';

/** E[s_i] and E[s_i s_j] from exact moments, laid out like `zeroGradient(plan)`. */
export function momentsInPlanLayout(plan: Plan): Gradient {
  const { mean, second } = exactMoments(plan);
  const n = plan.size;
  const g = zeroGradient(plan);
  g.bias.set(mean);
  plan.weights.forEach((w, k) => {
    const a = plan.blocks[w.from]!.offset;
    const b = plan.blocks[w.to]!.offset;
    const out = g.weights[k]!;
    if (w.sparse !== null) {
      for (let i = 0; i < w.rows; i++) {
        for (let p = w.sparse.rowPtr[i]!; p < w.sparse.rowPtr[i + 1]!; p++) out[p] = second[(a + i) * n + b + w.sparse.colIdx[p]!]!;
      }
      return;
    }
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < w.cols; j++) {
        const masked = w.mask !== null && w.mask[i * w.cols + j] === 0;
        if (!masked && !(w.from === w.to && i === j)) out[i * w.cols + j] = second[(a + i) * n + b + j]!;
      }
    }
  });
  return g;
}
