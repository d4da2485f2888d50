/**
 * The base model of RBM annealed importance sampling: a "base-rate" RBM
 * with zero weights and zero hidden biases whose visible biases match the
 * data's smoothed unit means (Salakhutdinov & Murray 2008), and the checks
 * of the options that choose it.
 *
 * @module
 */
import { ConfigError, ShapeError } from '@stochnet/graph';
import type { StateArray } from '@stochnet/model';
import { checkData, checkOptionsObject, checkDataRows } from './checks.js';
import type { DataRows } from './checks.js';

/** Options of {@link baseRateBiases}. */
export interface BaseRateOptions {
  /** Pseudo-count α added to both the on and the off count of every unit; a positive number, default 1. */
  readonly smoothing?: number | undefined;
}

/** @internal The smoothing option, checked. */
function smoothingOf(fn: string, value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${fn}: option smoothing must be a positive finite number, got ${String(value)}`, { function: fn, option: 'smoothing', received: value });
  }
  return value;
}

function logits(data: StateArray, rows: number, cols: number, alpha: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let i = 0; i < cols; i++) out[i]! += data[r * cols + i]!;
  // log(m / (1 − m)) with m = (on + α) / (rows + 2α): both counts are positive, so the logit is finite.
  for (let i = 0; i < cols; i++) out[i] = Math.log(out[i]! + alpha) - Math.log(rows - out[i]! + alpha);
  return out;
}

/**
 * Visible biases of the base-rate model: the logits of the data's smoothed
 * unit means.
 *
 * @remarks
 * b_A,i = log(m_i / (1 − m_i)) with m_i = (Σ_r v_ri + α) / (rows + 2α), so
 * the base model p_A(v) = Π_i σ(b_A,i)^v_i σ(−b_A,i)^(1−v_i) matches the
 * data's marginals (Salakhutdinov & Murray 2008, §4.1). The pseudo-count α
 * (default 1) keeps every logit finite when a unit is always on or off.
 *
 * @param data - rows × cols 0/1 values, row-major
 * @param rows - number of rows
 * @param cols - number of columns (visible units)
 * @param opts - the smoothing pseudo-count
 * @returns cols logits
 * @throws ShapeError when `rows`, `cols` or the data length disagree
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError when `smoothing` is not a positive finite number
 *
 * @example
 * ```ts
 * import { baseRateBiases } from '@stochnet/inference';
 * const b = baseRateBiases(Uint8Array.of(1, 0, 1, 1), 2, 2);
 * console.log(b[0] === Math.log(3), b[1]); // true 0
 * ```
 */
export function baseRateBiases(data: StateArray, rows: number, cols: number, opts?: BaseRateOptions): Float64Array {
  const fn = 'baseRateBiases';
  if (typeof cols !== 'number' || !Number.isSafeInteger(cols) || cols <= 0) {
    throw new ShapeError(`${fn}: cols must be a positive integer, got ${String(cols)}`, { function: fn, argument: 'cols', received: cols });
  }
  checkData(fn, 'data', data, rows, cols);
  checkOptionsObject(fn, opts);
  return logits(data, rows, cols, smoothingOf(fn, opts?.smoothing));
}

/**
 * @internal The base model's visible biases from the `base` option: rows of
 * data (base rates, smoothed by `smoothing`), an explicit list of nv finite
 * biases, or (undefined) `fallback`.
 */
export function resolveBase(fn: string, base: unknown, smoothing: unknown, nv: number, fallback: () => Float64Array): Float64Array {
  const alpha = smoothingOf(fn, smoothing);
  if (base === undefined) return fallback();
  if (Array.isArray(base) || base instanceof Float64Array || base instanceof Float32Array) {
    if (base.length !== nv) {
      throw new ShapeError(`${fn}: option base has ${base.length} biases, expected one per visible unit (${nv})`, {
        function: fn,
        option: 'base',
        expected: nv,
        received: base.length,
      });
    }
    const out = new Float64Array(nv);
    for (let i = 0; i < nv; i++) {
      const b: unknown = base[i];
      if (typeof b !== 'number' || !Number.isFinite(b)) {
        throw new ConfigError(`${fn}: option base[${i}] must be a finite number, got ${String(b)}`, { function: fn, option: 'base', index: i, received: b });
      }
      out[i] = b;
    }
    return out;
  }
  checkDataRows(fn, 'base', base, nv);
  const d = base as DataRows;
  return logits(d.data, d.rows, nv, alpha);
}
