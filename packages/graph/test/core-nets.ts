/**
 * Helpers for the core graph tests: raw (unvalidated) networks from parts,
 * and an order-insensitive, byte-exact canonical form of a network.
 */
import type { CouplingId, CouplingParams, CouplingSpec, GroupId, GroupSpec, Network } from '../src/types.js';

export interface RawGroup {
  readonly id: string;
  readonly size: number;
  readonly role?: string;
  readonly kind?: string;
  readonly shape?: unknown;
}

export interface RawCoupling {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly directed?: boolean;
  readonly connectivity?: string;
}

/**
 * A Network object straight from parts, without validation. Biases default
 * to zeros of the group's size; couplings without params get dense zeros.
 */
export function rawNet(
  groups: readonly RawGroup[],
  couplings: readonly RawCoupling[] = [],
  params: Readonly<Record<string, unknown>> = {},
  biases: Readonly<Record<string, unknown>> = {},
): Network {
  const size = new Map(groups.map((g) => [g.id, g.size]));
  const b = new Map<string, unknown>();
  for (const g of groups) {
    if (!b.has(g.id)) b.set(g.id, g.id in biases ? biases[g.id] : new Float64Array(Number.isSafeInteger(g.size) && g.size > 0 ? g.size : 0));
  }
  for (const [k, v] of Object.entries(biases)) if (!b.has(k)) b.set(k, v);
  const p = new Map<string, unknown>();
  for (const c of couplings) {
    if (c.id in params) p.set(c.id, params[c.id]);
    else p.set(c.id, { weights: new Float64Array((size.get(c.from) ?? 0) * (size.get(c.to) ?? 0)) });
  }
  return {
    structure: {
      groups: groups.map((g) => ({ kind: 'bernoulli', role: 'hidden', ...g }) as unknown as GroupSpec),
      couplings: couplings.map((c) => ({ directed: true, connectivity: 'dense', ...c }) as unknown as CouplingSpec),
    },
    biases: b as Map<GroupId, Float64Array>,
    couplings: p as Map<CouplingId, CouplingParams>,
  };
}

const bytes = (a: ArrayBufferView | undefined): number[] | undefined =>
  a === undefined ? undefined : Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The network's content with every list sorted by id and every array as bytes: equal iff the networks are the same graph. */
export function canonical(net: Network): unknown {
  return {
    groups: [...net.structure.groups].sort(byId).map((g) => ({ ...g })),
    couplings: [...net.structure.couplings].sort(byId).map((c) => ({ ...c })),
    biases: [...net.biases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, bytes(v)]),
    params: [...net.couplings]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, p]) => [k, { weights: bytes(p.weights), mask: bytes(p.mask), rows: bytes(p.rows), cols: bytes(p.cols) }]),
  };
}

/** The parameters of a coupling, which must exist. */
export function paramsOf(net: Network, id: string): CouplingParams {
  const p = net.couplings.get(id as CouplingId);
  if (p === undefined) throw new Error(`test: no coupling ${id}`);
  return p;
}

/** The biases of a group, which must exist. */
export function biasOf(net: Network, id: string): Float64Array {
  const b = net.biases.get(id as GroupId);
  if (b === undefined) throw new Error(`test: no group ${id}`);
  return b;
}
