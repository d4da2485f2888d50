/**
 * Reading a parsed saved-network document into a network's parts, collecting
 * every schema problem with its JSON path. Nothing is validated as a network
 * here (that is `makeNetwork`'s job); this only checks the file.
 *
 * @module
 */
import {
  DuplicateEdgeError,
  SchemaError,
  ShapeError,
  type StochnetError,
  TooLargeError,
  UnknownUnitError,
  VersionError,
} from './errors.js';
import { decodeArray, MAX_SAVED_ELEMENTS, type SavedArray } from './json-arrays.js';
import type {
  CouplingId,
  CouplingParams,
  CouplingSpec,
  GroupId,
  GroupRole,
  GroupSpec,
  Structure,
} from './types.js';
import { CONNECTIVITIES, GROUP_ROLES, isConnectivity, isGroupRole, isRecord, kindOf } from './values.js';
import { NETWORK_FORMAT_VERSION } from './version.js';

/** The tag every saved network carries in its `format` field. */
export const NETWORK_FORMAT = 'stochnet-network';

/** A saved network read into parts, ready for `makeNetwork`. */
export interface NetworkParts {
  readonly structure: Structure;
  readonly biases: ReadonlyMap<GroupId, Float64Array>;
  readonly couplings: ReadonlyMap<CouplingId, CouplingParams>;
  /** The stated integrity hash, if the file has one. */
  readonly sha256?: string;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const TOP_KEYS = ['format', 'formatVersion', 'libraryVersion', 'groups', 'couplings', 'biases', 'sha256'];
const GROUP_KEYS = ['id', 'size', 'kind', 'role', 'shape'];
const COUPLING_KEYS = ['id', 'from', 'to', 'directed', 'connectivity', 'weights', 'mask', 'rows', 'cols'];
const BIAS_KEYS = ['group', 'values'];

/**
 * Every `__proto__`, `constructor` or `prototype` key anywhere in the tree,
 * as SchemaErrors. Iterative, so deeply nested input cannot overflow the stack.
 */
export function forbiddenKeys(root: unknown): StochnetError[] {
  const issues: StochnetError[] = [];
  const stack: [unknown, string][] = [[root, '$']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN.has(key)) {
          issues.push(new SchemaError(`key '${key}' at ${path} is not allowed in a saved network`, { path: `${path}.${key}` }));
        } else {
          stack.push([value[key], `${path}.${key}`]);
        }
      }
    }
  }
  return issues;
}

class Reader {
  readonly issues: StochnetError[] = [];

  schema(path: string, what: string, received: unknown, expected?: unknown): undefined {
    const details = expected === undefined ? { path, received: kindOf(received) } : { path, expected, received };
    this.issues.push(new SchemaError(`${path} ${what}`, details));
    return undefined;
  }

  record(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.schema(path, 'must be an object', value);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.schema(`${path}.${key}`, 'is not a known key', key, allowed);
    }
    return value;
  }

  list(value: unknown, path: string): unknown[] | undefined {
    return Array.isArray(value) ? value : this.schema(path, 'must be a list', value);
  }

  text(value: unknown, path: string): string | undefined {
    return typeof value === 'string' && value.length > 0 ? value : this.schema(path, 'must be a non-empty string', value);
  }
}

/** Checks `format` and `formatVersion`; returns the blocking problem, if any. */
function readHeader(doc: Record<string, unknown>): StochnetError | undefined {
  if (doc.format !== NETWORK_FORMAT) {
    return new SchemaError(`$.format must be '${NETWORK_FORMAT}': this is not a saved stochnet network`, {
      path: '$.format',
      expected: NETWORK_FORMAT,
      received: doc.format === undefined ? 'missing' : doc.format,
    });
  }
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return new SchemaError('$.formatVersion must be a positive integer', {
      path: '$.formatVersion',
      expected: 'positive integer',
      received: version === undefined ? 'missing' : version,
    });
  }
  if (version > NETWORK_FORMAT_VERSION) {
    return new VersionError(
      `file format ${version} is newer than supported ${NETWORK_FORMAT_VERSION}; upgrade stochnet`,
      { path: '$.formatVersion', expected: NETWORK_FORMAT_VERSION, received: version },
    );
  }
  return undefined;
}

