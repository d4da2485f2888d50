/**
 * Small networks built straight from parts (through makeNetwork, not the
 * builder), and an order-insensitive network equality, for the view and JSON tests.
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { makeNetwork } from '../src/validate.js';
import type { Connectivity, CouplingId, CouplingParams, CouplingSpec, GroupId, GroupSpec, Network } from '../src/types.js';

export interface CouplingInput {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly directed?: boolean;
  readonly weights?: readonly number[];
  readonly mask?: readonly number[];
  readonly pairs?: readonly (readonly [number, number, number])[];
}

/** Builds and validates a network: groups as [id, size]; dense couplings get distinct small weights. */
export function makeNet(groups: readonly (readonly [string, number])[], couplings: readonly CouplingInput[] = []): Network {
  const sizes = new Map(groups);
  const specs: GroupSpec[] = groups.map(([id, size], k) => ({ id: id as GroupId, size, kind: 'bernoulli', role: k === 0 ? 'visible' : 'hidden' }));
  const biases = new Map<GroupId, Float64Array>(groups.map(([id, size], k) => [id as GroupId, Float64Array.from({ length: size }, (_, i) => 0.25 * (i - k))]));
  const params = new Map<CouplingId, CouplingParams>();
  const links: CouplingSpec[] = couplings.map((c) => {
    const m = sizes.get(c.from)!, n = sizes.get(c.to)!;
    const connectivity: Connectivity = c.pairs ? 'sparse' : c.mask ? 'masked' : 'dense';
    const lateral = c.from === c.to;
    let p: CouplingParams;
    if (c.pairs) {
      p = {
        weights: Float64Array.from(c.pairs, (q) => q[2]),
        rows: Int32Array.from(c.pairs, (q) => q[0]),
        cols: Int32Array.from(c.pairs, (q) => q[1]),
      };
    } else {
      const w = c.weights
        ? Float64Array.from(c.weights)
        : Float64Array.from({ length: m * n }, (_, k) => {
            const i = Math.floor(k / n), j = k % n;
            return lateral ? (i === j ? 0 : 0.1 * (i + j + 1)) : 0.01 * (k + 1) * (k % 2 === 0 ? 1 : -1);
          });
      if (c.mask) c.mask.forEach((bit, k) => { if (bit === 0) w[k] = 0; });
      p = c.mask ? { weights: w, mask: Uint8Array.from(c.mask) } : { weights: w };
    }
    params.set(c.id as CouplingId, p);
    return { id: c.id as CouplingId, from: c.from as GroupId, to: c.to as GroupId, directed: c.directed ?? true, connectivity };
  });
  const r = makeNetwork({ groups: specs, couplings: links }, biases, params);
  if (E.isLeft(r)) throw r.left[0];
  return r.right;
}

/** An unvalidated Network object, for inputs that validation would refuse. */
export function rawNet(groups: readonly (readonly [string, number])[], couplings: readonly { id: string; from: string; to: string; directed: boolean }[]): Network {
  return {
    structure: {
      groups: groups.map(([id, size]) => ({ id: id as GroupId, size, kind: 'bernoulli' as const, role: 'hidden' as const })),
      couplings: couplings.map((c) => ({ ...c, id: c.id as CouplingId, from: c.from as GroupId, to: c.to as GroupId, connectivity: 'dense' as const })),
    },
    biases: new Map(),
    couplings: new Map(),
  };
}

function bytes(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

/** The network as plain, order-free data: specs sorted by id, arrays as their bytes and type. */
export function canonical(net: Network): unknown {
  const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // -0 is normalised to +0 (JSON writes -0 as 0), as TESTING.md B.5.1 says.
  const arr = (a: ArrayBufferView | undefined): unknown =>
    a === undefined ? undefined : [a.constructor.name, bytes(a instanceof Float64Array ? a.map((v) => (v === 0 ? 0 : v)) : a)];
  return {
    groups: byId(net.structure.groups),
    couplings: byId(net.structure.couplings),
    biases: [...net.biases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, arr(v)]),
    params: [...net.couplings]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, p]) => [k, Object.keys(p).sort(), arr(p.weights), arr(p.mask), arr(p.rows), arr(p.cols)]),
  };
}

/** Asserts two networks are equal up to the (meaningless) order of groups and couplings, bit for bit. */
export function expectSameNetwork(actual: Network, expected: Network): void {
  expect(canonical(actual)).toEqual(canonical(expected));
}
