/**
 * Pre-activations (fields) of a block of units for a batch of full states:
 * bias, undirected neighbours and directed parents, computed with the plan's
 * backend kernels (gemm for dense and masked couplings, spmm for sparse ones;
 * on a backend with the 0/1 kernels, an input block of 0/1 states with at
 * most 40% ones feeds the `to` side of its coupling by `selectRowsSum`).
 *
 * @module
 */
import { ConfigError, ShapeError } from '@stochnet/graph';
import type { CsrMatrix, FloatArray, GemmShape } from '../backend.js';
import { BINARY_DENSITY_LIMIT, hasBinaryStateKernels } from '../backend-binary.js';
import type { Plan, WeightBlock } from '../plan.js';
import { checkArrayType, checkBlock, checkLength, checkOut, checkPlan, checkRows, checkValues, describeValue, valueCheckOf } from './state.js';
import type { StateArray, ValueCheck } from './state.js';

/**
 * Scratch buffers for {@link blockFieldInto}: per-block slices of a batch and
 * transposed sparse weights. Create one per sampler or trainer and pass it to
 * every call, so steady-state calls allocate nothing.
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, FieldWorkspace } from '@stochnet/model';
 * const plan = compile(rbm(4, 3, { seed: 1 }));
 * const ws = new FieldWorkspace(plan, 16);
 * console.log(ws.plan === plan); // true
 * ```
 */
export class FieldWorkspace {
  /** The plan this workspace serves. */
  readonly plan: Plan;
  private rows: number;
  private readonly slices: FloatArray[];
  private readonly stamps: Float64Array;
  private call = 0;
  private readonly forward: (CsrMatrix | null)[];
  private readonly backward: (CsrMatrix | null)[];
  /** @internal A GEMM shape object reused by every product. */
  readonly shape: GemmShape = { m: 0, n: 0, k: 0, transA: false, transB: false, alpha: 1, beta: 1 };
  /** Whether the backend has the 0/1 kernels, so slices count their ones. */
  private readonly binaryKernels: boolean;
  /** Per block: the ones in the current call's slice when every value is 0 or 1, else −1. */
  private readonly ones: Float64Array;
  /** Products by selected rows land here before they are added into the fields. */
  private selected: FloatArray;

