/**
 * The exact expected CD-k gradient of an RBM (TESTING.md D5), built from the
 * library's own conditionals: the visible-to-visible block-Gibbs kernel
 * T(v → v') = Σ_h p(h | v) p(v' | h) is assembled by enumeration, and the
 * point mass at each data vector is pushed through T^k.
 *
 * With the chain's hidden and visible units sampled and the final hidden
 * statistics taken as p(h | v_k) (the library's CD with
 * `sampleVisible: true`), E[CD_k] = mean over data rows of
 * v0·p(h | v0)ᵀ − Σ_v' (δ_v0 T^k)(v') · v'·p(h | v')ᵀ (same for biases).
 *
 * Everything is float64, in the plan's Gradient layout (plan kind rbm,
 * dense coupling).
 */
import { exactMoments, hiddenGivenVisible, visibleGivenHidden, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan } from '@stochnet/model';

/** The plan's RBM sides: visible and hidden offsets and sizes, and the weight orientation. */
export interface Sides {
  readonly nv: number;
  readonly nh: number;
  readonly visOff: number;
  readonly hidOff: number;
  /** W stored nv×nh (visible is the coupling's `from`). */
  readonly visIsFrom: boolean;
}

export function sidesOf(plan: Plan): Sides {
  const vis = plan.blocks.findIndex((b) => b.role === 'visible');
  const hid = 1 - vis;
  return {
    nv: plan.blocks[vis]!.size,
    nh: plan.blocks[hid]!.size,
    visOff: plan.blocks[vis]!.offset,
    hidOff: plan.blocks[hid]!.offset,
    visIsFrom: plan.weights[0]!.from === vis,
  };
}

/** Bit i of x as unit i's value. */
export function bits(x: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (x >> i) & 1);
}

/** Index of the weight joining visible i and hidden j in the plan's weight block. */
export function weightIndex(s: Sides, i: number, j: number): number {
  return s.visIsFrom ? i * s.nh + j : j * s.nv + i;
}

/** g += scale · statistics of (v, h) in the plan's layout. */
export function addStats(g: Gradient, s: Sides, v: ArrayLike<number>, h: ArrayLike<number>, scale: number): void {
  for (let i = 0; i < s.nv; i++) g.bias[s.visOff + i]! += scale * v[i]!;
  for (let j = 0; j < s.nh; j++) g.bias[s.hidOff + j]! += scale * h[j]!;
  for (let i = 0; i < s.nv; i++) for (let j = 0; j < s.nh; j++) g.weights[0]![weightIndex(s, i, j)]! += scale * v[i]! * h[j]!;
}

/** The visible kernel T (V×V, V = 2^nv, row-major) and p(h | v) for every visible state. */
export function visibleKernel(plan: Plan): { T: Float64Array; ph: Float64Array[] } {
  const s = sidesOf(plan);
  const V = 2 ** s.nv;
  const H = 2 ** s.nh;
  const ph = Array.from({ length: V }, (_, v) => hiddenGivenVisible(plan, bits(v, s.nv)));
  const pv = Array.from({ length: H }, (_, h) => visibleGivenHidden(plan, bits(h, s.nh)));
  const joint = (p: Float64Array, x: number, n: number): number => {
    let q = 1;
    for (let i = 0; i < n; i++) q *= (x >> i) & 1 ? p[i]! : 1 - p[i]!;
    return q;
  };
  const T = new Float64Array(V * V);
  for (let v = 0; v < V; v++) {
    for (let h = 0; h < H; h++) {
      const a = joint(ph[v]!, h, s.nh);
      for (let w = 0; w < V; w++) T[v * V + w]! += a * joint(pv[h]!, w, s.nv);
    }
  }
  return { T, ph };
}

/** Index of a 0/1 visible row as a state number (unit 0 = bit 0). */
export function stateIndex(row: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < row.length; i++) x |= (row[i]! ? 1 : 0) << i;
  return x;
}

/** E[CD_k] for `rows` data rows (rows × nv, 0/1), exactly. */
export function expectedCd(plan: Plan, data: ArrayLike<number>, rows: number, k: number): Gradient {
  const s = sidesOf(plan);
  const V = 2 ** s.nv;
  const { T, ph } = visibleKernel(plan);
  const g = zeroGradient(plan);
  for (let r = 0; r < rows; r++) {
    const v0 = stateIndex(Array.from({ length: s.nv }, (_, i) => data[r * s.nv + i]!));
    addStats(g, s, bits(v0, s.nv), ph[v0]!, 1 / rows);
    let dist = new Float64Array(V);
    dist[v0] = 1;
    for (let t = 0; t < k; t++) {
      const next = new Float64Array(V);
      for (let v = 0; v < V; v++) {
        const p = dist[v]!;
        if (p === 0) continue;
        for (let w = 0; w < V; w++) next[w]! += p * T[v * V + w]!;
      }
      dist = next;
    }
    for (let w = 0; w < V; w++) if (dist[w]! > 0) addStats(g, s, bits(w, s.nv), ph[w]!, -dist[w]! / rows);
  }
  return g;
}

/** All 19 (for 4v×3h) gradient components as one array: biases in layout order, then weights. */
export function flatten(g: Gradient): Float64Array {
  return Float64Array.from([...g.bias, ...g.weights.flatMap((w) => Array.from(w))]);
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** |λ₂| of T by power iteration on T − 1·π (the deflated kernel), π its stationary row. */
export function secondEigenvalue(T: Float64Array, V: number): number {
  let pi = new Float64Array(V).fill(1 / V);
  for (let t = 0; t < 5000; t++) {
    const next = new Float64Array(V);
    for (let v = 0; v < V; v++) for (let w = 0; w < V; w++) next[w]! += pi[v]! * T[v * V + w]!;
    pi = next;
  }
  // Power iteration on row vectors x ↦ x(T − 1π): x orthogonal to constants stays so.
  let x = Float64Array.from({ length: V }, (_, i) => ((i * 7919) % 13) - 6);
  let lambda = 0;
  for (let t = 0; t < 2000; t++) {
    const y = new Float64Array(V);
    for (let v = 0; v < V; v++) for (let w = 0; w < V; w++) y[w]! += x[v]! * T[v * V + w]!;
    let s = 0;
    for (let w = 0; w < V; w++) s += y[w]!;
    for (let w = 0; w < V; w++) y[w]! -= s * pi[w]!;
    const norm = Math.hypot(...y);
    const prev = Math.hypot(...x);
    lambda = norm / prev;
    x = y.map((z) => z / norm);
  }
  return lambda;
}

/** The exact model statistics E[s_i], E[s_i s_j] of an undirected plan with dense couplings, in its Gradient layout. */
export function modelStatistics(plan: Plan): Gradient {
  const { mean, second } = exactMoments(plan);
  const n = plan.size;
  const g = zeroGradient(plan);
  g.bias.set(mean);
  plan.weights.forEach((w, k) => {
    const a = plan.blocks[w.from]!.offset;
    const b = plan.blocks[w.to]!.offset;
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < w.cols; j++) g.weights[k]![i * w.cols + j] = w.from === w.to && i === j ? 0 : second[(a + i) * n + b + j]!;
    }
  });
  return g;
}
