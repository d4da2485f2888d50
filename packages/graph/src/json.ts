/**
 * Saving and loading networks as JSON: a versioned, canonical, bit-exact
 * format that states every array's dtype and shape, with an optional
 * integrity hash.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import { ConfigError, IntegrityError, ParseError, ShapeError, type StochnetError, throwIssues, ValidationError } from './errors.js';
import { integrityHash } from './integrity.js';
import { encodeArray } from './json-arrays.js';
import { forbiddenKeys, NETWORK_FORMAT, readDocument } from './json-read.js';
import type { CouplingSpec, GroupSpec, Network } from './types.js';
import { structureOf } from './network.js';
import { makeNetwork } from './validate.js';
import { LIBRARY_VERSION, NETWORK_FORMAT_VERSION } from './version.js';

/** Options of {@link toJSON}. */
export interface ToJSONOptions {
  /** Add a `sha256` integrity hash of the structure and every parameter (default `false`). */
  readonly integrity?: boolean;
  /**
   * Arrays of at most this many elements are written as plain JSON numbers;
   * larger ones as base64 of their little-endian bytes (default 64).
   */
  readonly inline?: number;
}

function readOptions(opts: unknown): { integrity: boolean; inline: number } {
  if (opts === undefined) return { integrity: false, inline: 64 };
  if (opts === null || typeof opts !== 'object') {
    throw new ConfigError('toJSON options must be an object such as { integrity: true }', { option: 'options', received: opts });
  }
  const { integrity = false, inline = 64 } = opts as Record<string, unknown>;
  if (typeof integrity !== 'boolean') {
    throw new ConfigError(`integrity must be true or false, got ${String(integrity)}`, { option: 'integrity', received: integrity });
  }
  if (typeof inline !== 'number' || !(Number.isSafeInteger(inline) || inline === Infinity) || inline < 0) {
    throw new ConfigError(`inline must be a non-negative integer (or Infinity), got ${String(inline)}`, { option: 'inline', received: inline });
  }
  return { integrity, inline };
}

function missing(what: string, details: Record<string, unknown>): ValidationError {
  return new ValidationError(`cannot save: ${what}; build networks with network(), the presets or makeNetwork()`, details);
}

/**
 * Writes a network as canonical JSON text.
 *
 * @remarks
 * Layout: `{ format: 'stochnet-network', formatVersion, libraryVersion,
 * groups, couplings, biases, sha256? }`, groups and couplings in the
 * network's order, biases as `[{ group, values }]` in group order, every key in a fixed
 * order. Every numeric array is `{ dtype, shape, encoding, data }`: dtype
 * `float64` (weights, biases), `uint8` (masks) or `int32` (sparse rows and
 * cols); `encoding: 'json'` with a list of numbers for arrays of at most
 * `inline` elements, otherwise `'base64'` of the little-endian bytes. Both
 * are bit-exact; -0 is written as 0. The same network value always gives the same
 * text, and loading it gives back a deep-equal network.
 *
 * @param net - the network to save
 * @param opts - `integrity` adds a SHA-256 of the structure and parameters; `inline` sets the inline limit
 * @returns the JSON text
 * @throws {@link NonFiniteError} naming the group or coupling and index of a NaN or ±Infinity (never writes `null`)
 * @throws {@link ValidationError} when `net` is not a Network, or a group's bias or a coupling's parameters are missing
 * @throws {@link ShapeError} when a bias or a dense coupling's weights or mask have the wrong length
 * @throws {@link ConfigError} for bad options
 *
 * @example
 * ```ts
 * import { toJSON, fromJSON, rbm } from '@stochnet/graph';
 * const net = rbm(4, 3, { seed: 7 });
 * const text = toJSON(net, { integrity: true });
 * console.log(toJSON(fromJSON(text), { integrity: true }) === text); // true
 * ```
 */
export function toJSON(net: Network, opts?: ToJSONOptions): string {
  const { integrity, inline } = readOptions(opts);
  // The network's own order, so that fromJSON(toJSON(net)) deep-equals net.
  const groups = structureOf(net, 'toJSON').groups;
  const couplings = net.structure.couplings;
  const sizes = new Map<string, number>(groups.map((g) => [g.id, g.size]));
  const doc: Record<string, unknown> = {
    format: NETWORK_FORMAT,
    formatVersion: NETWORK_FORMAT_VERSION,
    libraryVersion: LIBRARY_VERSION,
    groups: groups.map(writeGroup),
    couplings: couplings.map((c, i) => writeCoupling(net, c, i, sizes, inline)),
    biases: groups.map((g, i) => {
      const bias = net.biases.get(g.id);
      if (bias === undefined) throw missing(`group '${g.id}' has no bias`, { group: g.id });
      const path = `$.biases[${i}].values`;
      if (bias.length !== g.size) {
        throw new ShapeError(`cannot save: the bias of group '${g.id}' has ${bias.length} entries, expected ${g.size}`, {
          path,
          group: g.id,
          expected: g.size,
          received: bias.length,
        });
      }
      return { group: g.id, values: encodeArray(bias, 'float64', [bias.length], inline, { path, group: g.id }) };
    }),
  };
  if (integrity) doc.sha256 = integrityHash(net.structure, net.biases, net.couplings);
  return JSON.stringify(doc);
}

function writeGroup(g: GroupSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { id: g.id, size: g.size, kind: g.kind, role: g.role };
  if (g.shape !== undefined) out.shape = [...g.shape];
  return out;
}

