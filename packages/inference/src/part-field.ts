/**
 * Fields (pre-activations) of the units of one Gibbs step part: a whole
 * block through the model's `blockFieldInto` (gemm/spmm kernels), or chosen
 * units of a block (lateral colourings) one unit at a time.
 *
 * @module
 */
import { ShapeError, UnknownUnitError, ValidationError } from '@stochnet/graph';
import { blockFieldInto } from '@stochnet/model';
import type { FieldWorkspace, FloatArray, Plan, StateArray, StepPart } from '@stochnet/model';
import { checkPlan } from './plan-kind.js';

/** Options of {@link stepPartFieldsInto}. */
export interface PartFieldOptions {
  /** Scratch buffers for whole-block parts (see `FieldWorkspace` in @stochnet/model). */
  readonly workspace?: FieldWorkspace | undefined;
}

/** Adds one coupling's contribution to the fields of the listed units of `block`, for every row. */
function addCoupling(out: FloatArray, plan: Plan, w: number, block: number, units: Int32Array, states: StateArray, batch: number): void {
  const wb = plan.weights[w]!;
  const W = wb.weights;
  const lateral = wb.from === wb.to;
  const fromOff = plan.blocks[wb.from]!.offset;
  const toOff = plan.blocks[wb.to]!.offset;
  const n = plan.size;
  const k = units.length;
  const asFrom = lateral || wb.from === block;
  const asTo = lateral || wb.to === block;
  for (let t = 0; t < k; t++) {
    const i = units[t]!;
    if (wb.sparse !== null) {
      const { rowPtr, colIdx, colPtr, rowIdx, perm } = wb.sparse;
      for (let r = 0; r < batch; r++) {
        let s = 0;
        // As `from` (also one half of a lateral): CSR row i; as `to` (the other half): CSC column i.
        if (asFrom) for (let q = rowPtr[i]!; q < rowPtr[i + 1]!; q++) s += W[q]! * states[r * n + toOff + colIdx[q]!]!;
        if (asTo) for (let q = colPtr[i]!; q < colPtr[i + 1]!; q++) s += W[perm[q]!]! * states[r * n + fromOff + rowIdx[q]!]!;
        out[r * k + t] = out[r * k + t]! + s;
      }
    } else if (asFrom) {
      // Row i of W (a dense lateral holds the full symmetric matrix).
      const cols = wb.cols;
      const o = i * cols;
      for (let r = 0; r < batch; r++) {
        const row = r * n + toOff;
        let s = 0;
        for (let j = 0; j < cols; j++) s += W[o + j]! * states[row + j]!;
        out[r * k + t] = out[r * k + t]! + s;
      }
    } else {
      // Column i of W: the block is the coupling's `to` side.
      const cols = wb.cols;
      const rows = wb.rows;
      for (let r = 0; r < batch; r++) {
        const row = r * n + fromOff;
        let s = 0;
        for (let j = 0; j < rows; j++) s += W[j * cols + i]! * states[row + j]!;
        out[r * k + t] = out[r * k + t]! + s;
      }
    }
  }
}

