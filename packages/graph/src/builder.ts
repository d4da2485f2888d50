/**
 * The fluent, immutable network builder: `network().layer(...).connect(...).build()`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import {
  type BiasInput,
  type CouplingOptions,
  connectivityOf,
  makeBias,
  makeCouplingParams,
  optionsOf,
  type RngSource,
} from './coupling-params.js';
import { edgeCoupling, edgeWeight, findPairCoupling, seedRequired } from './edge-rules.js';
import { type StochnetError, ValidationError } from './errors.js';
import { MAX_GROUP_SIZE } from './limits.js';
import { resolveUnitIn } from './network.js';
import { createRng, type Rng, type Seed } from './rng.js';
import type { SparsePair } from './sparse.js';
import type { CouplingId, CouplingParams, CouplingSpec, GroupId, GroupRole, GroupSpec, Network, UnitRef } from './types.js';
import { makeNetwork, throwAll } from './validate.js';

/** Options of {@link NetworkBuilder.layer}. */
export interface LayerOptions {
  /** What the group is for; default `'hidden'`. */
  readonly role?: GroupRole;
  /** Biases: one number, one per unit, or an initialiser; default zeros. */
  readonly bias?: BiasInput;
  /** Image shape whose product is the size, e.g. `[28, 28]`. */
  readonly shape?: readonly number[];
}

/** Options of {@link NetworkBuilder.unit}. */
export interface UnitOptions {
  /** The unit's bias (or an initialiser); default 0. */
  readonly bias?: BiasInput;
  /** What the unit is for; default `'hidden'`. */
  readonly role?: GroupRole;
}

/** Options of {@link NetworkBuilder.edge}. */
export interface EdgeOptions {
  /** `true` for a Boltzmann (undirected) pair; default directed (a is the parent). */
  readonly undirected?: boolean;
}

/** Options of {@link network}. */
export interface BuilderOptions {
  /** The seed of every random initialiser; none means random initialisers are an error. */
  readonly seed?: Seed;
}

/**
 * An immutable network builder: every method returns a new builder and
 * leaves this one as it was. Arrays passed in are read when the network is built.
 */
export interface NetworkBuilder {
  /**
   * Adds a group (layer) of `size` units.
   *
   * @param id - the group id
   * @param size - number of units, a positive integer
   * @param opts - role, bias and image shape
   * @returns a new builder
   */
  layer(id: string, size: number, opts?: LayerOptions): NetworkBuilder;
  /**
   * Adds a named single unit (a group of size 1).
   *
   * @param id - the unit's id (its group id)
   * @param opts - bias and role
   * @returns a new builder
   */
  unit(id: string, opts?: UnitOptions): NetworkBuilder;
  /**
   * Couples two groups (dense unless a mask or sparse pairs are given).
   *
   * @param from - the parent group (directed) or first group (undirected)
   * @param to - the child group (directed) or second group (undirected)
   * @param opts - direction, id, initialiser or explicit weights, mask, sparse pairs
   * @returns a new builder
   */
  connect(from: string, to: string, opts?: CouplingOptions): NetworkBuilder;
  /**
   * Adds one unit pair to the sparse coupling between the groups of `a` and
   * `b`, made on first use with id `ga->gb` (directed) or, undirected, the
   * two group ids in code-unit order joined by `--`, so naming the ends in
   * either order gives the same coupling.
   *
   * @param a - the parent (directed) or first unit
   * @param b - the child (directed) or second unit
   * @param weight - the pair's weight, a finite number
   * @param opts - direction
   * @returns a new builder
   */
  edge(a: UnitRef, b: UnitRef, weight: number, opts?: EdgeOptions): NetworkBuilder;
  /**
   * Builds and validates the network.
   *
   * @returns the network
   * @throws the first {@link StochnetError} found, with every problem in its `issues`
   */
  build(): Network;
  /**
   * Builds and validates the network, collecting every problem.
   *
   * @returns `Right(network)`, or `Left` with every problem found
   */
  buildEither(): E.Either<NonEmptyArray<StochnetError>, Network>;
}

type Step =
  | { readonly kind: 'group'; readonly id: string; readonly size: number; readonly opts: LayerOptions }
  | { readonly kind: 'connect'; readonly from: string; readonly to: string; readonly opts: CouplingOptions }
  | { readonly kind: 'edge'; readonly a: UnitRef; readonly b: UnitRef; readonly weight: number; readonly undirected: boolean };

