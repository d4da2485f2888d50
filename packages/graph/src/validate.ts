/**
 * Whole-network validation: every problem at once, as typed, coded errors.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import {
  CycleError,
  DuplicateEdgeError,
  GraphStructureError,
  ShapeError,
  type StochnetError,
  throwIssues,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
} from './errors.js';
import type { CouplingId, CouplingParams, CouplingSpec, GroupId, GroupSpec, Network, Structure } from './types.js';
import { MAX_GROUP_SIZE } from './limits.js';
import { checkBias, checkCouplingParams } from './validate-params.js';
import { findDirectedCycle } from './directed-cycle.js';
import { isConnectivity, isGroupRole, isRecord, typeName } from './values.js';

function checkGroups(groups: readonly unknown[], issues: StochnetError[]): Map<string, { spec: GroupSpec; sizeOk: boolean }> {
  const found = new Map<string, { spec: GroupSpec; sizeOk: boolean }>();
  groups.forEach((g, k) => {
    if (!isRecord(g) || typeof g['id'] !== 'string' || g['id'] === '') {
      const received = isRecord(g) ? typeName(g['id']) : typeName(g);
      issues.push(new ValidationError(`groups[${k}] needs a non-empty string id, got ${received}`, { path: `groups[${k}]`, received }));
      return;
    }
    const group = g['id'];
    if (found.has(group)) {
      issues.push(new DuplicateEdgeError(`group id '${group}' is used twice; give each group its own id`, { group }));
      return;
    }
    const size = g['size'];
    const positive = typeof size === 'number' && Number.isSafeInteger(size) && size > 0;
    const sizeOk = positive && size <= MAX_GROUP_SIZE;
    if (!positive) {
      issues.push(new ShapeError(`group '${group}' has size ${String(size)}; a size is a positive integer`, { group, received: size }));
    } else if (!sizeOk) {
      issues.push(new TooLargeError(`group '${group}' has ${size} units, more than the limit ${MAX_GROUP_SIZE}`, { group, limit: MAX_GROUP_SIZE, received: size }));
    }
    if (g['kind'] !== 'bernoulli') {
      issues.push(new ValidationError(`group '${group}' has kind ${String(g['kind'])}; only 'bernoulli' units exist`, { group, expected: 'bernoulli', received: g['kind'] }));
    }
    if (!isGroupRole(g['role'])) {
      issues.push(new ValidationError(`group '${group}' has role ${String(g['role'])}; use 'visible', 'hidden' or 'label'`, { group, received: g['role'] }));
    }
    const shape = g['shape'];
    if (shape !== undefined) {
      const dims = Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d > 0);
      const product = dims ? (shape as number[]).reduce((a, b) => a * b, 1) : Number.NaN;
      if (!dims || (sizeOk && product !== size)) {
        issues.push(
          new ShapeError(`group '${group}' has shape ${JSON.stringify(shape)}, whose product is not its size ${String(size)}`, {
            group,
            expected: size,
            received: shape,
          }),
        );
      }
    }
    found.set(group, { spec: g as unknown as GroupSpec, sizeOk });
  });
  return found;
}

function pairKey(directed: boolean, a: string, b: string): string {
  if (directed) return `d\u0000${a}\u0000${b}`;
  return a <= b ? `u\u0000${a}\u0000${b}` : `u\u0000${b}\u0000${a}`;
}

/** Coupling specs whose own fields are sound and whose groups exist, for the parameter and cycle checks. */
function checkCouplings(couplings: readonly unknown[], groups: ReadonlyMap<string, unknown>, issues: StochnetError[]): CouplingSpec[] {
  const ids = new Set<string>();
  const pairs = new Map<string, string>();
  const sound: CouplingSpec[] = [];
  couplings.forEach((c, k) => {
    if (!isRecord(c) || typeof c['id'] !== 'string' || c['id'] === '') {
      const received = isRecord(c) ? typeName(c['id']) : typeName(c);
      issues.push(new ValidationError(`couplings[${k}] needs a non-empty string id, got ${received}`, { path: `couplings[${k}]`, received }));
      return;
    }
    const coupling = c['id'];
    if (ids.has(coupling)) {
      issues.push(new DuplicateEdgeError(`coupling id '${coupling}' is used twice; give each coupling its own id`, { coupling }));
      return;
    }
    ids.add(coupling);
    let ok = true;
    const { from, to, directed, connectivity } = c;
    if (typeof directed !== 'boolean') {
      issues.push(new ValidationError(`coupling '${coupling}' has directed = ${String(directed)}; it must be true or false`, { coupling, received: directed }));
      ok = false;
    }
    if (!isConnectivity(connectivity)) {
      issues.push(new ValidationError(`coupling '${coupling}' has connectivity ${String(connectivity)}; use 'dense', 'masked' or 'sparse'`, { coupling, received: connectivity }));
      ok = false;
    }
    for (const [end, g] of [['from', from], ['to', to]] as const) {
      if (typeof g !== 'string' || !groups.has(g)) {
        issues.push(new UnknownUnitError(`coupling '${coupling}' ${end} group '${String(g)}' does not exist; add the group first`, { coupling, group: g, end }));
        ok = false;
      }
    }
    if (!ok) return;
    const spec = c as unknown as CouplingSpec;
    if (spec.directed && from === to) {
      issues.push(
        new GraphStructureError(
          `directed coupling '${coupling}' joins group '${String(from)}' to itself; split the group into two groups and couple them`,
          { coupling, group: from },
        ),
      );
      return;
    }
    const mine = pairKey(spec.directed, spec.from, spec.to);
    const clashes = spec.directed
      ? [mine, pairKey(false, spec.from, spec.to)]
      : [mine, pairKey(true, spec.from, spec.to), pairKey(true, spec.to, spec.from)];
    const other = clashes.map((key) => pairs.get(key)).find((x) => x !== undefined);
    if (other !== undefined) {
      issues.push(
        new DuplicateEdgeError(
          `couplings '${other}' and '${coupling}' both join '${spec.from}' and '${spec.to}'; merge them into one coupling`,
          { coupling, other, from: spec.from, to: spec.to },
        ),
      );
    }
    pairs.set(mine, coupling);
    sound.push(spec);
  });
  return sound;
}

