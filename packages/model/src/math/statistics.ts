/**
 * Sufficient statistics of a batch of states in the plan's parameter layout:
 * Σ_rows s_i s_j for every stored weight and Σ_rows s_i for every bias, the
 * data and model terms of every Boltzmann-machine gradient.
 *
 * @module
 */
import { ShapeError } from '@stochnet/graph';
import type { GemmShape } from '../backend.js';
import type { Plan, WeightBlock } from '../plan.js';
import { checkFinite, checkGradient, checkStates } from './arg-checks.js';
import { checkPlan, checkRows, describeValue } from './state.js';
import type { Gradient } from './gradient.js';

/**
 * Scratch buffers for {@link accumulateStatistics} and {@link sbnGradientInto},
 * sized from a plan and a largest batch; allocate once per trainer and reuse.
 */
export interface StatisticsWorkspace {
  /** The plan size the workspace was made for. */
  readonly size: number;
  /** The largest batch it holds. */
  readonly rows: number;
  /** The states regrouped block by block: block b's rows×size_b slab starts at rows·offset_b. */
  readonly blockMajor: Float64Array;
  /** A rows×(largest block) buffer for fields and residuals. */
  readonly field: Float64Array;
  /** The GEMM shape object, reused by every call. */
  readonly shape: GemmShape;
}

/**
 * Allocates the scratch buffers {@link accumulateStatistics} and
 * {@link sbnGradientInto} need for batches of up to `rows` rows.
 *
 * @param plan - the compiled plan
 * @param rows - the largest batch the workspace will serve
 * @returns a fresh workspace
 * @throws ShapeError when rows is not a positive integer
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, createStatisticsWorkspace } from '@stochnet/model';
 * const ws = createStatisticsWorkspace(compile(rbm(4, 3, { seed: 1 })), 10);
 * console.log(ws.blockMajor.length); // 70
 * ```
 */
export function createStatisticsWorkspace(plan: Plan, rows: number): StatisticsWorkspace {
  checkPlan('createStatisticsWorkspace', plan);
  checkRows('createStatisticsWorkspace', 'rows', rows);
  const widest = plan.blocks.reduce((m, b) => Math.max(m, b.size), 0);
  return {
    size: plan.size,
    rows,
    blockMajor: new Float64Array(rows * plan.size),
    field: new Float64Array(rows * widest),
    shape: { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 },
  };
}

/**
 * Returns `workspace` after checking it fits, or a fresh one.
 *
 * @internal
 */
export function workspaceFor(fn: string, plan: Plan, batch: number, workspace: StatisticsWorkspace | undefined): StatisticsWorkspace {
  if (workspace === undefined) return createStatisticsWorkspace(plan, batch);
  const ws = workspace as Partial<StatisticsWorkspace> | null;
  const widest = plan.blocks.reduce((m, b) => Math.max(m, b.size), 0);
  const fits =
    ws !== null &&
    typeof ws === 'object' &&
    ws.size === plan.size &&
    typeof ws.rows === 'number' &&
    ws.rows >= batch &&
    ws.blockMajor instanceof Float64Array &&
    ws.blockMajor.length >= batch * plan.size &&
    ws.field instanceof Float64Array &&
    ws.field.length >= batch * widest &&
    typeof ws.shape === 'object' &&
    ws.shape !== null;
  if (!fits) {
    throw new ShapeError(`${fn}: workspace does not fit plan size ${plan.size} and ${batch} rows; create it with createStatisticsWorkspace(plan, batch)`, {
      function: fn,
      argument: 'workspace',
      expected: { size: plan.size, rows: batch },
      received: ws !== null && typeof ws === 'object' ? { size: ws.size, rows: ws.rows } : describeValue(workspace),
    });
  }
  return workspace;
}

/**
 * Copies the batch into the workspace block by block, so every block is a
 * contiguous batch×size slab the kernels can read.
 *
 * @internal
 */
