/**
 * The training loop's built-in monitoring metric: the mean squared
 * reconstruction error of one deterministic mean-field pass, for every
 * undirected kind (RBMs with 0/1 data use the estimator `reconstructionError`).
 *
 * @module
 */
import { blockFieldInto, FieldWorkspace, sigmoid } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { reconstructionError } from '../estimate/reconstruction.js';
import type { BatchArray } from '../learn/batch-check.js';
import { isFastRbm } from '../learn/rbm-kernels.js';

const CHUNK = 256;

/**
 * @internal Mean over rows and visible units of (v − v̂)², where v̂ comes
 * from one deterministic mean-field pass: hidden blocks in layout order get
 * μ = σ(field) given the data (and the μ of earlier hidden blocks), then the
 * visible blocks get v̂ = σ(field) given those μ (and the data in any visible
 * laterals). For an RBM this is v̂ = p(v | p(h | v)). No randomness; scale:
 * per unit, in [0, 1]. Accumulated in float64.
 */
export function meanFieldReconstructionError(plan: Plan, values: BatchArray, rows: number, cols: number): number {
  const n = plan.size;
  const chunk = Math.min(rows, CHUNK);
  const states = new Float64Array(chunk * n);
  const widest = plan.blocks.reduce((m, b) => Math.max(m, b.size), 0);
  const field = new Float64Array(chunk * widest);
  const workspace = new FieldWorkspace(plan, chunk);
  const opts = { workspace, values: 'unit-interval' as const };
  const visible = plan.blocks.map((b, i) => (b.role === 'visible' ? i : -1)).filter((i) => i >= 0);
  const hidden = plan.blocks.map((b, i) => (b.role !== 'visible' ? i : -1)).filter((i) => i >= 0);
  let sum = 0;
  for (let r0 = 0; r0 < rows; r0 += chunk) {
    const m = Math.min(chunk, rows - r0);
    const s = m === chunk ? states : states.subarray(0, m * n);
    s.fill(0);
    for (let r = 0; r < m; r++) {
      let c = 0;
      for (const bi of visible) {
        const b = plan.blocks[bi]!;
        for (let i = 0; i < b.size; i++) s[r * n + b.offset + i] = values[(r0 + r) * cols + c++]!;
      }
    }
    for (const bi of hidden) {
      const b = plan.blocks[bi]!;
      blockFieldInto(field.subarray(0, m * b.size), plan, s, m, bi, opts);
      for (let r = 0; r < m; r++) for (let i = 0; i < b.size; i++) s[r * n + b.offset + i] = sigmoid(field[r * b.size + i]!);
    }
    for (const bi of visible) {
      const b = plan.blocks[bi]!;
      blockFieldInto(field.subarray(0, m * b.size), plan, s, m, bi, opts);
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < b.size; i++) {
          const d = s[r * n + b.offset + i]! - sigmoid(field[r * b.size + i]!);
          sum += d * d;
        }
      }
    }
  }
  return sum / (rows * cols);
}

/**
 * @internal The `reconstruction` metric: the estimator's RBM reconstruction
 * error (squared, per unit) for an RBM and 0/1 data; the same quantity from
 * {@link meanFieldReconstructionError} for other kinds or probability data.
 */
export function reconstructionMetric(plan: Plan, values: BatchArray, rows: number, cols: number, probabilities: boolean): number {
  if (isFastRbm(plan) && !probabilities) return reconstructionError(plan, values, rows);
  return meanFieldReconstructionError(plan, values, rows, cols);
}