/** Every problem of a candidate network, in a fixed order: groups, couplings, cycles, biases, weights. */
function collectIssues(net: unknown): StochnetError[] {
  const issues: StochnetError[] = [];
  const n = isRecord(net) ? net : {};
  const s = n['structure'];
  if (!isRecord(s) || !Array.isArray(s['groups']) || !Array.isArray(s['couplings'])) {
    issues.push(new ValidationError('a network needs structure: { groups: [...], couplings: [...] }', { field: 'structure' }));
  }
  for (const field of ['biases', 'couplings'] as const) {
    if (!(n[field] instanceof Map)) {
      issues.push(new ValidationError(`a network's ${field} must be a Map, got ${typeName(n[field])}`, { field, received: typeName(n[field]) }));
    }
  }
  if (issues.length > 0) return issues;
  const structure = s as unknown as Structure;
  const biases = n['biases'] as ReadonlyMap<unknown, unknown>;
  const params = n['couplings'] as ReadonlyMap<unknown, unknown>;

  const groups = checkGroups(structure.groups, issues);
  const couplings = checkCouplings(structure.couplings, groups, issues);

  const dag: Structure = { groups: [...groups.values()].map((g) => g.spec), couplings: couplings.filter((c) => c.directed) };
  const cycle = findDirectedCycle(dag);
  if (cycle !== null) {
    issues.push(
      new CycleError(`directed couplings form a cycle ${cycle.join(' -> ')}; remove one of its couplings or make it undirected`, {
        cycle,
      }),
    );
  }

  for (const [id, { spec, sizeOk }] of groups) if (sizeOk) checkBias(id, spec.size, biases.get(id), issues);
  // Keys naming a group entry that failed its own checks were reported with it.
  const groupIds = new Set<unknown>(structure.groups.map((g) => (isRecord(g) ? g['id'] : undefined)));
  for (const key of biases.keys()) {
    if (typeof key !== 'string' || !groupIds.has(key)) {
      issues.push(new UnknownUnitError(`biases hold an entry for unknown group '${String(key)}'; remove it`, { group: key }));
    }
  }

  const ids = new Set<unknown>(structure.couplings.map((c) => (isRecord(c) ? c['id'] : undefined)));
  for (const spec of couplings) {
    const from = groups.get(spec.from)!, to = groups.get(spec.to)!;
    if (from.sizeOk && to.sizeOk) checkCouplingParams(spec, params.get(spec.id), from.spec.size, to.spec.size, issues);
  }
  for (const key of params.keys()) {
    if (typeof key !== 'string' || !ids.has(key)) {
      issues.push(new UnknownUnitError(`couplings hold parameters for unknown coupling '${String(key)}'; remove them`, { coupling: key }));
    }
  }
  return issues;
}