export function toBlockMajor(ws: StatisticsWorkspace, plan: Plan, states: ArrayLike<number>, batch: number): void {
  const out = ws.blockMajor;
  for (const b of plan.blocks) {
    const base = batch * b.offset;
    for (let r = 0; r < batch; r++) {
      const src = r * plan.size + b.offset;
      const dst = base + r * b.size;
      for (let i = 0; i < b.size; i++) out[dst + i] = states[src + i]!;
    }
  }
}

/**
 * Block `index`'s batch×size slab of the block-major copy.
 *
 * @internal
 */
export function slab(ws: StatisticsWorkspace, plan: Plan, batch: number, index: number): Float64Array {
  const b = plan.blocks[index]!;
  return ws.blockMajor.subarray(batch * b.offset, batch * (b.offset + b.size));
}

/**
 * g += scale · Aᵀ·B for a weight block, A the from-slab (batch×rows) and B a
 * batch×cols right factor, honouring the block's connectivity: masked-out
 * entries are set to 0, sparse blocks get one sum per pair, and a dense
 * lateral block keeps a zero diagonal and exact symmetry.
 *
 * @internal
 */
export function addCrossProduct(
  g: Float64Array,
  w: WeightBlock,
  ws: StatisticsWorkspace,
  a: Float64Array,
  b: Float64Array,
  batch: number,
  scale: number,
  backend: Plan['backend'],
): void {
  if (w.sparse !== null) {
    const { rowPtr, colIdx } = w.sparse;
    for (let r = 0; r < w.rows; r++) {
      for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
        const c = colIdx[p]!;
        let s = 0;
        for (let t = 0; t < batch; t++) s += a[t * w.rows + r]! * b[t * w.cols + c]!;
        g[p] = g[p]! + scale * s;
      }
    }
    return;
  }
  const shape = ws.shape;
  shape.m = w.rows;
  shape.n = w.cols;
  shape.k = batch;
  shape.transA = true;
  shape.transB = false;
  shape.alpha = scale;
  shape.beta = 1;
  backend.gemm(g, a, b, shape);
  if (w.mask !== null) {
    const mask = w.mask;
    for (let i = 0; i < mask.length; i++) if (mask[i] === 0) g[i] = 0;
  }
  if (w.from === w.to) {
    const n = w.rows;
    for (let i = 0; i < n; i++) {
      g[i * n + i] = 0;
      for (let j = i + 1; j < n; j++) g[j * n + i] = g[i * n + j]!;
    }
  }
}

/**
 * Adds the sufficient statistics of a batch, scaled, into a gradient:
 * `scale·Σ_rows s_i s_j` into every stored weight and `scale·Σ_rows s_i` into
 * every bias.
 *
 * @remarks
 * For a Boltzmann machine, ∂ log p/∂W_ij = ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model
 * and ∂/∂b_i = ⟨s_i⟩_data − ⟨s_i⟩_model (DESIGN §1); a learning rule calls
 * this with `scale = 1/batch` on the positive phase and `−1/chains` on the
 * negative phase. The entries of `states` may be probabilities in [0, 1]
 * rather than binary states (e.g. p(h | v) for the hidden units in CD), for
 * any unit. Dense and masked blocks use the backend's GEMM on block slabs
 * (Aᵀ·B); masked-out entries stay 0; a dense lateral block gets the full
 * symmetric matrix with a zero diagonal (each tied pair's statistic in both
 * entries); sparse blocks get one sum per stored pair. Directed blocks get
 * the same product statistics (callers of belief-net learning use
 * {@link sbnGradientInto} instead). Mutates: grad. Allocates: no buffers
 * when a workspace is passed (only one typed-array view per block, for the
 * kernels). Complexity: O(batch · (weights + units)).
 *
 * @param grad - accumulated into, shaped like the plan (see zeroGradient)
 * @param plan - the compiled plan
 * @param states - batch×plan.size values in [0, 1], row-major in the state layout
 * @param batch - number of rows
 * @param scale - the factor applied to every sum (finite)
 * @param workspace - optional scratch from {@link createStatisticsWorkspace}
 * @throws ShapeError when a shape disagrees with the plan
 * @throws NonFiniteError when scale or a state is not finite
 * @throws BinaryDataError when a state lies outside [0, 1]
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { accumulateStatistics, compile, zeroGradient } from '@stochnet/model';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' }); // layout [h0, v0, v1]
 * const grad = zeroGradient(plan);
 * accumulateStatistics(grad, plan, Float64Array.of(1, 1, 0, 0.5, 1, 1), 2, 0.5);
 * console.log(Array.from(grad.bias)); // [0.75, 1, 0.5]
 * ```
 */
