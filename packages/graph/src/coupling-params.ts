/**
 * Turning user-facing parameter inputs (numbers, nested arrays, typed arrays,
 * initialisers, pair lists) into the typed arrays a Network stores. Shared by
 * the builder and the edit functions.
 *
 * @module
 */
import { ConfigError, ShapeError, TooLargeError, ValidationError } from './errors.js';
import { type Initialiser, initialise, isInitialiser, isRandomInitialiser } from './init.js';
import { MAX_DENSE_WEIGHTS, MAX_GROUP_SIZE } from './limits.js';
import type { Rng } from './rng.js';
import { canonicalPairs, type SparsePair } from './sparse.js';
import type { Connectivity, CouplingParams } from './types.js';
import { finiteNumber, typeName } from './values.js';

/** A bias given as one number for every unit, one number per unit, or an initialiser. */
export type BiasInput = number | ArrayLike<number> | Initialiser;

/** Dense weights: a row-major Float64Array of `from.size × to.size`, or rows of numbers. */
export type WeightsInput = Float64Array | readonly (readonly number[])[];

/** A 0/1 connectivity mask: a row-major Uint8Array, or rows of 0s and 1s. */
export type MaskInput = Uint8Array | readonly (readonly number[])[];

/** How to couple two groups; every field is optional. */
export interface CouplingOptions {
  /** `true` for a Boltzmann (undirected) coupling; default directed (`from` are the parents). */
  readonly undirected?: boolean;
  /** The coupling id; default `${from}->${to}` (directed) or `${from}--${to}` (undirected). */
  readonly id?: string;
  /** How to fill dense or masked weights; default {@link zeros}. Random initialisers need a seed. */
  readonly init?: Initialiser;
  /** Explicit dense weights (instead of `init`). */
  readonly weights?: WeightsInput;
  /** Makes the coupling masked: only pairs where the mask is 1 are connected. */
  readonly mask?: MaskInput;
  /** Makes the coupling sparse with these unit pairs (instead of `init`, `weights` and `mask`). */
  readonly sparse?: readonly SparsePair[];
}

/** Where a coupling's parameters go: its id, direction and group sizes. */
export interface CouplingPlace {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly directed: boolean;
  readonly m: number;
  readonly n: number;
}

/** A lazily made stream for one parameter block; throws SeedError when the network has no seed. */
export type RngSource = () => Rng;

/**
 * An options argument as an object: `undefined` and `null` become `{}`.
 *
 * @throws ConfigError when `x` is not an object
 */
export function optionsOf<T extends object>(x: T | undefined | null, where: string): T {
  if (x === undefined || x === null) return {} as T;
  if (typeof x !== 'object' || Array.isArray(x)) {
    throw new ConfigError(`${where}: options must be an object, got ${typeName(x)}`, { option: 'options', received: typeName(x) });
  }
  return x;
}

/** The connectivity a set of options asks for. */
export function connectivityOf(opts: CouplingOptions): Connectivity {
  return opts.sparse !== undefined ? 'sparse' : opts.mask !== undefined ? 'masked' : 'dense';
}

/**
 * A fresh bias vector of length `size` from a bias input (default zeros).
 *
 * @throws NonFiniteError, ShapeError, ValidationError, ConfigError or SeedError naming the group
 */
export function makeBias(group: string, size: number, bias: BiasInput | undefined, rng: RngSource): Float64Array {
  if (size > MAX_GROUP_SIZE) {
    throw new TooLargeError(`group '${group}' has ${size} units, more than the limit ${MAX_GROUP_SIZE}`, { group, limit: MAX_GROUP_SIZE, received: size });
  }
  if (bias === undefined) return new Float64Array(size);
  if (typeof bias === 'number') return new Float64Array(size).fill(finiteNumber(bias, { group }, `bias of group '${group}'`));
  if (isInitialiser(bias)) return initialise(bias, size, isRandomInitialiser(bias) ? rng() : undefined);
  if (bias !== null && typeof bias === 'object' && 'kind' in bias) {
    throw new ConfigError(`bias of group '${group}' is not a valid initialiser; make one with zeros(), constant(v), normal(m, sd) ...`, { group, option: 'bias' });
  }
  if (bias === null || typeof bias !== 'object' || typeof (bias as ArrayLike<number>).length !== 'number') {
    throw new ValidationError(`bias of group '${group}' must be a number, an array of numbers or an initialiser, got ${typeName(bias)}`, { group, received: typeName(bias) });
  }
  const values = bias as ArrayLike<unknown>;
  if (values.length !== size) {
    throw new ShapeError(`bias of group '${group}' has length ${values.length}, expected ${size}`, { group, expected: size, received: values.length });
  }
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = finiteNumber(values[i], { group, index: i }, `bias ${group}[${i}]`);
  return out;
}