// A persistent list, newest first, so each builder call is O(1).
interface Chain {
  readonly step: Step;
  readonly prev: Chain | undefined;
}

interface CouplingRecord {
  spec: CouplingSpec;
  opts: CouplingOptions;
  pairs: SparsePair[] | undefined;
}

class Builder implements NetworkBuilder {
  constructor(
    private readonly seed: string | undefined,
    private readonly chain: Chain | undefined,
  ) {}

  private with(step: Step): NetworkBuilder {
    return new Builder(this.seed, { step, prev: this.chain });
  }

  layer(id: string, size: number, opts: LayerOptions = {}): NetworkBuilder {
    return this.with({ kind: 'group', id, size, opts: { ...optionsOf(opts, 'layer') } });
  }

  unit(id: string, opts: UnitOptions = {}): NetworkBuilder {
    return this.with({ kind: 'group', id, size: 1, opts: { ...optionsOf(opts, 'unit') } });
  }

  connect(from: string, to: string, opts: CouplingOptions = {}): NetworkBuilder {
    return this.with({ kind: 'connect', from, to, opts: { ...optionsOf(opts, 'connect') } });
  }

  edge(a: UnitRef, b: UnitRef, weight: number, opts: EdgeOptions = {}): NetworkBuilder {
    return this.with({ kind: 'edge', a, b, weight, undirected: optionsOf(opts, 'edge').undirected === true });
  }

  build(): Network {
    const r = this.buildEither();
    if (E.isLeft(r)) throwAll(r.left);
    return r.right;
  }

  buildEither(): E.Either<NonEmptyArray<StochnetError>, Network> {
    const steps: Step[] = [];
    for (let c = this.chain; c !== undefined; c = c.prev) steps.push(c.step);
    return assemble(this.seed, steps.reverse());
  }
}

