/**
 * An RBM plan's parameters as float64 arrays in one orientation (W stored
 * visible × hidden), whatever the plan's dtype, connectivity and coupling
 * direction: the estimators accumulate log-probabilities in float64.
 *
 * @module
 */
import { LayeringError, TooLargeError } from '@stochnet/graph';
import type { Backend, GemmShape, Plan } from '@stochnet/model';
import { MAX_ENTRIES } from './checks.js';
import { checkPlanKind } from '../plan-kind.js';

/** @internal An RBM's parameters, copied. */
export interface RbmParams {
  /** Visible units. */
  readonly nv: number;
  /** Hidden units. */
  readonly nh: number;
  /** nv × nh row-major: `w[i·nh + j]` joins visible i and hidden j. */
  readonly w: Float64Array;
  /** Visible biases. */
  readonly b: Float64Array;
  /** Hidden biases. */
  readonly c: Float64Array;
}

/**
 * @internal The visible and hidden block indices of an RBM plan; throws a
 * GraphStructureError for other kinds (naming `instead`) and a LayeringError
 * unless exactly one block has role `visible`.
 */
export function rbmSides(fn: string, plan: unknown, instead: string): { readonly vis: number; readonly hid: number } {
  checkPlanKind(fn, plan, ['rbm'], instead);
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  if (plan.blocks.length !== 2 || visible.length !== 1 || plan.weights.length !== 1) {
    throw new LayeringError(`${fn} needs an RBM with exactly one visible-role group and one hidden group; give the groups roles 'visible' and 'hidden'`, {
      function: fn,
      groups: plan.blocks.map((b) => `${b.group}:${b.role}`),
    });
  }
  const vis = visible[0]!;
  return { vis, hid: 1 - vis };
}

/** @internal Copies an RBM plan's parameters into float64 (dense W, visible × hidden). */
export function rbmParams(fn: string, plan: Plan, sides: { readonly vis: number; readonly hid: number }): RbmParams {
  const vb = plan.blocks[sides.vis]!;
  const hb = plan.blocks[sides.hid]!;
  const nv = vb.size;
  const nh = hb.size;
  if (nv * nh > MAX_ENTRIES) {
    throw new TooLargeError(`${fn}: a dense ${nv}×${nh} weight copy exceeds the limit of 2^28 entries`, { function: fn, limit: MAX_ENTRIES, received: nv * nh });
  }
  const wb = plan.weights[0]!;
  const visIsFrom = wb.from === sides.vis;
  const w = new Float64Array(nv * nh);
  const src = wb.weights;
  if (wb.sparse !== null) {
    const { rowPtr, colIdx } = wb.sparse;
    for (let r = 0; r < wb.rows; r++) {
      for (let q = rowPtr[r]!; q < rowPtr[r + 1]!; q++) {
        const col = colIdx[q]!;
        if (visIsFrom) w[r * nh + col] = src[q]!;
        else w[col * nh + r] = src[q]!;
      }
    }
  } else if (visIsFrom) {
    for (let k = 0; k < nv * nh; k++) w[k] = src[k]!;
  } else {
    for (let j = 0; j < nh; j++) for (let i = 0; i < nv; i++) w[i * nh + j] = src[j * nv + i]!;
  }
  const b = Float64Array.from(plan.bias.subarray(vb.offset, vb.offset + nv));
  const c = Float64Array.from(plan.bias.subarray(hb.offset, hb.offset + nh));
  return { nv, nh, w, b, c };
}

/** @internal `x ← c + v·W` for `rows` visible rows (float64, via the backend's gemm). */
export function hiddenInputsInto(x: Float64Array, p: RbmParams, v: Float64Array, rows: number, backend: Backend, shape: GemmShape): void {
  shape.m = rows;
  shape.n = p.nh;
  shape.k = p.nv;
  shape.transA = false;
  shape.transB = false;
  shape.alpha = 1;
  shape.beta = 0;
  backend.gemm(x, v, p.w, shape);
  backend.addBias(x, p.c, rows, p.nh);
}

/** @internal `y ← alpha · h·Wᵀ` for `rows` hidden rows (no bias). */
export function visibleInputsInto(y: Float64Array, p: RbmParams, h: Float64Array, rows: number, alpha: number, backend: Backend, shape: GemmShape): void {
  shape.m = rows;
  shape.n = p.nv;
  shape.k = p.nh;
  shape.transA = false;
  shape.transB = true;
  shape.alpha = alpha;
  shape.beta = 0;
  backend.gemm(y, h, p.w, shape);
}

/** @internal A reusable GEMM shape. */
export function gemmShape(): GemmShape {
  return { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 0 };
}

/** @internal Copies rows `r0 .. r0+rows-1` of a rows × cols batch into `out` as float64. */
export function copyRows(out: Float64Array, data: ArrayLike<number>, r0: number, rows: number, cols: number): void {
  const base = r0 * cols;
  for (let k = 0; k < rows * cols; k++) out[k] = data[base + k]!;
}
