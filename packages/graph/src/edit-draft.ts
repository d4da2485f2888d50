/**
 * The draft handed to a {@link mutate} recipe: structure edits through immer,
 * parameter edits copy-on-write, never touching the network being edited.
 *
 * @module
 */
import { type Draft, produce } from 'immer';
import type { EdgeOptions, LayerOptions } from './builder.js';
import {
  type BiasInput,
  type CouplingOptions,
  connectivityOf,
  copyTyped,
  makeBias,
  makeCouplingParams,
  optionsOf,
  type RngSource,
} from './coupling-params.js';
import { edgeCoupling, edgeWeight, findPairCoupling, seedRequired } from './edge-rules.js';
import { ConfigError, DuplicateEdgeError, SelfLoopError, ShapeError, UnknownUnitError, ValidationError } from './errors.js';
import { couplingId, groupId, resolveUnitIn } from './network.js';
import type { Rng } from './rng.js';
import { findPair, insertPair } from './sparse.js';
import type { CouplingId, CouplingParams, CouplingSpec, GroupId, GroupRole, GroupSpec, Network, Structure, UnitRef } from './types.js';
import { finiteNumber, isGroupRole, typeName } from './values.js';

/** Weights for {@link NetworkDraft.setWeights}: dense rows or Float64Array, or one value per pair of a sparse coupling. */
export type WeightValues = Float64Array | readonly (readonly number[])[] | ArrayLike<number>;

/**
 * The edits a {@link mutate} recipe can make. Every call checks its
 * arguments and throws at once on a bad one; the whole result is validated
 * when the recipe returns. Either way a failure leaves the input untouched.
 */
export interface NetworkDraft {
  /** Adds a group of `size` units (role default `'hidden'`, biases default 0). */
  addGroup(id: string, size: number, opts?: LayerOptions): void;
  /** Removes a group, its biases and every coupling that touches it. */
  removeGroup(id: string): void;
  /** Couples two existing groups (options as in the builder's `connect`). */
  addCoupling(from: string, to: string, opts?: CouplingOptions): void;
  /** Removes a coupling and its weights. */
  removeCoupling(id: string): void;
  /** Replaces a group's biases (one number, one per unit, or an initialiser). */
  setBias(group: string, values: BiasInput): void;
  /** Sets the bias of unit `i` of a group. */
  setBiasAt(group: string, i: number, value: number): void;
  /** Replaces a coupling's weights: `from.size × to.size` for dense/masked, one per pair for sparse. */
  setWeights(coupling: string, values: WeightValues): void;
  /** Sets W[i][j] (both W[i][j] and W[j][i] of a dense lateral coupling); on a sparse coupling, sets or adds the pair. */
  setWeight(coupling: string, i: number, j: number, weight: number): void;
  /** Adds a unit pair to the sparse coupling between the two units' groups (made on first use, ids as in the builder's `edge`); an existing pair is a DuplicateEdgeError. */
  addEdge(a: UnitRef, b: UnitRef, weight: number, opts?: EdgeOptions): void;
  /** Changes a group's role. */
  setRole(group: string, role: GroupRole): void;
}

function unitIndex(group: GroupSpec, i: unknown): number {
  if (typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0 || i >= group.size) {
    throw new UnknownUnitError(`unit ${group.id}[${String(i)}] does not exist: group '${group.id}' has units 0..${group.size - 1}`, {
      group: group.id,
      index: i,
      size: group.size,
    });
  }
  return i;
}

/** @internal */
export class DraftState implements NetworkDraft {
  structure: Structure;
  readonly biases: Map<GroupId, Float64Array>;
  readonly params: Map<CouplingId, CouplingParams>;
  paramsChanged = false;
  closed = false;
  private readonly owned = new WeakSet<object>();

  constructor(
    base: Network,
    private readonly root: Rng | undefined,
  ) {
    this.structure = base.structure;
    this.biases = new Map(base.biases);
    this.params = new Map(base.couplings);
  }

  private open(): void {
    if (this.closed) throw new ConfigError('this draft belongs to a finished mutate() call; make edits inside the recipe', {});
  }

  private source(label: string, place: Record<string, unknown>): RngSource {
    return () => this.root?.fork(label) ?? seedRequired(place);
  }

  private group(id: string): GroupSpec {
    this.open();
    const g = this.structure.groups.find((x) => x.id === id);
    if (g === undefined) throw new UnknownUnitError(`no group '${String(id)}' in the network`, { group: id });
    return g;
  }

  private coupling(id: string): { spec: CouplingSpec; params: CouplingParams; m: number; n: number } {
    this.open();
    const spec = this.structure.couplings.find((x) => x.id === id);
    const params = this.params.get(id as CouplingId);
    if (spec === undefined || params === undefined) throw new UnknownUnitError(`no coupling '${String(id)}' in the network`, { coupling: id });
    return { spec, params, m: this.group(spec.from).size, n: this.group(spec.to).size };
  }

