import { boltzmann, normal, rbm } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
const sig = (x: number) => 1 / (1 + Math.exp(-x));
for (const sd of [0.5]) {
const plan = compile(boltzmann(6, { seed: 'M1', init: normal(0, sd), bias: normal(0, sd) }), { dtype: 'float64' });
const W = plan.weights[0]!.weights, b = plan.bias, n = 6;
const pi = Array.from(exactLogProbabilities(plan), Math.exp);
console.log('min pi', Math.min(...pi));
const field = (s: number[], i: number, nobias = false) => { let x = nobias ? 0 : b[i]!; for (let j = 0; j < n; j++) x += W[i * n + j]! * s[j]!; return x; };
const bits = (x: number) => Array.from({ length: n }, (_, i) => (x >> i) & 1);
const idx = (s: number[]) => s.reduce((a, v, i) => a | (v << i), 0);
// distribution after one sweep of a kernel given as (state)=> distribution over next (via enumeration of sequential randomness)
type Upd = (s: number[], old: number[], i: number) => number; // returns p(s_i=1)
function sweepDist(start: number[], upd: Upd, order: number[], clampMask = 0, restore = false): number[] {
  const out = new Array(64).fill(0);
  for (let x = 0; x < 64; x++) {
    if (start[x] === 0) continue;
    let dist = new Map<number, number>([[x, start[x]!]]);
    const old = bits(x);
    for (const i of order) {
      if ((clampMask >> i) & 1 && !restore) continue;
      const nd = new Map<number, number>();
      for (const [y, p] of dist) {
        const s = bits(y);
        const q = upd(s, old, i);
        const s1 = [...s]; s1[i] = 1; const s0 = [...s]; s0[i] = 0;
        nd.set(idx(s1), (nd.get(idx(s1)) ?? 0) + p * q);
        nd.set(idx(s0), (nd.get(idx(s0)) ?? 0) + p * (1 - q));
      }
      dist = nd;
    }
    for (const [y, p] of dist) { let yy = y; if (restore) { yy = (y & ~clampMask) | (x & clampMask); } out[yy] += p; }
  }
  return out;
}
const order = [0, 1, 2, 3, 4, 5];
const tv = (p: number[], q: number[]) => p.reduce((a, v, k) => a + Math.abs(v - q[k]!), 0) / 2;
const chi = (p: number[], q: number[]) => p.reduce((a, v, k) => a + (v - q[k]!) ** 2 / q[k]!, 0);
const report = (name: string, d: number[], ref = pi) => console.log(sd, name, 'TV', tv(d, ref).toFixed(4), 'chi2div', chi(d, ref).toFixed(4), 'lambda@2e5', (chi(d, ref) * 2e5).toFixed(0));
report('correct', sweepDist(pi, (s, o, i) => sig(field(s, i)), order));
report('sync', sweepDist(pi, (s, o, i) => sig(field(o, i)), order));
for (let u = 0; u < 6; u++) report('nobias' + u + ' b=' + b[u]!.toFixed(3), sweepDist(pi, (s, o, i) => sig(field(s, i, i === u)), order));
// stale: unit i reads unit i-1 at old value
report('stale prev', sweepDist(pi, (s, o, i) => { const t = [...s]; if (i > 0) t[i - 1] = o[i - 1]!; return sig(field(t, i)); }, order));
// stale: last unit reads everything old
report('stale last', sweepDist(pi, (s, o, i) => sig(field(i === 5 ? o : s, i)), order));
report('stale unit0 for all', sweepDist(pi, (s, o, i) => { const t = [...s]; t[0] = o[0]!; return sig(field(t, i)); }, order));
// S5 clamped 0,1 = (1,0)
const cm = 0b11, cv = 0b01;
const cond = pi.map((p, x) => ((x & cm) === cv ? p : 0)); const z = cond.reduce((a, v) => a + v, 0); const condN = cond.map(v => v / z);
report('S5 correct', sweepDist(condN, (s, o, i) => sig(field(s, i)), order, cm), condN);
report('S5 resampled+restored', sweepDist(condN, (s, o, i) => sig(field(s, i)), order, cm, true), condN);
// long run stationary of resampled+restored: iterate
let d = condN; for (let t = 0; t < 60; t++) d = sweepDist(d, (s, o, i) => sig(field(s, i)), order, cm, true);
report('S5 resampled+restored stationary', d, condN);
let d2 = pi; for (let t = 0; t < 60; t++) d2 = sweepDist(d2, (s, o, i) => sig(field(o, i)), order);
report('sync stationary', d2);
let d3 = pi; for (let t = 0; t < 60; t++) d3 = sweepDist(d3, (s, o, i) => sig(field(s, i, i === 0)), order);
report('nobias0 stationary', d3);
let d4 = pi; for (let t = 0; t < 60; t++) d4 = sweepDist(d4, (s, o, i) => { const t2 = [...s]; if (i > 0) t2[i - 1] = o[i - 1]!; return sig(field(t2, i)); }, order);
report('stale prev stationary', d4);
}
{
const plan = compile(boltzmann(6, { seed: 'M1', init: normal(0, 0.5), bias: normal(0, 0.5) }), { dtype: 'float64' });
const W = plan.weights[0]!.weights, b = plan.bias, n = 6;
const pi = Array.from(exactLogProbabilities(plan), Math.exp);
const sig = (x: number) => 1 / (1 + Math.exp(-x));
// kernel matrix
const K: number[][] = [];
for (let x = 0; x < 64; x++) {
  let d = new Map([[x, 1]]);
  for (let i = 0; i < 6; i++) { const nd = new Map<number, number>(); for (const [y, p] of d) { let f = b[i]!; for (let j = 0; j < 6; j++) f += W[i*6+j]! * ((y >> j) & 1); const q = sig(f); const y1 = y | (1 << i), y0 = y & ~(1 << i); nd.set(y1, (nd.get(y1) ?? 0) + p*q); nd.set(y0, (nd.get(y0) ?? 0) + p*(1-q)); } d = nd; }
  const row = new Array(64).fill(0); for (const [y, p] of d) row[y] = p; K.push(row);
}
let rows = K.map(r => [...r]);
for (let t = 1; t <= 50; t++) {
  const worst = Math.max(...rows.map(r => r.reduce((a, v, k) => a + Math.abs(v - pi[k]!), 0) / 2));
  if ([1, 5, 10, 20, 30, 50].includes(t)) console.log('t', t, 'worst TV', worst);
  rows = rows.map(r => pi.map((_, k) => r.reduce((a, v, y) => a + v * K[y]![k]!, 0)));
}
}