/**
 * Writes the field of every unit of one Gibbs step part, for each row of a
 * batch of full states: `out[r·k + t]` for the t-th unit of the part (k units).
 *
 * @remarks
 * For unit i: x_i = b_i + Σ_j W_ij s_j over its undirected neighbours
 * (laterals included) + Σ_j w_ij s_j over its directed parents, exactly as
 * the model's `blockFieldInto`; children do not contribute. A whole-block part
 * (`units` null) runs through `blockFieldInto` (backend gemm/spmm), accepting
 * mean-field values in [0, 1]; a part listing units reads each unit's
 * couplings directly (dense rows and columns, CSR rows and CSC columns),
 * each coupling's sum accumulated in float64, so a step of a lateral
 * colouring costs only its own units' degrees. Allocates nothing for listed
 * units.
 *
 * @param out - destination, batch × (units in the part), row-major; overwritten
 * @param plan - the compiled plan
 * @param states - batch × plan.size full states, row-major
 * @param batch - number of rows
 * @param part - the step part: a block and its units (null for all)
 * @param opts - the field workspace for whole-block parts
 * @returns nothing; `out` holds the fields
 * @throws UnknownUnitError when the part names a block or unit the plan does not have
 * @throws ShapeError when a length disagrees with the batch, the plan and the part
 * @throws ValidationError when `plan` is not a compiled Plan, or `states` or `out` is not a typed array
 * @throws BinaryDataError (whole blocks) when a state value lies outside [0, 1]
 *
 * @example
 * ```ts
 * import { boltzmann } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { stepPartFieldsInto } from '@stochnet/inference';
 * const plan = compile(boltzmann(3, { seed: 1 }), { dtype: 'float64' });
 * const part = plan.schedules.gibbs[0]!.parts[0]!; // unit 0 of group 'x'
 * const out = new Float64Array(1);
 * stepPartFieldsInto(out, plan, Float64Array.of(0, 1, 1), 1, part);
 * const w = plan.weights[0]!.weights;
 * console.log(Math.abs(out[0]! - (plan.bias[0]! + w[1]! + w[2]!)) < 1e-12); // true
 * ```
 */
export function stepPartFieldsInto(out: FloatArray, plan: Plan, states: StateArray, batch: number, part: StepPart, opts?: PartFieldOptions): void {
  const fn = 'stepPartFieldsInto';
  checkPlan(fn, plan);
  const blk = part === null || typeof part !== 'object' ? undefined : plan.blocks[part.block];
  if (blk === undefined) {
    throw new UnknownUnitError(`${fn}: part must name a block of the plan (0..${plan.blocks.length - 1})`, { function: fn, argument: 'part' });
  }
  if (part.units === null) {
    blockFieldInto(out, plan, states, batch, part.block, { workspace: opts?.workspace, values: 'unit-interval' });
    return;
  }
  const units = part.units;
  const k = units.length;
  for (let t = 0; t < k; t++) {
    const i = units[t]!;
    if (!Number.isSafeInteger(i) || i < 0 || i >= blk.size) {
      throw new UnknownUnitError(`${fn}: part unit ${i} is not a unit of block ${part.block} (0..${blk.size - 1})`, {
        function: fn,
        block: part.block,
        unit: i,
      });
    }
  }
  if (!Number.isSafeInteger(batch) || batch <= 0) {
    throw new ShapeError(`${fn}: batch must be a positive integer, got ${String(batch)}`, { function: fn, argument: 'batch', received: batch });
  }
  if (!(states instanceof Float64Array || states instanceof Float32Array || states instanceof Uint8Array)) {
    throw new ValidationError(`${fn}: states must be a Float64Array, Float32Array or Uint8Array`, { function: fn, argument: 'states' });
  }
  if (!(out instanceof Float64Array || out instanceof Float32Array)) {
    throw new ValidationError(`${fn}: out must be a Float64Array or Float32Array`, { function: fn, argument: 'out' });
  }
  if (states.length !== batch * plan.size || out.length !== batch * k) {
    throw new ShapeError(`${fn}: states must hold batch × ${plan.size} and out batch × ${k} values`, {
      function: fn,
      expected: [batch * plan.size, batch * k],
      received: [states.length, out.length],
    });
  }
  partFields(out, plan, states, batch, part.block, units);
}

/** @internal The listed-units path of {@link stepPartFieldsInto}, unchecked (the sampler checked its inputs once). */
export function partFields(out: FloatArray, plan: Plan, states: StateArray, batch: number, block: number, units: Int32Array): void {
  const blk = plan.blocks[block]!;
  const k = units.length;
  for (let t = 0; t < k; t++) {
    const b = plan.bias[blk.offset + units[t]!]!;
    for (let r = 0; r < batch; r++) out[r * k + t] = b;
  }
  for (const w of blk.undirected) addCoupling(out, plan, w, block, units, states, batch);
  for (const w of blk.incoming) addCoupling(out, plan, w, block, units, states, batch);
}
