/**
 * The gradient of the pseudo-log-likelihood of a fully visible Boltzmann
 * machine, in the plan's parameter layout.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';
import { FieldWorkspace, sigmoid, zeroGradient } from '@stochnet/model';
import type { GemmShape, Gradient, Plan, StateArray } from '@stochnet/model';
import { checkData, checkEntries, TILE_ROWS } from './checks.js';
import { checkPlanKind } from '../plan-kind.js';
import { pllWidth, fullFieldsInto } from './pseudo-likelihood.js';

function checkOut(fn: string, plan: Plan, out: unknown): asserts out is Gradient {
  const g = out as Partial<Gradient> | null;
  if (g === null || typeof g !== 'object' || !(g.bias instanceof Float64Array) || !Array.isArray(g.weights)) {
    throw new ValidationError(`${fn}: out must be a Gradient { bias, weights }; create one with zeroGradient(plan)`, { function: fn, argument: 'out' });
  }
  const bad = (argument: string, expected: number, received: unknown): never => {
    throw new ShapeError(`${fn}: ${argument} must be a Float64Array of ${expected} entries; create the gradient with zeroGradient(plan)`, {
      function: fn,
      argument,
      expected,
      received,
    });
  };
  if (g.bias.length !== plan.size) bad('out.bias', plan.size, g.bias.length);
  if (g.weights.length !== plan.weights.length) bad('out.weights', plan.weights.length, g.weights.length);
  plan.weights.forEach((wb, k) => {
    const gw: unknown = g.weights![k];
    if (!(gw instanceof Float64Array) || gw.length !== wb.weights.length) bad(`out.weights[${k}]`, wb.weights.length, gw instanceof Float64Array ? gw.length : typeof gw);
  });
}

/** Copies columns `off .. off+size-1` of a rows × n batch into a contiguous rows × size array. */
function gather(out: Float64Array, x: Float64Array, rows: number, n: number, off: number, size: number): void {
  for (let r = 0; r < rows; r++) for (let i = 0; i < size; i++) out[r * size + i] = x[r * n + off + i]!;
}

/**
 * Writes the gradient of the mean pseudo-log-likelihood of data rows into
 * `out`, for a fully visible Boltzmann machine.
 *
 * @remarks
 * The objective is `pseudoLogLikelihood(plan, data, rows).mean`:
 * L = (1/rows) Σ_r Σ_i log σ((2v_i − 1) f_i), f_i = b_i + Σ_j W_ij v_j.
 * With e_i = v_i − σ(f_i) (the derivative of the i-th term in f_i):
 * ∂L/∂b_i = ⟨e_i⟩ and, for the coupling of units i and j,
 * ∂L/∂W_ij = ⟨e_i v_j + v_i e_j⟩ (averages over rows), since W_ij enters
 * both f_i and f_j. Layout as `Gradient` in @stochnet/model: a dense
 * lateral block holds the tied pair's derivative in both W_ij and W_ji and
 * 0 on its diagonal; masked-out entries are 0; sparse blocks one entry per
 * pair. Dense products run through the backend's gemm in float64.
 *
 * @param out - destination, shaped like `zeroGradient(plan)`; overwritten
 * @param plan - a `boltzmann` plan whose groups all have role `visible`
 * @param data - rows × plan.size 0/1 states in layout order
 * @param rows - number of rows
 * @returns nothing; `out` holds the gradient
 * @throws GraphStructureError for other kinds (an rbm's PLL gradient is not provided), or hidden units
 * @throws ShapeError when `rows`, `data` or `out` has the wrong shape
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ValidationError when `out` is not a Gradient
 *
 * @example
 * ```ts
 * import { boltzmann, zeros } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { pseudoLogLikelihoodGradientInto } from '@stochnet/inference';
 * const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
 * const g = zeroGradient(plan);
 * pseudoLogLikelihoodGradientInto(g, plan, Uint8Array.of(1, 1), 1);
 * console.log(g.bias, g.weights[0]); // Float64Array [0.5, 0.5] Float64Array [0, 1, 1, 0]
 * ```
 */