function writeCoupling(net: Network, c: CouplingSpec, i: number, sizes: ReadonlyMap<string, number>, inline: number): Record<string, unknown> {
  const p = net.couplings.get(c.id);
  if (p === undefined) throw missing(`coupling '${c.id}' has no parameters`, { coupling: c.id });
  const path = `$.couplings[${i}]`;
  const out: Record<string, unknown> = { id: c.id, from: c.from, to: c.to, directed: c.directed, connectivity: c.connectivity };
  const place = (field: string): Record<string, unknown> => ({ path: `${path}.${field}`, coupling: c.id, field });
  if (c.connectivity === 'sparse') {
    const shape = [p.weights.length];
    out.weights = encodeArray(p.weights, 'float64', shape, inline, place('weights'));
    if (p.rows === undefined || p.cols === undefined) throw missing(`sparse coupling '${c.id}' has no rows/cols`, { coupling: c.id });
    out.rows = encodeArray(p.rows, 'int32', [p.rows.length], inline, place('rows'));
    out.cols = encodeArray(p.cols, 'int32', [p.cols.length], inline, place('cols'));
    return out;
  }
  const m = sizes.get(c.from) ?? 0;
  const n = sizes.get(c.to) ?? 0;
  const checked = (values: ArrayLike<number>, field: string): readonly number[] => {
    if (values.length === m * n) return [m, n];
    throw new ShapeError(`cannot save: ${field} of coupling '${c.id}' has ${values.length} entries, expected ${m}×${n}`, {
      ...place(field),
      expected: [m, n],
      received: values.length,
    });
  };
  out.weights = encodeArray(p.weights, 'float64', checked(p.weights, 'weights'), inline, place('weights'));
  if (c.connectivity === 'masked') {
    if (p.mask === undefined) throw missing(`masked coupling '${c.id}' has no mask`, { coupling: c.id });
    out.mask = encodeArray(p.mask, 'uint8', checked(p.mask, 'mask'), inline, place('mask'));
  }
  return out;
}

function parsePosition(e: unknown, text: string): number {
  const m = e instanceof Error ? /position (\d+)/.exec(e.message) : null;
  return m === null ? text.length : Number(m[1]);
}

/**
 * Reads a saved network, collecting every problem instead of throwing.
 *
 * @remarks
 * JSON syntax → {@link ParseError} with `details.position`; a root that is
 * not an object, a wrong `format`, a missing `formatVersion`, unknown or
 * missing keys, and any `__proto__` / `constructor` / `prototype` key →
 * {@link SchemaError} with `details.path` (a JSON path such as
 * `$.couplings[0].weights.shape`); a newer `formatVersion` →
 * {@link VersionError}; `null`, `1e400` or a string where a number belongs →
 * {@link NonFiniteError} / {@link ValidationError}; a declared shape that
 * disagrees with the data or the groups → {@link ShapeError}; declared sizes
 * above 2^28 elements → {@link TooLargeError} before anything is allocated;
 * repeated ids → {@link DuplicateEdgeError}; a wrong `sha256` →
 * {@link IntegrityError}. A file that reads cleanly is then validated as a
 * network (cycles, symmetry, masks, sparse pairs, …) by {@link makeNetwork}.
 * The parsed tree is only read, never merged into other objects, so no
 * prototype is ever touched.
 *
 * @param text - the JSON text, as written by {@link toJSON}
 * @returns `Right(network)`, or `Left` with every problem found
 *
 * @example
 * ```ts
 * import { parseNetwork, toJSON, rbm } from '@stochnet/graph';
 * import * as E from 'fp-ts/lib/Either.js';
 * console.log(E.isRight(parseNetwork(toJSON(rbm(3, 2, { seed: 1 }))))); // true
 * const r = parseNetwork('{"format":"stochnet-network","formatVersion":2}');
 * if (E.isLeft(r)) console.log(r.left[0].code); // 'VERSION'
 * ```
 */
export function parseNetwork(text: string): E.Either<NonEmptyArray<StochnetError>, Network> {
  if (typeof text !== 'string') {
    const received = text === null ? 'null' : typeof text;
    return E.left([new ParseError(`a saved network is JSON text, got ${received}`, { expected: 'string', received })]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const position = parsePosition(e, text);
    return E.left([new ParseError(`the text is not valid JSON near position ${position}`, { position, length: text.length })]);
  }
  const [polluting, ...more] = forbiddenKeys(doc);
  if (polluting !== undefined) return E.left([polluting, ...more]);
  const read = readDocument(doc);
  if ('issues' in read) return E.left(read.issues);
  const { structure, biases, couplings, sha256 } = read.parts;
  if (sha256 !== undefined) {
    const actual = integrityHash(structure, biases, couplings);
    if (actual !== sha256) {
      return E.left([
        new IntegrityError('the saved parameters do not match the file\'s sha256: the file was changed or damaged; restore it from a good copy', {
          path: '$.sha256',
          expected: sha256,
          received: actual,
        }),
      ]);
    }
  }
  return makeNetwork(structure, biases, couplings);
}

/**
 * Reads a saved network, throwing its first problem.
 *
 * @param text - the JSON text, as written by {@link toJSON}
 * @returns the network
 * @throws the first {@link StochnetError} {@link parseNetwork} finds (a {@link SerializationError} or {@link ValidationError} subclass, or a structure error), every problem in its `issues`
 *
 * @example
 * ```ts
 * import { fromJSON, toJSON, sbn, ParseError } from '@stochnet/graph';
 * const net = fromJSON(toJSON(sbn([6, 3], { seed: 2 })));
 * console.log(net.structure.couplings.map((c) => c.id)); // [ 'h1->v' ]
 * try {
 *   fromJSON('{"format":');
 * } catch (e) {
 *   console.log(e instanceof ParseError); // true
 * }
 * ```
 */
export function fromJSON(text: string): Network {
  const r = parseNetwork(text);
  if (E.isLeft(r)) {
    const [first, ...rest] = r.left;
    throwIssues([first, ...rest]);
  }
  return r.right;
}
