/**
 * Reference computations straight from a Network's typed arrays, independent
 * of the compiler and of the plan-based math: the layout rule (groups sorted
 * by id in code-unit order), energies, fields and chain-graph
 * log-probabilities by brute force over each group-level chain component.
 */
import type { CouplingSpec, Network } from '@stochnet/graph';

/** Offsets of each group in the state vector: groups sorted by id (code-unit order). */
export function refLayout(net: Network): { n: number; offset: Map<string, number>; size: Map<string, number> } {
  const groups = [...net.structure.groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offset = new Map<string, number>();
  const size = new Map<string, number>();
  let n = 0;
  for (const g of groups) {
    offset.set(g.id, n);
    size.set(g.id, g.size);
    n += g.size;
  }
  return { n, offset, size };
}

/** Σ over the coupling's unit pairs of w·s_a·s_b (a lateral undirected pair once). */
export function couplingSum(net: Network, c: CouplingSpec, s: ArrayLike<number>): number {
  const L = refLayout(net);
  const p = net.couplings.get(c.id)!;
  const a0 = L.offset.get(c.from)!;
  const b0 = L.offset.get(c.to)!;
  const m = L.size.get(c.from)!;
  const n = L.size.get(c.to)!;
  let sum = 0;
  if (c.connectivity === 'sparse') {
    for (let k = 0; k < p.weights.length; k++) sum += p.weights[k]! * s[a0 + p.rows![k]!]! * s[b0 + p.cols![k]!]!;
    return sum;
  }
  const lateral = !c.directed && c.from === c.to;
  for (let i = 0; i < m; i++) {
    for (let j = lateral ? i + 1 : 0; j < n; j++) {
      if (p.mask !== undefined && p.mask[i * n + j] === 0) continue;
      sum += p.weights[i * n + j]! * s[a0 + i]! * s[b0 + j]!;
    }
  }
  return sum;
}

/** −E(s) for a network whose couplings are all undirected. */
export function refNegEnergy(net: Network, s: ArrayLike<number>): number {
  const L = refLayout(net);
  let e = 0;
  for (const g of net.structure.groups) {
    const b = net.biases.get(g.id)!;
    for (let i = 0; i < g.size; i++) e += b[i]! * s[L.offset.get(g.id)! + i]!;
  }
  for (const c of net.structure.couplings) {
    if (c.directed) throw new Error('refNegEnergy: directed coupling');
    e += couplingSum(net, c, s);
  }
  return e;
}

/** Group-level chain components: groups joined by undirected couplings. */
export function refComponents(net: Network): string[][] {
  const parent = new Map(net.structure.groups.map((g) => [g.id as string, g.id as string]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const c of net.structure.couplings) if (!c.directed) parent.set(find(c.from), find(c.to));
  const comps = new Map<string, string[]>();
  for (const g of net.structure.groups) {
    const r = find(g.id);
    comps.set(r, [...(comps.get(r) ?? []), g.id]);
  }
  return [...comps.values()];
}

/** −E_C(s; pa): undirected pairs inside C, biases of C, directed couplings into C. */
function negEnergyOf(net: Network, comp: readonly string[], s: ArrayLike<number>): number {
  const L = refLayout(net);
  const inC = new Set(comp);
  let e = 0;
  for (const g of comp) {
    const b = net.biases.get(g as never)!;
    for (let i = 0; i < b.length; i++) e += b[i]! * s[L.offset.get(g)! + i]!;
  }
  for (const c of net.structure.couplings) {
    if (c.directed ? inC.has(c.to) : inC.has(c.from) && inC.has(c.to)) e += couplingSum(net, c, s);
  }
  return e;
}

function unitsOf(net: Network, comp: readonly string[]): number[] {
  const L = refLayout(net);
  return comp.flatMap((g) => Array.from({ length: L.size.get(g)! }, (_, i) => L.offset.get(g)! + i));
}

function lse(xs: readonly number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
}

/** log p(s) by the chain-graph formula, each component's log Z(pa) by brute force. */
export function refLogJoint(net: Network, s: ArrayLike<number>): number {
  let lp = 0;
  const t = Array.from(s);
  for (const comp of refComponents(net)) {
    const units = unitsOf(net, comp);
    const terms: number[] = [];
    for (let x = 0; x < 2 ** units.length; x++) {
      units.forEach((u, k) => (t[u] = (x >> k) & 1));
      terms.push(negEnergyOf(net, comp, t));
    }
    units.forEach((u) => (t[u] = s[u]!));
    lp += negEnergyOf(net, comp, t) - lse(terms);
  }
  return lp;
}

/** State x (bit i = unit i) as a Float64Array of n units. */
export function stateOf(x: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (x >> i) & 1);
}

/** refLogJoint of every state, indexed by bits. */
export function refLogProbabilities(net: Network): Float64Array {
  const n = refLayout(net).n;
  return Float64Array.from({ length: 2 ** n }, (_, x) => refLogJoint(net, stateOf(x, n)));
}

/** The own field of unit u (bias + undirected neighbours + parents), as a difference of −E_C. */
export function refField(net: Network, s: ArrayLike<number>, u: number): number {
  const comp = refComponents(net).find((c) => unitsOf(net, c).includes(u))!;
  const t = Array.from(s);
  t[u] = 1;
  const on = negEnergyOf(net, comp, t);
  t[u] = 0;
  return on - negEnergyOf(net, comp, t);
}