function readGroup(r: Reader, value: unknown, path: string): GroupSpec | undefined {
  const g = r.record(value, path, GROUP_KEYS);
  if (g === undefined) return undefined;
  const before = r.issues.length;
  const id = r.text(g.id, `${path}.id`);
  const size = g.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    r.issues.push(new ShapeError(`${path}.size must be a positive integer`, { path: `${path}.size`, received: size ?? 'missing' }));
  } else if (size > MAX_SAVED_ELEMENTS) {
    r.issues.push(new TooLargeError(`${path}.size ${size} exceeds the limit ${MAX_SAVED_ELEMENTS}`, { path: `${path}.size`, limit: MAX_SAVED_ELEMENTS, received: size }));
  }
  if (g.kind !== 'bernoulli') r.schema(`${path}.kind`, "must be 'bernoulli'", g.kind, 'bernoulli');
  if (!isGroupRole(g.role)) r.schema(`${path}.role`, 'must be a group role', g.role, GROUP_ROLES);
  const shape = g.shape;
  if (shape !== undefined && (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) > 0))) {
    r.schema(`${path}.shape`, 'must be a list of positive integers', shape);
  }
  if (r.issues.length > before) return undefined;
  const base = { id: id as GroupId, size: size as number, kind: 'bernoulli' as const, role: g.role as GroupRole };
  return shape === undefined ? base : { ...base, shape: [...(shape as number[])] };
}

function readCoupling(
  r: Reader,
  value: unknown,
  path: string,
  sizes: ReadonlyMap<string, number>,
): [CouplingSpec, CouplingParams] | undefined {
  const c = r.record(value, path, COUPLING_KEYS);
  if (c === undefined) return undefined;
  const before = r.issues.length;
  const id = r.text(c.id, `${path}.id`);
  const from = r.text(c.from, `${path}.from`);
  const to = r.text(c.to, `${path}.to`);
  if (typeof c.directed !== 'boolean') r.schema(`${path}.directed`, 'must be true or false', c.directed);
  const kind = c.connectivity;
  if (!isConnectivity(kind)) return r.schema(`${path}.connectivity`, 'must be a connectivity', c.connectivity, CONNECTIVITIES);
  for (const key of ['mask', 'rows', 'cols'] as const) {
    const wanted = key === 'mask' ? kind === 'masked' : kind === 'sparse';
    if (wanted !== (c[key] !== undefined)) {
      r.schema(`${path}.${key}`, wanted ? `is required for a ${kind} coupling` : `is not allowed for a ${kind} coupling`, c[key] ?? 'missing');
    }
  }
  if (r.issues.length > before) return undefined;
  const m = sizes.get(from!);
  const n = sizes.get(to!);
  const dense = m !== undefined && n !== undefined ? [m, n] : undefined;
  const tooLarge = dense !== undefined && m! * n! > MAX_SAVED_ELEMENTS;
  if (tooLarge && kind !== 'sparse') {
    r.issues.push(new TooLargeError(`${path} joins ${m}×${n} units densely, more than the limit ${MAX_SAVED_ELEMENTS}`, { path, limit: MAX_SAVED_ELEMENTS, received: [m, n] }));
    return undefined;
  }
  const weights = decodeArray(r.issues, c.weights, `${path}.weights`, 'float64', kind === 'sparse' ? undefined : dense);
  let params: CouplingParams | undefined;
  if (kind === 'dense') params = weights === undefined ? undefined : { weights: weights as Float64Array };
  else if (kind === 'masked') {
    const mask = decodeArray(r.issues, c.mask, `${path}.mask`, 'uint8', dense);
    if (weights !== undefined && mask !== undefined) params = { weights: weights as Float64Array, mask: mask as Uint8Array };
  } else {
    const pairs = weights === undefined ? undefined : [weights.length];
    const rows = decodeArray(r.issues, c.rows, `${path}.rows`, 'int32', pairs);
    const cols = decodeArray(r.issues, c.cols, `${path}.cols`, 'int32', pairs);
    if (weights !== undefined && rows !== undefined && cols !== undefined) {
      params = { weights: weights as Float64Array, rows: rows as Int32Array, cols: cols as Int32Array };
    }
  }
  if (params === undefined || r.issues.length > before) return undefined;
  const spec: CouplingSpec = { id: id as CouplingId, from: from as GroupId, to: to as GroupId, directed: c.directed as boolean, connectivity: kind };
  return [spec, params];
}