/** Copies rows of numbers (m × n) into a row-major array, checking shape and element type. */
function fromRows<T extends Float64Array | Uint8Array>(
  what: 'W' | 'mask',
  coupling: string,
  input: unknown,
  m: number,
  n: number,
  out: T,
  accept: (v: number) => boolean,
): T {
  const rows = input as readonly unknown[];
  const ragged = rows.findIndex((r) => !Array.isArray(r) || r.length !== n);
  if (rows.length !== m || ragged >= 0) {
    const got = ragged >= 0 && Array.isArray(rows[ragged])
      ? `row ${ragged} has ${(rows[ragged] as unknown[]).length} entries`
      : ragged >= 0 ? `row ${ragged} is not an array` : `shape ${rows.length}×${Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : '?'}`;
    throw new ShapeError(`${what} of coupling '${coupling}' has ${got}, expected shape ${m}×${n}`, { coupling, field: what, expected: [m, n], received: rows.length });
  }
  for (let i = 0; i < m; i++) {
    const row = rows[i] as readonly unknown[];
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !accept(v)) {
        const expected = what === 'mask' ? '0 or 1' : 'a number';
        throw new ValidationError(`${what}[${i}][${j}] of coupling '${coupling}' is ${typeof v === 'number' ? v : `a ${typeName(v)}`}; expected ${expected}`, {
          coupling,
          field: what,
          row: i,
          column: j,
          received: typeName(v),
        });
      }
      out[i * n + j] = v;
    }
  }
  return out;
}

/** Copies dense weights or a mask (typed array or rows) into a fresh row-major array, checking shape and element types. */
export function copyTyped<T extends Float64Array | Uint8Array>(what: 'W' | 'mask', coupling: string, input: unknown, m: number, n: number, ctor: { new (length: number): T; name: string }): T {
  if (input instanceof ctor) {
    if (input.length !== m * n) {
      throw new ShapeError(`${what} of coupling '${coupling}' has ${input.length} entries, expected shape ${m}×${n} (${m * n}, row-major)`, {
        coupling,
        field: what,
        expected: [m, n],
        received: input.length,
      });
    }
    const copy = new ctor(input.length);
    copy.set(input);
    return copy;
  }
  if (Array.isArray(input) && (input.length === 0 || Array.isArray(input[0]))) {
    const out = new ctor(m * n);
    return fromRows(what, coupling, input, m, n, out, what === 'mask' ? (v) => v === 0 || v === 1 : () => true);
  }
  throw new ValidationError(`${what} of coupling '${coupling}' must be a ${ctor.name} or an array of ${m} rows, got ${typeName(input)}`, {
    coupling,
    field: what,
    received: typeName(input),
  });
}

/** Dense weights from an initialiser; lateral undirected blocks are drawn for i < j and mirrored, diagonal 0. */
function initDense(place: CouplingPlace, init: Initialiser, rng: RngSource): Float64Array {
  const { m, n } = place;
  const source = (count: number): Float64Array => initialise(init, count, isRandomInitialiser(init) ? rng() : undefined);
  if (place.directed || place.from !== place.to) return source(m * n);
  const upper = source((n * (n - 1)) / 2);
  const w = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = upper[k++]!;
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  }
  return w;
}

/**
 * Fresh parameters for one coupling from its options.
 *
 * @throws ConfigError for conflicting options; ShapeError, ValidationError or SeedError naming the coupling
 */
export function makeCouplingParams(place: CouplingPlace, opts: CouplingOptions, rng: RngSource): CouplingParams {
  const { id, m, n } = place;
  const conflict = (a: string, b: string): never => {
    throw new ConfigError(`coupling '${id}': give either ${a} or ${b}, not both`, { coupling: id, option: b });
  };
  if (opts.sparse !== undefined) {
    for (const other of ['weights', 'mask', 'init'] as const) if (opts[other] !== undefined) conflict('sparse', other);
    return canonicalPairs(id, opts.sparse, !place.directed && place.from === place.to);
  }
  if (opts.init !== undefined && opts.weights !== undefined) conflict('init', 'weights');
  if (m * n > MAX_DENSE_WEIGHTS) {
    throw new TooLargeError(`coupling '${id}' would hold ${m}×${n} = ${m * n} weights, more than the limit ${MAX_DENSE_WEIGHTS}; use a sparse coupling`, {
      coupling: id,
      limit: MAX_DENSE_WEIGHTS,
      received: m * n,
    });
  }
  if (opts.init !== undefined && !isInitialiser(opts.init)) {
    throw new ConfigError(`coupling '${id}': init is not an initialiser; make one with zeros(), smallRandom() ...`, { coupling: id, option: 'init' });
  }
  const mask = opts.mask === undefined ? undefined : copyTyped('mask', id, opts.mask, m, n, Uint8Array);
  if (opts.weights !== undefined) {
    const weights = copyTyped('W', id, opts.weights, m, n, Float64Array);
    return mask === undefined ? { weights } : { weights, mask };
  }
  const weights = initDense(place, opts.init ?? { kind: 'zeros' }, rng);
  if (mask === undefined) return { weights };
  for (let k = 0; k < weights.length; k++) if (mask[k] === 0) weights[k] = 0;
  return { weights, mask };
}