  /**
   * @param plan - the plan the workspace is for
   * @param rows - the largest batch expected, a non-negative integer (buffers grow if a larger one comes)
   * @throws ValidationError when `plan` is not a compiled plan
   * @throws ShapeError when `rows` is not a non-negative integer
   */
  constructor(plan: Plan, rows = 1) {
    checkPlan('FieldWorkspace', plan);
    if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) {
      throw new ShapeError(`FieldWorkspace: rows must be a non-negative integer, got ${describeValue(rows)}`, {
        function: 'FieldWorkspace',
        argument: 'rows',
        expected: 'non-negative integer',
        received: describeValue(rows),
      });
    }
    this.plan = plan;
    this.rows = Math.max(1, rows);
    this.slices = plan.blocks.map(() => this.alloc(0));
    this.stamps = new Float64Array(plan.blocks.length).fill(-1);
    this.forward = plan.weights.map(() => null);
    this.backward = plan.weights.map(() => null);
    this.binaryKernels = hasBinaryStateKernels(plan.backend);
    this.ones = new Float64Array(plan.blocks.length).fill(-1);
    this.selected = this.alloc(0);
  }

  private alloc(n: number): FloatArray {
    return this.plan.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  }

  /** @internal Starts a call: slices copied by earlier calls are stale. */
  begin(rows: number): void {
    if (rows > this.rows) this.rows = rows;
    this.call++;
  }

  /**
   * @internal Block `b` of the batch as a contiguous rows×size array in the
   * plan's dtype, copied (and its values checked) once per call.
   */
  slice(fn: string, b: number, states: StateArray, batch: number, mode: ValueCheck): FloatArray {
    const blk = this.plan.blocks[b]!;
    let buf = this.slices[b]!;
    if (this.stamps[b] === this.call) return buf;
    if (buf.length < this.rows * blk.size) buf = this.slices[b] = this.alloc(this.rows * blk.size);
    const n = this.plan.size;
    const m = blk.size;
    // Check the source values in one tight pass (counting the ones, and anything neither 0 nor 1,
    // when the backend can use 0/1 inputs), then copy a row at a time (a block move).
    let bad = false;
    let one = 0, zero = 0;
    const count = this.binaryKernels;
    for (let r = 0; r < batch; r++) {
      const src = r * n + blk.offset;
      const end = src + m;
      if (count) {
        // Counted as numbers, not branched on: a state is a coin flip the branch predictor cannot learn.
        for (let i = src; i < end; i++) {
          const v = states[i]!;
          one += +(v === 1);
          zero += +(v === 0);
          bad = bad || !(v >= 0 && v <= 1);
        }
      } else if (mode === 'binary') {
        // v·(1 − v) is 0 exactly for v = 0 or 1 (never underflows to 0 otherwise; NaN stays NaN): no data-dependent branch.
        for (let i = src; i < end; i++) bad = bad || states[i]! * (1 - states[i]!) !== 0;
      } else {
        for (let i = src; i < end; i++) bad = bad || !(states[i]! >= 0 && states[i]! <= 1);
      }
    }
    const other = batch * m - one - zero;
    if (bad || (count && mode === 'binary' && other > 0)) checkValues(fn, 'states', states, batch, n, mode);
    const ones = count && other === 0 ? one : -1;
    this.ones[b] = ones;
    for (let r = 0; r < batch; r++) {
      const src = r * n + blk.offset;
      buf.set(states.subarray(src, src + m), r * m);
    }
    this.stamps[b] = this.call;
    return buf;
  }

  /** @internal The ones in block `b`'s slice of this call when all its values are 0 or 1, else −1. */
  onesOf(b: number): number {
    return this.ones[b]!;
  }

  /** @internal A scratch buffer of at least `len` values for a selected-row product. */
  selectedBuffer(len: number): FloatArray {
    if (this.selected.length < len) this.selected = this.alloc(len);
    return this.selected;
  }

  /** @internal Sparse weight block `w` as a CSR matrix over its `from` units (weights live). */
  sparseForward(w: number): CsrMatrix {
    let s = this.forward[w];
    if (s === null || s === undefined) {
      const wb = this.plan.weights[w]!;
      const sp = wb.sparse!;
      s = this.forward[w] = { rows: wb.rows, cols: wb.cols, rowPtr: sp.rowPtr, colIdx: sp.colIdx, values: wb.weights };
    }
    return s;
  }

  /** @internal Sparse weight block `w` transposed (CSR over its `to` units), values refreshed now. */
  sparseBackward(w: number): CsrMatrix {
    const wb = this.plan.weights[w]!;
    const sp = wb.sparse!;
    let s = this.backward[w];
    if (s === null || s === undefined) {
      s = this.backward[w] = { rows: wb.cols, cols: wb.rows, rowPtr: sp.colPtr, colIdx: sp.rowIdx, values: this.alloc(wb.weights.length) };
    }
    const vals = s.values;
    const perm = sp.perm;
    for (let q = 0; q < perm.length; q++) vals[q] = wb.weights[perm[q]!]!;
    return s;
  }
}

/**
 * @internal `out += x · W` (into the `to` side, x holds `from` units) or
 * `out += x · Wᵀ` (into the `from` side, x holds `to` units) for weight block
 * `w`, over `batch` rows. `ones` is the number of ones in x when x is all 0s
 * and 1s (else −1): a sparse enough 0/1 x on a backend with the
 * `BinaryStateKernels` takes `selectRowsSum` into the `to` side, the same
 * sum in another order.
 */
export function accumulateCoupling(out: FloatArray, x: FloatArray, ws: FieldWorkspace, w: number, into: 'to' | 'from', batch: number, ones = -1): void {
  const plan = ws.plan;
  const wb = plan.weights[w]!;
  if (wb.sparse !== null) {
    plan.backend.spmm(out, x, into === 'to' ? ws.sparseForward(w) : ws.sparseBackward(w), batch, 1);
    return;
  }
  const backend = plan.backend;
  if (into === 'to' && ones >= 0 && ones <= BINARY_DENSITY_LIMIT * batch * wb.rows && hasBinaryStateKernels(backend)) {
    // x is 0/1 and sparse enough: x·W is a sum of the weight rows each row of x selects.
    const len = batch * wb.cols;
    const sel = ws.selectedBuffer(len);
    backend.selectRowsSum(sel, x, wb.weights, batch, wb.rows, wb.cols);
    for (let q = 0; q < len; q++) out[q] = out[q]! + sel[q]!;
    return;
  }
  const s = ws.shape;
  s.m = batch;
  s.n = into === 'to' ? wb.cols : wb.rows;
  s.k = into === 'to' ? wb.rows : wb.cols;
  s.transA = false;
  s.transB = into === 'from';
  s.alpha = 1;
  s.beta = 1;
  backend.gemm(out, x, wb.weights, s);
}

/** Options of {@link blockFieldInto}. */
export interface FieldOptions {
  /** Scratch buffers reused across calls; a fresh one is made per call when absent. */
  readonly workspace?: FieldWorkspace | undefined;
  /** `'binary'` (default) requires 0/1 states; `'unit-interval'` accepts mean-field values in [0, 1]. */
  readonly values?: ValueCheck | undefined;
}