function readBiases(r: Reader, value: unknown, sizes: ReadonlyMap<string, number>, declared: ReadonlySet<unknown>): Map<GroupId, Float64Array> {
  const biases = new Map<GroupId, Float64Array>();
  const entries = r.list(value, '$.biases') ?? [];
  entries.forEach((entry, i) => {
    const path = `$.biases[${i}]`;
    const b = r.record(entry, path, BIAS_KEYS);
    const group = b === undefined ? undefined : r.text(b.group, `${path}.group`);
    if (b === undefined || group === undefined) return;
    if (!declared.has(group)) {
      r.issues.push(new UnknownUnitError(`${path} is a bias for group '${group}', which the file does not declare`, { path: `${path}.group`, group }));
      return;
    }
    if (biases.has(group as GroupId)) {
      r.issues.push(new DuplicateEdgeError(`${path} repeats the bias of group '${group}'`, { path: `${path}.group`, group }));
      return;
    }
    const size = sizes.get(group);
    const values: SavedArray | undefined = decodeArray(r.issues, b.values, `${path}.values`, 'float64', size === undefined ? undefined : [size]);
    if (values !== undefined) biases.set(group as GroupId, values as Float64Array);
  });
  return biases;
}

/**
 * Reads a parsed document into network parts, or returns every problem found
 * (format and version problems stop the reading; the rest are collected).
 */
export function readDocument(doc: unknown): { parts: NetworkParts } | { issues: [StochnetError, ...StochnetError[]] } {
  const r = new Reader();
  const root = r.record(doc, '$', TOP_KEYS);
  if (root === undefined) return { issues: r.issues as [StochnetError, ...StochnetError[]] };
  const header = readHeader(root);
  if (header !== undefined) return { issues: [header] };
  if (typeof root.libraryVersion !== 'string') r.schema('$.libraryVersion', 'must be a version string', root.libraryVersion);
  const sha = root.sha256;
  if (sha !== undefined && (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha))) {
    r.schema('$.sha256', 'must be 64 lowercase hex digits', sha);
  }
  const groups: GroupSpec[] = [];
  const sizes = new Map<string, number>();
  (r.list(root.groups, '$.groups') ?? []).forEach((value, i) => {
    const g = readGroup(r, value, `$.groups[${i}]`);
    if (g === undefined) return;
    if (sizes.has(g.id)) {
      r.issues.push(new DuplicateEdgeError(`$.groups[${i}] repeats group id '${g.id}'`, { path: `$.groups[${i}].id`, group: g.id }));
      return;
    }
    sizes.set(g.id, g.size);
    groups.push(g);
  });
  const specs: CouplingSpec[] = [];
  const params = new Map<CouplingId, CouplingParams>();
  (r.list(root.couplings, '$.couplings') ?? []).forEach((value, i) => {
    const read = readCoupling(r, value, `$.couplings[${i}]`, sizes);
    if (read === undefined) return;
    if (params.has(read[0].id)) {
      r.issues.push(new DuplicateEdgeError(`$.couplings[${i}] repeats coupling id '${read[0].id}'`, { path: `$.couplings[${i}].id`, coupling: read[0].id }));
      return;
    }
    specs.push(read[0]);
    params.set(read[0].id, read[1]);
  });
  // Ids of every group entry, sound or not, so a broken group does not make its bias look orphaned.
  const declared = new Set(Array.isArray(root.groups) ? root.groups.map((g) => (isRecord(g) ? g.id : undefined)) : []);
  const biases = readBiases(r, root.biases, sizes, declared);
  const [first, ...rest] = r.issues;
  if (first !== undefined) return { issues: [first, ...rest] };
  const structure: Structure = { groups, couplings: specs };
  return { parts: sha === undefined ? { structure, biases, couplings: params } : { structure, biases, couplings: params, sha256: sha as string } };
}
