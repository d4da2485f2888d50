/**
 * Hand-built networks for the compiler tests: plain values, independent of
 * the builder, so the order of groups and couplings is fully controlled.
 */
import type { Connectivity, CouplingId, CouplingParams, GroupId, GroupRole, Network } from '@stochnet/graph';

export interface G {
  readonly id: string;
  readonly size: number;
  readonly role?: GroupRole;
  readonly bias?: readonly number[];
  readonly shape?: readonly number[];
}

export interface C {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly directed?: boolean;
  readonly connectivity?: Connectivity;
  readonly weights?: readonly number[];
  readonly mask?: readonly number[];
  readonly rows?: readonly number[];
  readonly cols?: readonly number[];
}

/** A deterministic non-zero value for parameter k of something named `name`. */
export function value(name: string, k: number): number {
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 1009;
  return ((h + 13 * k) % 97) / 16 - 3;
}

/** Builds a network from plain descriptions, filling unspecified parameters deterministically. */
export function makeNet(groups: readonly G[], couplings: readonly C[] = []): Network {
  const size = new Map(groups.map((g) => [g.id, g.size]));
  const biases = new Map<GroupId, Float64Array>();
  for (const g of groups) {
    biases.set(g.id as GroupId, Float64Array.from(g.bias ?? Array.from({ length: g.size }, (_, i) => value(g.id, i))));
  }
  const params = new Map<CouplingId, CouplingParams>();
  for (const c of couplings) {
    const connectivity = c.connectivity ?? 'dense';
    const m = size.get(c.from)!;
    const n = size.get(c.to)!;
    const lateral = c.from === c.to && c.directed !== true;
    if (connectivity === 'sparse') {
      const rows = c.rows ?? [];
      const weights = c.weights ?? rows.map((_, k) => value(c.id, k));
      params.set(c.id as CouplingId, {
        weights: Float64Array.from(weights),
        rows: Int32Array.from(rows),
        cols: Int32Array.from(c.cols ?? []),
      });
      continue;
    }
    const mask = connectivity === 'masked' ? Uint8Array.from(c.mask ?? []) : undefined;
    const w = Float64Array.from(c.weights ?? Array.from({ length: m * n }, (_, k) => value(c.id, k)));
    if (c.weights === undefined) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          if (lateral) w[i * n + j] = i === j ? 0 : value(c.id, Math.min(i, j) * n + Math.max(i, j));
          if (mask !== undefined && mask[i * n + j] === 0) w[i * n + j] = 0;
        }
      }
    }
    params.set(c.id as CouplingId, mask === undefined ? { weights: w } : { weights: w, mask });
  }
  const structure = Object.freeze({
    groups: Object.freeze(
      groups.map((g) =>
        Object.freeze({
          id: g.id as GroupId,
          size: g.size,
          kind: 'bernoulli' as const,
          role: g.role ?? 'hidden',
          ...(g.shape === undefined ? {} : { shape: Object.freeze([...g.shape]) }),
        }),
      ),
    ),
    couplings: Object.freeze(
      couplings.map((c) =>
        Object.freeze({
          id: c.id as CouplingId,
          from: c.from as GroupId,
          to: c.to as GroupId,
          directed: c.directed ?? false,
          connectivity: c.connectivity ?? 'dense',
        }),
      ),
    ),
  });
  return Object.freeze({ structure, biases, couplings: params });
}

/** A deep snapshot of every typed array a network holds, to check it was not written. */
export function snapshot(net: Network): unknown {
  return {
    biases: [...net.biases].map(([k, b]) => [k, Array.from(b)]),
    couplings: [...net.couplings].map(([k, p]) => [
      k,
      Array.from(p.weights),
      p.mask ? Array.from(p.mask) : null,
      p.rows ? Array.from(p.rows) : null,
      p.cols ? Array.from(p.cols) : null,
    ]),
  };
}

/** Checkerboard Ising grid of side `n`: one group 'x' with a sparse lateral of nearest-neighbour pairs. */
export function isingGrid(n: number): Network {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      if (c + 1 < n) rows.push(i), cols.push(i + 1);
      if (r + 1 < n) rows.push(i), cols.push(i + n);
    }
  }
  return makeNet([{ id: 'x', size: n * n, role: 'visible' }], [{ id: 'x--x', from: 'x', to: 'x', connectivity: 'sparse', rows, cols }]);
}