export function pseudoLogLikelihoodGradientInto(out: Gradient, plan: Plan, data: StateArray, rows: number): void {
  const fn = 'pseudoLogLikelihoodGradientInto';
  checkPlanKind(fn, plan, ['boltzmann'], 'the gradient is provided for fully visible Boltzmann machines; for an rbm train with CD or PCD');
  pllWidth(fn, plan);
  const n = plan.size;
  checkData(fn, 'data', data, rows, n);
  checkOut(fn, plan, out);
  const tile = Math.min(rows, TILE_ROWS);
  checkEntries(fn, 'data', tile * n, 'tile rows × units');
  const maxBlock = Math.max(...plan.blocks.map((b) => b.size));
  const v = new Float64Array(tile * n);
  const e = new Float64Array(tile * n);
  const scratch = new Float64Array(tile * maxBlock);
  const vf = new Float64Array(tile * maxBlock);
  const ef = new Float64Array(tile * maxBlock);
  const vt = new Float64Array(tile * maxBlock);
  const et = new Float64Array(tile * maxBlock);
  const ws = new FieldWorkspace(plan, tile);
  const shape: GemmShape = { m: 0, n: 0, k: 0, transA: true, transB: false, alpha: 1 / rows, beta: 1 };
  out.bias.fill(0);
  for (const g of out.weights) g.fill(0);
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const m = Math.min(tile, rows - r0);
    for (let k = 0; k < m * n; k++) v[k] = data[r0 * n + k]!;
    fullFieldsInto(e, plan, v, m, ws, scratch);
    for (let k = 0; k < m * n; k++) e[k] = v[k]! - sigmoid(e[k]!);
    for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) out.bias[i]! += e[r * n + i]! / rows;
    plan.weights.forEach((wb, w) => {
      const g = out.weights[w]!;
      const from = plan.blocks[wb.from]!;
      const to = plan.blocks[wb.to]!;
      if (wb.sparse !== null) {
        const { rowPtr, colIdx } = wb.sparse;
        for (let a = 0; a < wb.rows; a++) {
          for (let q = rowPtr[a]!; q < rowPtr[a + 1]!; q++) {
            const ia = from.offset + a;
            const ib = to.offset + colIdx[q]!;
            let s = 0;
            for (let r = 0; r < m; r++) s += e[r * n + ia]! * v[r * n + ib]! + v[r * n + ia]! * e[r * n + ib]!;
            g[q]! += s / rows;
          }
        }
        return;
      }
      gather(vf, v, m, n, from.offset, from.size);
      gather(ef, e, m, n, from.offset, from.size);
      gather(vt, v, m, n, to.offset, to.size);
      gather(et, e, m, n, to.offset, to.size);
      shape.m = from.size;
      shape.n = to.size;
      shape.k = m;
      plan.backend.gemm(g, ef, vt, shape);
      plan.backend.gemm(g, vf, et, shape);
    });
  }
  plan.weights.forEach((wb, w) => {
    if (wb.sparse !== null) return;
    const g = out.weights[w]!;
    if (wb.mask !== null) for (let k = 0; k < g.length; k++) if (wb.mask[k] === 0) g[k] = 0;
    if (wb.from === wb.to) for (let i = 0; i < wb.rows; i++) g[i * wb.cols + i] = 0;
  });
}

/**
 * The gradient of the mean pseudo-log-likelihood of data rows, as a new
 * Gradient (see {@link pseudoLogLikelihoodGradientInto}).
 *
 * @remarks
 * ∂L/∂b_i = ⟨v_i − σ(f_i)⟩ and ∂L/∂W_ij = ⟨e_i v_j + v_i e_j⟩, the
 * derivative of `pseudoLogLikelihood(plan, data, rows).mean`.
 *
 * @param plan - a `boltzmann` plan whose groups all have role `visible`
 * @param data - rows × plan.size 0/1 states in layout order
 * @param rows - number of rows
 * @returns the gradient in the plan's layout
 * @throws GraphStructureError, ShapeError, BinaryDataError as {@link pseudoLogLikelihoodGradientInto}
 *
 * @example
 * ```ts
 * import { boltzmann, zeros } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { pseudoLogLikelihoodGradient } from '@stochnet/inference';
 * const plan = compile(boltzmann(2, { seed: 1, init: zeros() }), { dtype: 'float64' });
 * console.log(pseudoLogLikelihoodGradient(plan, Uint8Array.of(0, 0), 1).bias); // Float64Array [-0.5, -0.5]
 * ```
 */
export function pseudoLogLikelihoodGradient(plan: Plan, data: StateArray, rows: number): Gradient {
  const fn = 'pseudoLogLikelihoodGradient';
  checkPlanKind(fn, plan, ['boltzmann'], 'the gradient is provided for fully visible Boltzmann machines; for an rbm train with CD or PCD');
  const out = zeroGradient(plan);
  pseudoLogLikelihoodGradientInto(out, plan, data, rows);
  return out;
}
