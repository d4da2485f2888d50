/**
 * Reconstruction error: how far one deterministic mean-field pass
 * (σ(σ(vW + c)Wᵀ + b) for an RBM) lies from the data. The one
 * implementation behind the public estimator (RBMs) and the training loop's
 * `reconstruction` metric (every undirected kind).
 *
 * @module
 */
import { blockFieldInto, FieldWorkspace, softplus, sigmoid } from '@stochnet/model';
import type { Plan, StateArray } from '@stochnet/model';
import { checkData, checkOptionsObject, choiceOption, TILE_ROWS } from './checks.js';
import { rbmSides } from './rbm-params.js';
import { isDenseRbm, rbmReconstruction } from './reconstruction-rbm.js';

/** How {@link reconstructionError} scores a reconstruction. */
export type ReconstructionLoss = 'squared' | 'cross-entropy';

/** Options of {@link reconstructionError}. */
export interface ReconstructionOptions {
  /** `'squared'` (default): mean squared error per unit; `'cross-entropy'`: mean Bernoulli cross-entropy per unit, in nats. */
  readonly loss?: ReconstructionLoss | undefined;
}

/**
 * The mean reconstruction error of data rows under an RBM, per unit.
 *
 * @remarks
 * With mean-field hidden probabilities h = σ(vW + c) and reconstruction
 * logits a = hWᵀ + b, the reconstruction is r = σ(a) and
 * - `'squared'`: (1/(rows·nv)) Σ_r Σ_i (r_i − v_i)², in [0, 1];
 * - `'cross-entropy'`: (1/(rows·nv)) Σ_r Σ_i −[v_i log r_i + (1 − v_i) log(1 − r_i)],
 *   computed as softplus(a_i) − v_i a_i (never a log of a sigmoid).
 * Both are means per unit (divide by nothing more; multiply by nv for a
 * per-example sum). Reconstruction error is a cheap training monitor, not
 * a likelihood: it can fall while the model gets worse (Hinton 2010, §5).
 * The training loop's `reconstruction` metric is the squared loss of this
 * same pass. Rows run in tiles of 256 through the backend's kernels, in
 * the plan's dtype for an RBM with one dense coupling (the losses are
 * summed in float64) and in float64 otherwise, with buffers allocated once
 * per call (no per-row allocation).
 *
 * @param plan - an `rbm` plan
 * @param data - rows × (visible units) 0/1 values, row-major
 * @param rows - number of rows
 * @param opts - the loss
 * @returns the mean error per unit
 * @throws GraphStructureError when the plan is not an rbm
 * @throws LayeringError unless exactly one group has role `visible`
 * @throws ShapeError when `rows` is not a positive integer or `data` has the wrong length
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError when `loss` is not `'squared'` or `'cross-entropy'`
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { reconstructionError } from '@stochnet/inference';
 * const plan = compile(rbm(2, 3, { seed: 1 }), { dtype: 'float64' });
 * plan.weights[0]!.weights.fill(0); // every reconstruction is σ(0) = 0.5
 * console.log(reconstructionError(plan, Uint8Array.of(1, 0), 1)); // 0.25
 * ```
 */
export function reconstructionError(plan: Plan, data: StateArray, rows: number, opts?: ReconstructionOptions): number {
  const fn = 'reconstructionError';
  const sides = rbmSides(fn, plan, 'reconstruction needs a visible and a hidden layer; for other kinds use pseudoLogLikelihood or exactLogLikelihood');
  checkOptionsObject(fn, opts);
  const loss = choiceOption<ReconstructionLoss>(fn, 'loss', opts?.loss, ['squared', 'cross-entropy'], 'squared');
  const nv = plan.blocks[sides.vis]!.size;
  checkData(fn, 'data', data, rows, nv);
  return meanFieldReconstruction(plan, data, rows, nv, loss);
}

/** The plan itself when float64, else a float64 copy of its parameters (same layout, kernels and schedules). */
function float64Plan(plan: Plan): Plan {
  if (plan.dtype === 'float64') return plan;
  return {
    kind: plan.kind,
    dtype: 'float64',
    backend: plan.backend,
    size: plan.size,
    blocks: plan.blocks,
    weights: plan.weights.map((w) => ({ ...w, weights: Float64Array.from(w.weights) })),
    bias: Float64Array.from(plan.bias),
    schedules: plan.schedules,
    source: plan.source,
    toNetwork: () => plan.toNetwork(),
  };
}

/**
 * @internal The mean reconstruction error per visible unit of rows × cols
 * data (columns: the visible-role blocks in layout order), inputs already
 * checked. One deterministic mean-field pass: every other block in layout
 * order gets μ = σ(field) given the data (and the μ of earlier blocks), then
 * each visible block gets its logits a = field given those μ (and the data
 * in any visible laterals) and scores r = σ(a) against the data: squared
 * (r − v)², or cross-entropy softplus(a) − v·a. For an RBM, r = p(v | p(h | v)).
 * An RBM with one dense coupling runs in the plan's dtype (two products
 * per tile on the backend, summed in float64: see reconstruction-rbm.ts);
 * other plans run in float64 whatever their dtype (a float32 plan's
 * parameters are copied once). Tiles of 256 rows; no randomness.
 */
export function meanFieldReconstruction(plan: Plan, values: ArrayLike<number>, rows: number, cols: number, loss: ReconstructionLoss): number {
  if (isDenseRbm(plan)) return rbmReconstruction(plan, values, rows, loss) / (rows * cols);
  const p = float64Plan(plan);
  const n = p.size;
  const tile = Math.min(rows, TILE_ROWS);
  const states = new Float64Array(tile * n);
  const widest = p.blocks.reduce((m, b) => Math.max(m, b.size), 0);
  const field = new Float64Array(tile * widest);
  const opts = { workspace: new FieldWorkspace(p, tile), values: 'unit-interval' as const };
  const visible = p.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  const hidden = p.blocks.flatMap((b, i) => (b.role !== 'visible' ? [i] : []));
  let total = 0;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const m = Math.min(tile, rows - r0);
    const s = m === tile ? states : states.subarray(0, m * n);
    s.fill(0);
    for (let r = 0; r < m; r++) {
      let c = 0;
      for (const bi of visible) {
        const b = p.blocks[bi]!;
        for (let i = 0; i < b.size; i++) s[r * n + b.offset + i] = values[(r0 + r) * cols + c++]!;
      }
    }
    for (const bi of hidden) {
      const b = p.blocks[bi]!;
      blockFieldInto(field.subarray(0, m * b.size), p, s, m, bi, opts);
      for (let r = 0; r < m; r++) for (let i = 0; i < b.size; i++) s[r * n + b.offset + i] = sigmoid(field[r * b.size + i]!);
    }
    for (const bi of visible) {
      const b = p.blocks[bi]!;
      blockFieldInto(field.subarray(0, m * b.size), p, s, m, bi, opts);
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < b.size; i++) {
          const a = field[r * b.size + i]!;
          const v = s[r * n + b.offset + i]!;
          if (loss === 'squared') {
            const d = sigmoid(a) - v;
            total += d * d;
          } else total += softplus(a) - v * a;
        }
      }
    }
  }
  return total / (rows * cols);
}