  private edit(recipe: (d: Draft<Structure>) => void): void {
    this.structure = produce(this.structure, recipe);
  }

  private writable<T extends Float64Array>(a: T): T {
    if (this.owned.has(a)) return a;
    const copy = a.slice() as T;
    this.owned.add(copy);
    return copy;
  }

  /** Stores new parameters; `fresh` lists the arrays made by this draft (writable later). */
  private setParams(id: CouplingId, p: CouplingParams, fresh: readonly object[]): void {
    for (const a of fresh) this.owned.add(a);
    this.params.set(id, p);
    this.paramsChanged = true;
  }

  addGroup(id: string, size: number, options: LayerOptions = {}): void {
    this.open();
    const opts = optionsOf(options, 'addGroup');
    const gid = groupId(id);
    if (this.structure.groups.some((g) => g.id === gid)) throw new DuplicateEdgeError(`group '${gid}' already exists; choose another id`, { group: gid });
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) {
      throw new ShapeError(`group '${gid}' has size ${String(size)}; a size is a positive integer`, { group: gid, received: size });
    }
    const bias = makeBias(gid, size, opts.bias, this.source(`bias/${gid}`, { group: gid }));
    // A shape that is not an array is kept as given, for validation to report (spreading it could throw a TypeError).
    const shape = Array.isArray(opts.shape) ? [...opts.shape] : opts.shape;
    const spec = { id: gid, size, kind: 'bernoulli', role: opts.role ?? 'hidden', ...(shape === undefined ? {} : { shape }) } as GroupSpec;
    this.edit((d) => void d.groups.push(spec as Draft<GroupSpec>));
    this.biases.set(gid, bias);
    this.owned.add(bias);
    this.paramsChanged = true;
  }

  removeGroup(id: string): void {
    const g = this.group(id);
    const gone = this.structure.couplings.filter((c) => c.from === g.id || c.to === g.id).map((c) => c.id);
    this.edit((d) => {
      d.groups.splice(d.groups.findIndex((x) => x.id === g.id), 1);
      d.couplings = d.couplings.filter((c) => c.from !== g.id && c.to !== g.id);
    });
    this.biases.delete(g.id);
    for (const c of gone) this.params.delete(c);
    this.paramsChanged = true;
  }

  addCoupling(from: string, to: string, options: CouplingOptions = {}): void {
    const opts = optionsOf(options, 'addCoupling');
    const a = this.group(from), b = this.group(to);
    const directed = opts.undirected !== true;
    const id = couplingId(opts.id ?? `${a.id}${directed ? '->' : '--'}${b.id}`);
    if (this.structure.couplings.some((c) => c.id === id)) throw new DuplicateEdgeError(`coupling '${id}' already exists; choose another id`, { coupling: id });
    const place = { id, from: a.id, to: b.id, directed, m: a.size, n: b.size };
    const params = makeCouplingParams(place, opts, this.source(`init/${id}`, { coupling: id }));
    const spec: CouplingSpec = { id, from: a.id, to: b.id, directed, connectivity: connectivityOf(opts) };
    this.edit((d) => void d.couplings.push(spec));
    this.setParams(id, params, [params.weights, params.rows, params.cols, params.mask].filter((a) => a !== undefined));
  }

  removeCoupling(id: string): void {
    const { spec } = this.coupling(id);
    this.edit((d) => void d.couplings.splice(d.couplings.findIndex((c) => c.id === spec.id), 1));
    this.params.delete(spec.id);
    this.paramsChanged = true;
  }

  setBias(group: string, values: BiasInput): void {
    const g = this.group(group);
    const next = makeBias(g.id, g.size, values, this.source(`bias/${g.id}`, { group: g.id }));
    const old = this.biases.get(g.id);
    if (old !== undefined && old.length === next.length && old.every((v, k) => Object.is(v, next[k]))) return;
    this.owned.add(next);
    this.biases.set(g.id, next);
    this.paramsChanged = true;
  }

  setBiasAt(group: string, i: number, value: number): void {
    const g = this.group(group);
    const index = unitIndex(g, i);
    const v = finiteNumber(value, { group: g.id, index }, `bias ${g.id}[${index}]`);
    const old = this.biases.get(g.id);
    if (old === undefined || Object.is(old[index], v)) return;
    const b = this.writable(old);
    b[index] = v;
    this.biases.set(g.id, b);
    this.paramsChanged = true;
  }

  setWeights(coupling: string, values: WeightValues): void {
    const { spec, params, m, n } = this.coupling(coupling);
    if (spec.connectivity !== 'sparse') {
      const weights = copyTyped('W', spec.id, values, m, n, Float64Array);
      this.setParams(spec.id, { ...params, weights }, [weights]);
      return;
    }
    const nnz = params.weights.length;
    const list = values as ArrayLike<unknown>;
    if (list === null || typeof list !== 'object' || typeof list.length !== 'number') {
      throw new ValidationError(`weights of sparse coupling '${spec.id}' must be ${nnz} numbers, got ${typeName(values)}`, { coupling: spec.id, received: typeName(values) });
    }
    if (list.length !== nnz) throw new ShapeError(`sparse coupling '${spec.id}' has ${nnz} pairs but ${list.length} weights were given`, { coupling: spec.id, expected: nnz, received: list.length });
    const weights = new Float64Array(nnz);
    for (let k = 0; k < nnz; k++) {
      const v = list[k];
      if (typeof v !== 'number') throw new ValidationError(`weight ${k} of coupling '${spec.id}' is a ${typeName(v)}; expected a number`, { coupling: spec.id, pair: k, received: typeName(v) });
      weights[k] = v;
    }
    this.setParams(spec.id, { ...params, weights }, [weights]);
  }

  setWeight(coupling: string, i: number, j: number, weight: number): void {
    const { spec, params } = this.coupling(coupling);
    let r = unitIndex(this.group(spec.from), i), c = unitIndex(this.group(spec.to), j);
    const w = finiteNumber(weight, { coupling: spec.id, row: r, column: c }, `W[${r}][${c}] of coupling '${spec.id}'`);
    const lateral = !spec.directed && spec.from === spec.to;
    if (lateral && r === c) throw new SelfLoopError(`W[${r}][${r}] of lateral coupling '${spec.id}' would couple unit ${spec.from}[${r}] to itself`, { coupling: spec.id, index: r });
    if (spec.connectivity === 'sparse') {
      if (lateral && r > c) [r, c] = [c, r];
      const at = findPair(params.rows!, params.cols!, r, c);
      if (at < 0) return this.insert(spec.id, params, -at - 1, r, c, w);
      if (Object.is(params.weights[at], w)) return;
      const weights = this.writable(params.weights);
      weights[at] = w;
      return this.setParams(spec.id, { ...params, weights }, []);
    }
    const n = this.group(spec.to).size;
    if (params.mask !== undefined && params.mask[r * n + c] === 0) {
      throw new ValidationError(`pair (${r}, ${c}) is masked out of coupling '${spec.id}'; its weight must stay 0`, { coupling: spec.id, row: r, column: c });
    }
    if (Object.is(params.weights[r * n + c], w)) return;
    const weights = this.writable(params.weights);
    weights[r * n + c] = w;
    if (lateral) weights[c * n + r] = w;
    this.setParams(spec.id, { ...params, weights }, []);
  }

  addEdge(a: UnitRef, b: UnitRef, weight: number, options: EdgeOptions = {}): void {
    this.open();
    const opts = optionsOf(options, 'addEdge');
    const lookup = (id: string): GroupSpec | undefined => this.structure.groups.find((g) => g.id === id);
    const ua = resolveUnitIn(lookup, a), ub = resolveUnitIn(lookup, b);
    const undirected = opts.undirected === true;
    const w = edgeWeight(weight, ua, ub, undirected);
    const found = findPairCoupling(this.structure.couplings, ua.group, ub.group, !undirected);
    if (found === undefined) {
      const { id, from, to } = edgeCoupling(ua.group, ub.group, !undirected);
      const pair = from === ua.group ? [ua.index, ub.index, w] as const : [ub.index, ua.index, w] as const;
      this.addCoupling(from, to, { id, undirected, sparse: [pair] });
      return;
    }
    const { spec } = found;
    let [r, c] = found.swapped ? [ub.index, ua.index] : [ua.index, ub.index];
    if (!spec.directed && spec.from === spec.to && r > c) [r, c] = [c, r];
    const params = this.params.get(spec.id)!;
    const at = findPair(params.rows!, params.cols!, r, c);
    if (at >= 0) {
      throw new DuplicateEdgeError(`coupling '${spec.id}' already has pair (${r}, ${c}); change its weight with setWeight`, { coupling: spec.id, row: r, column: c });
    }
    this.insert(spec.id, params, -at - 1, r, c, w);
  }

  private insert(id: CouplingId, params: CouplingParams, at: number, r: number, c: number, w: number): void {
    const next = insertPair(params, at, r, c, w);
    this.setParams(id, next, [next.weights, next.rows!, next.cols!]);
  }

  setRole(group: string, role: GroupRole): void {
    const g = this.group(group);
    if (!isGroupRole(role)) throw new ValidationError(`role must be 'visible', 'hidden' or 'label', got ${String(role)}`, { group: g.id, received: role });
    this.edit((d) => {
      const spec = d.groups.find((x) => x.id === g.id)!;
      spec.role = role;
    });
  }
}