/**
 * Checks a network and collects every problem found.
 *
 * @remarks
 * Checks ids (non-empty, unique), sizes (positive integers), roles, kinds and
 * image shapes; coupling endpoints, directed self-couplings, couplings given
 * twice on one pair (an undirected pair in either order, or a directed and an
 * undirected coupling on one pair), directed cycles among groups; bias
 * lengths and finiteness; weight shapes (`from.size × to.size`, row-major),
 * finiteness, masks (0/1, weights zero where the mask is 0), lateral
 * symmetry (tolerance 0) and zero diagonals; sparse pairs (same lengths,
 * indices in range, sorted by (row, col), unique, lateral pairs with
 * row < col); and element types (Float64Array weights and biases,
 * Uint8Array masks, Int32Array indices). A group of more than 2^24 units is
 * a {@link TooLargeError}. Element-level problems are listed
 * one by one up to 16 per array and kind, then summarised in one more error
 * with `details.omitted`.
 *
 * @param net - the candidate network
 * @returns `Right(net)` when valid, otherwise `Left` with every problem in order
 *
 * @example
 * ```ts
 * import { validateNetwork, rbm, zeros } from '@stochnet/graph';
 * import * as E from 'fp-ts/lib/Either.js';
 * const net = rbm(3, 2, { init: zeros() });
 * console.log(E.isRight(validateNetwork(net))); // true
 * const bad = { ...net, biases: new Map([...net.biases].map(([k, b]) => [k, b.map(() => NaN)])) };
 * const r = validateNetwork(bad);
 * if (E.isLeft(r)) console.log(r.left.length, r.left[0].code); // 5 'NON_FINITE'
 * ```
 */
export function validateNetwork(net: Network): E.Either<NonEmptyArray<StochnetError>, Network> {
  const issues = collectIssues(net);
  return issues.length === 0 ? E.right(net) : E.left(issues as NonEmptyArray<StochnetError>);
}

/**
 * Checks a network and throws its first problem (all of them in `issues`).
 *
 * @param net - the candidate network
 * @returns `net` itself when it is valid
 * @throws the first {@link StochnetError} found by {@link validateNetwork}, every problem in its `issues`
 *
 * @example
 * ```ts
 * import { assertValidNetwork, sbn, zeros } from '@stochnet/graph';
 * const net = assertValidNetwork(sbn([4, 2], { init: zeros() }));
 * console.log(net.structure.couplings[0]?.id); // 'h1->v'
 * ```
 */
export function assertValidNetwork(net: Network): Network {
  const r = validateNetwork(net);
  if (E.isLeft(r)) throwAll(r.left);
  return net;
}

/**
 * {@link throwIssues} for fp-ts's NonEmptyArray.
 *
 * @internal
 */
export function throwAll(errors: NonEmptyArray<StochnetError>): never {
  return throwIssues(errors as unknown as readonly [StochnetError, ...StochnetError[]]);
}

function frozenCopy<T>(x: T): T {
  if (Array.isArray(x)) return Object.freeze(x.map(frozenCopy)) as T;
  if (isRecord(x) && Object.getPrototypeOf(x) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(x)) out[key] = frozenCopy(x[key]);
    return Object.freeze(out) as T;
  }
  return x;
}

function deeplyFrozen(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return true;
  return Object.isFrozen(x) && Object.values(x).every(deeplyFrozen);
}

/**
 * Builds a network from its parts and validates it.
 *
 * @remarks
 * The structure is used as it is when already deeply frozen (as immer's
 * results are), otherwise a frozen copy is made, so the caller's objects are
 * never changed. The parameter maps are copied; the typed arrays are not:
 * the caller hands them over and must not write them afterwards.
 *
 * @param structure - groups and couplings
 * @param biases - one Float64Array per group
 * @param couplings - parameters per coupling id
 * @returns `Right(network)` when valid, otherwise `Left` with every problem
 *
 * @example
 * ```ts
 * import { makeNetwork, groupId } from '@stochnet/graph';
 * import * as E from 'fp-ts/lib/Either.js';
 * const v = groupId('v');
 * const r = makeNetwork(
 *   { groups: [{ id: v, size: 2, kind: 'bernoulli', role: 'visible' }], couplings: [] },
 *   new Map([[v, new Float64Array([0.5, -0.5])]]),
 *   new Map(),
 * );
 * console.log(E.isRight(r)); // true
 * ```
 */
export function makeNetwork(
  structure: Structure,
  biases: ReadonlyMap<GroupId, Float64Array>,
  couplings: ReadonlyMap<CouplingId, CouplingParams>,
): E.Either<NonEmptyArray<StochnetError>, Network> {
  const candidate = {
    structure,
    biases: biases instanceof Map ? new Map(biases) : biases,
    couplings: couplings instanceof Map ? new Map(couplings) : couplings,
  } as Network;
  const issues = collectIssues(candidate);
  if (issues.length > 0) return E.left(issues as NonEmptyArray<StochnetError>);
  const frozen = deeplyFrozen(structure) ? structure : frozenCopy(structure);
  return E.right(Object.freeze({ ...candidate, structure: frozen }));
}