export function accumulateStatistics(
  grad: Gradient,
  plan: Plan,
  states: ArrayLike<number>,
  batch: number,
  scale: number,
  workspace?: StatisticsWorkspace,
): void {
  const fn = 'accumulateStatistics';
  checkPlan(fn, plan);
  checkGradient(fn, plan, grad);
  checkRows(fn, 'batch', batch);
  checkFinite(fn, 'scale', scale);
  checkStates(fn, plan, states, batch);
  const ws = workspaceFor(fn, plan, batch, workspace);
  toBlockMajor(ws, plan, states, batch);
  for (const b of plan.blocks) {
    const s = ws.blockMajor;
    const base = batch * b.offset;
    for (let i = 0; i < b.size; i++) {
      let sum = 0;
      for (let r = 0; r < batch; r++) sum += s[base + r * b.size + i]!;
      grad.bias[b.offset + i] = grad.bias[b.offset + i]! + scale * sum;
    }
  }
  plan.weights.forEach((w, k) => {
    addCrossProduct(grad.weights[k]!, w, ws, slab(ws, plan, batch, w.from), slab(ws, plan, batch, w.to), batch, scale, plan.backend);
  });
}

/**
 * Writes `positive − negative` entry by entry into `out` (which may be either
 * input): the data-minus-model form of a Boltzmann-machine gradient.
 *
 * @param out - the destination, shaped like the inputs
 * @param positive - the data statistics
 * @param negative - the model statistics
 * @returns out
 * @throws ShapeError when the three gradients are not shaped alike
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, dataMinusModel, zeroGradient } from '@stochnet/model';
 * const plan = compile(rbm(2, 1, { seed: 1 }));
 * const pos = zeroGradient(plan), neg = zeroGradient(plan);
 * pos.bias[0] = 0.75;
 * neg.bias[0] = 0.25;
 * console.log(dataMinusModel(zeroGradient(plan), pos, neg).bias[0]); // 0.5
 * ```
 */
export function dataMinusModel(out: Gradient, positive: Gradient, negative: Gradient): Gradient {
  const fn = 'dataMinusModel';
  const same = (name: string, g: Gradient): void => {
    const ok =
      typeof g === 'object' &&
      g !== null &&
      g.bias instanceof Float64Array &&
      g.bias.length === out.bias.length &&
      Array.isArray(g.weights) &&
      g.weights.length === out.weights.length &&
      g.weights.every((w, k) => w instanceof Float64Array && w.length === out.weights[k]!.length);
    if (!ok) throw new ShapeError(`${fn}: ${name} is not shaped like out; make all three with zeroGradient(plan)`, { function: fn, argument: name });
  };
  if (typeof out !== 'object' || out === null || !(out.bias instanceof Float64Array) || !Array.isArray(out.weights) || !out.weights.every((w) => w instanceof Float64Array)) {
    throw new ShapeError(`${fn}: out must be a Gradient; make it with zeroGradient(plan)`, { function: fn, argument: 'out' });
  }
  same('positive', positive);
  same('negative', negative);
  for (let i = 0; i < out.bias.length; i++) out.bias[i] = positive.bias[i]! - negative.bias[i]!;
  out.weights.forEach((o, k) => {
    const p = positive.weights[k]!;
    const n = negative.weights[k]!;
    for (let i = 0; i < o.length; i++) o[i] = p[i]! - n[i]!;
  });
  return out;
}