function assemble(seed: string | undefined, steps: readonly Step[]): E.Either<NonEmptyArray<StochnetError>, Network> {
  const issues: StochnetError[] = [];
  const attempt = <T>(f: () => T, fallback: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof Error && 'code' in e)) throw e;
      issues.push(e as StochnetError);
      return fallback();
    }
  };
  const root: Rng | undefined = seed === undefined ? undefined : createRng(seed);
  const source = (label: string, place: Record<string, unknown>): RngSource => () => root?.fork(label) ?? seedRequired(place);

  const groups: GroupSpec[] = [];
  const table = new Map<string, GroupSpec>();
  const biases = new Map<GroupId, Float64Array>();
  for (const s of steps) {
    if (s.kind !== 'group') continue;
    const spec = {
      id: s.id as GroupId,
      size: s.size,
      kind: 'bernoulli',
      role: s.opts.role ?? 'hidden',
      ...(s.opts.shape === undefined ? {} : { shape: Array.isArray(s.opts.shape) ? [...s.opts.shape] : s.opts.shape }),
    } as GroupSpec;
    groups.push(spec);
    if (table.has(s.id)) continue;
    table.set(s.id, spec);
    // Bad and too-large sizes are reported by validation; nothing is allocated for them.
    if (!Number.isSafeInteger(s.size) || s.size <= 0 || s.size > MAX_GROUP_SIZE) continue;
    const bias = attempt(() => makeBias(s.id, s.size, s.opts.bias, source(`bias/${s.id}`, { group: s.id })), () => new Float64Array(s.size));
    biases.set(spec.id, bias);
  }

  const records: CouplingRecord[] = [];
  for (const s of steps) {
    if (s.kind !== 'connect') continue;
    const directed = s.opts.undirected !== true;
    const id = (s.opts.id ?? `${s.from}${directed ? '->' : '--'}${s.to}`) as CouplingId;
    const spec: CouplingSpec = { id, from: s.from as GroupId, to: s.to as GroupId, directed, connectivity: connectivityOf(s.opts) };
    const sparse: unknown = s.opts.sparse;
    if (sparse !== undefined && !Array.isArray(sparse)) {
      issues.push(new ValidationError(`sparse pairs of coupling '${id}' must be an array of [row, col, weight]`, { coupling: id, option: 'sparse' }));
    }
    records.push({ spec, opts: s.opts, pairs: sparse === undefined ? undefined : Array.isArray(sparse) ? [...(sparse as SparsePair[])] : [] });
  }
  const lookup = (id: string): GroupSpec | undefined => table.get(id);
  for (const s of steps) {
    if (s.kind !== 'edge') continue;
    attempt(() => {
      const a = resolveUnitIn(lookup, s.a), b = resolveUnitIn(lookup, s.b);
      const w = edgeWeight(s.weight, a, b, s.undirected);
      const found = findPairCoupling(records.map((r) => r.spec), a.group, b.group, !s.undirected);
      if (found === undefined) {
        const { id, from, to } = edgeCoupling(a.group, b.group, !s.undirected);
        const spec: CouplingSpec = { id, from, to, directed: !s.undirected, connectivity: 'sparse' };
        records.push({ spec, opts: {}, pairs: [from === a.group ? [a.index, b.index, w] : [b.index, a.index, w]] });
        return;
      }
      const record = records.find((r) => r.spec === found.spec)!;
      record.pairs!.push(found.swapped ? [b.index, a.index, w] : [a.index, b.index, w]);
    }, () => undefined);
  }

  const params = new Map<CouplingId, CouplingParams>();
  const couplings: CouplingSpec[] = [];
  for (const { spec, opts, pairs } of records) {
    const from = table.get(spec.from), to = table.get(spec.to);
    const sized = from !== undefined && to !== undefined && [from.size, to.size].every((x) => Number.isSafeInteger(x) && x > 0 && x <= MAX_GROUP_SIZE);
    if (!sized || params.has(spec.id)) {
      couplings.push(spec);
      continue;
    }
    const place = { id: spec.id, from: spec.from, to: spec.to, directed: spec.directed, m: from.size, n: to.size };
    const made = attempt<CouplingParams | undefined>(
      () => makeCouplingParams(place, pairs === undefined ? opts : { ...opts, sparse: pairs }, source(`init/${spec.id}`, { coupling: spec.id })),
      () => undefined,
    );
    // A coupling whose parameters could not be made stands in as an empty sparse one, so it raises no second error.
    couplings.push(made === undefined ? { ...spec, connectivity: 'sparse' } : spec);
    params.set(spec.id, made ?? { weights: new Float64Array(0), rows: new Int32Array(0), cols: new Int32Array(0) });
  }

  const built = makeNetwork({ groups, couplings }, biases, params);
  if (issues.length === 0) return built;
  const all = E.isLeft(built) ? [...issues, ...built.left] : issues;
  return E.left(all as NonEmptyArray<StochnetError>);
}

/**
 * Starts building a network.
 *
 * @remarks
 * Groups are made first, then couplings, then edges, whatever order the
 * calls came in, so the same calls in another order build the same network.
 * Each random parameter block draws from its own substream of the seed
 * (`init/<coupling id>`, `bias/<group id>`), so adding a coupling never
 * changes another's values. There is no default seed: a random initialiser
 * without one is a {@link SeedError}. Sparse pairs are stored sorted (lateral
 * pairs with row < col); a pair given twice is a {@link DuplicateEdgeError}.
 * Limits, checked before allocating: 2^24 units per group and 2^27 weights
 * per dense or masked coupling ({@link TooLargeError}).
 *
 * @param options - `{ seed }` for random initialisers
 * @returns an empty builder
 * @throws {@link SeedError} when the seed is not a string or safe integer
 *
 * @example
 * ```ts
 * import { network, smallRandom } from '@stochnet/graph';
 * const net = network({ seed: 42 })
 *   .layer('v', 6, { role: 'visible' })
 *   .layer('h', 3)
 *   .connect('v', 'h', { undirected: true, init: smallRandom() })
 *   .build();
 * console.log(net.couplings.get(net.structure.couplings[0]!.id)!.weights.length); // 18
 *
 * const sprinkler = network()
 *   .unit('rain', { bias: -1 })
 *   .unit('wet')
 *   .edge('rain', 'wet', 1.2)
 *   .build();
 * console.log(sprinkler.structure.couplings[0]?.id); // 'rain->wet'
 * ```
 */
export function network(options: BuilderOptions = {}): NetworkBuilder {
  const { seed: given } = optionsOf(options, 'network');
  const seed = given === undefined ? undefined : createRng(given).seed;
  return new Builder(seed, undefined);
}
