/**
 * The gradient of a sigmoid belief net's log-probability log p(s) of complete
 * states, in the plan's layout: the wake-phase and maximum-likelihood term of
 * belief-net learning.
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import type { CsrMatrix } from '../backend.js';
import { sigmoid } from '../numerics.js';
import type { Plan } from '../plan.js';
import { checkFinite, checkGradient, checkStates } from './arg-checks.js';
import { checkPlan, checkRows } from './state.js';
import type { Gradient } from './gradient.js';
import { addCrossProduct, slab, toBlockMajor, workspaceFor } from './statistics.js';
import type { StatisticsWorkspace } from './statistics.js';

/**
 * Adds `scale·Σ_rows ∂ log p(s)/∂θ` of a belief net into a gradient, for
 * every unit whose conditional is a logistic function of its parents.
 *
 * @remarks
 * With p_i = σ(b_i + Σ_j w_ij s_j) over the parents j of unit i (DESIGN §1),
 * ∂ log p(s)/∂w_ij = s_j (s_i − p_i) and ∂/∂b_i = s_i − p_i; root units have
 * p_i = σ(b_i). Units of blocks touched by an undirected coupling (the top
 * RBM of a DBN) are skipped, as are their undirected weights: their
 * conditionals are not logistic CPDs of their parents alone. The entries of
 * `states` may be probabilities in [0, 1] (a mean-field wake phase). Fields
 * use the backend's GEMM (dense, masked) or SpMM (sparse) on block slabs; the
 * weight statistics use Aᵀ·B as in {@link accumulateStatistics}, with
 * masked-out entries kept 0. Mutates: grad. Allocates: no buffers when a
 * workspace is passed (a few typed-array views per block, for the kernels);
 * the workspace once per call when none is passed.
 * Complexity: O(batch · (weights + units)).
 *
 * @param grad - accumulated into, shaped like the plan (see zeroGradient)
 * @param plan - a compiled plan with belief-net units (kind sbn, dbn or general)
 * @param states - batch×plan.size complete states (or probabilities), row-major
 * @param batch - number of rows
 * @param scale - the factor applied to every sum, e.g. 1/batch (finite)
 * @param workspace - optional scratch from {@link createStatisticsWorkspace}
 * @throws GraphStructureError when the plan is an RBM or Boltzmann machine (no belief-net units)
 * @throws ShapeError when a shape disagrees with the plan
 * @throws NonFiniteError when scale or a state is not finite
 * @throws BinaryDataError when a state lies outside [0, 1]
 *
 * @example
 * ```ts
 * import { sbn, zeros } from '@stochnet/graph';
 * import { compile, sbnGradientInto, zeroGradient } from '@stochnet/model';
 * const plan = compile(sbn([1, 1], { init: zeros() }), { dtype: 'float64' }); // all parameters 0: p_i = 0.5
 * const grad = zeroGradient(plan);
 * sbnGradientInto(grad, plan, Float64Array.of(1, 1), 1, 1);
 * console.log(Array.from(grad.bias), grad.weights[0]![0]); // [0.5, 0.5] 0.5
 * ```
 */
export function sbnGradientInto(
  grad: Gradient,
  plan: Plan,
  states: ArrayLike<number>,
  batch: number,
  scale: number,
  workspace?: StatisticsWorkspace,
): void {
  const fn = 'sbnGradientInto';
  checkPlan(fn, plan);
  if (plan.kind === 'rbm' || plan.kind === 'boltzmann') {
    throw new GraphStructureError(`${fn}: a ${plan.kind} plan has no belief-net units; use accumulateStatistics for Boltzmann-machine gradients`, {
      function: fn,
      kind: plan.kind,
      expected: ['sbn', 'dbn', 'general'],
    });
  }
  checkGradient(fn, plan, grad);
  checkRows(fn, 'batch', batch);
  checkFinite(fn, 'scale', scale);
  checkStates(fn, plan, states, batch);
  const ws = workspaceFor(fn, plan, batch, workspace);
  toBlockMajor(ws, plan, states, batch);
  const shape = ws.shape;
  plan.blocks.forEach((b, index) => {
    if (b.undirected.length > 0) return;
    const n = b.size;
    const field = ws.field.subarray(0, batch * n);
    for (let r = 0; r < batch; r++) for (let i = 0; i < n; i++) field[r * n + i] = plan.bias[b.offset + i]!;
    for (const k of b.incoming) {
      const w = plan.weights[k]!;
      const parents = slab(ws, plan, batch, w.from);
      if (w.sparse !== null) {
        const csr: CsrMatrix = { rows: w.rows, cols: w.cols, rowPtr: w.sparse.rowPtr, colIdx: w.sparse.colIdx, values: w.weights };
        plan.backend.spmm(field, parents, csr, batch, 1);
      } else {
        shape.m = batch;
        shape.n = n;
        shape.k = w.rows;
        shape.transA = false;
        shape.transB = false;
        shape.alpha = 1;
        shape.beta = 1;
        plan.backend.gemm(field, parents, w.weights, shape);
      }
    }
    // residual s_i − p_i, in place
    const own = slab(ws, plan, batch, index);
    for (let t = 0; t < batch * n; t++) field[t] = own[t]! - sigmoid(field[t]!);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let r = 0; r < batch; r++) sum += field[r * n + i]!;
      grad.bias[b.offset + i] = grad.bias[b.offset + i]! + scale * sum;
    }
    for (const k of b.incoming) {
      const w = plan.weights[k]!;
      addCrossProduct(grad.weights[k]!, w, ws, slab(ws, plan, batch, w.from), field, batch, scale, plan.backend);
    }
  });
}