/**
 * Writes the pre-activation of every unit of one block, for each row of a
 * batch of full states.
 *
 * @remarks
 * For unit i of the block: x_i = b_i + Σ_j W_ij s_j over its undirected
 * neighbours j (lateral couplings included, each coupling read in both
 * directions) + Σ_j w_ij s_j over its directed parents j. Children do not
 * contribute: this is the field of the unit's own factor, which is the full
 * conditional log-odds for undirected models and for directed units whose
 * children are observed elsewhere (see `conditional` for Markov blankets).
 * Neighbour blocks are copied into the workspace once per call; dense and
 * masked couplings run through the backend's gemm, sparse ones through spmm.
 * On a backend with the `BinaryStateKernels`, a neighbour or parent block
 * whose values in the batch are all 0 or 1, at most 40% of them ones,
 * feeds the `to` side of its coupling by `selectRowsSum` instead (the same
 * sums in another order; trained models' samples are usually that sparse).
 *
 * @param out - destination, batch × block size, row-major; overwritten
 * @param plan - the compiled plan
 * @param states - batch × plan.size full states, row-major
 * @param batch - number of rows
 * @param block - index of the block in `plan.blocks`
 * @param opts - workspace and value check
 * @returns nothing; `out` holds the fields
 * @throws ShapeError when a length disagrees with batch and the plan
 * @throws BinaryDataError naming the row and column of a value that is not 0/1 (or outside [0, 1])
 * @throws UnknownUnitError when `block` is not a block index
 * @throws ConfigError when the workspace belongs to another plan
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile, blockFieldInto } from '@stochnet/model';
 * const plan = compile(rbm(2, 1, { seed: 1 }), { dtype: 'float64' });
 * const out = new Float64Array(1);
 * blockFieldInto(out, plan, Float64Array.of(0, 0, 0), 1, 0); // block 0 is 'h'
 * console.log(out[0] === plan.bias[0]); // true
 * ```
 */
export function blockFieldInto(out: FloatArray, plan: Plan, states: StateArray, batch: number, block: number, opts?: FieldOptions): void {
  const fn = 'blockFieldInto';
  checkPlan(fn, plan);
  checkBlock(fn, plan, block);
  checkRows(fn, 'batch', batch);
  checkArrayType(fn, 'states', states);
  checkLength(fn, 'states', states, batch * plan.size);
  const blk = plan.blocks[block]!;
  checkOut(fn, out, batch * blk.size);
  const ws = opts?.workspace ?? new FieldWorkspace(plan, batch);
  if (ws.plan !== plan) throw new ConfigError(`${fn}: option workspace was created for another plan; create one per plan`, { function: fn, option: 'workspace' });
  const mode = valueCheckOf(fn, opts?.values);
  ws.begin(batch);
  // Pass 1 copies (and checks) every block read before out is written, so a failed call leaves out untouched.
  // Pass 2 reads the same copies back (slice returns them without copying again), allocating nothing.
  const und = blk.undirected;
  const inc = blk.incoming;
  for (let k = 0; k < und.length; k++) ws.slice(fn, neighbourOf(plan.weights[und[k]!]!, block), states, batch, mode);
  for (let k = 0; k < inc.length; k++) ws.slice(fn, plan.weights[inc[k]!]!.from, states, batch, mode);
  const m = blk.size;
  const bias = plan.bias.subarray(blk.offset, blk.offset + m);
  for (let r = 0; r < batch; r++) out.set(bias, r * m);
  for (let k = 0; k < und.length; k++) {
    const w = und[k]!;
    const wb = plan.weights[w]!;
    const x = ws.slice(fn, neighbourOf(wb, block), states, batch, mode);
    const ones = ws.onesOf(neighbourOf(wb, block));
    if (wb.from === wb.to) {
      // A dense lateral holds both W_ij and W_ji; a sparse one holds each pair once, so it is read both ways.
      accumulateCoupling(out, x, ws, w, 'to', batch, ones);
      if (wb.sparse !== null) accumulateCoupling(out, x, ws, w, 'from', batch);
    } else {
      accumulateCoupling(out, x, ws, w, wb.to === block ? 'to' : 'from', batch, ones);
    }
  }
  for (let k = 0; k < inc.length; k++) {
    const w = inc[k]!;
    const from = plan.weights[w]!.from;
    accumulateCoupling(out, ws.slice(fn, from, states, batch, mode), ws, w, 'to', batch, ws.onesOf(from));
  }
}

/** The block on the other end of an undirected weight block from `block` (itself for a lateral). */
function neighbourOf(wb: WeightBlock, block: number): number {
  return wb.to === block ? wb.from : wb.to;
}
