import { createWasmBackend } from '@stochnet/wasm';
import { jsBackend } from '@stochnet/model';
import type { Backend, GemmShape } from '@stochnet/model';
const wasm = await createWasmBackend();
const [M, K, N] = [100, 784, 500];
function rate(b: Backend, f64: boolean, ta = false, tb = false) {
  const mk = (n: number) => { const x = f64 ? new Float64Array(n) : new Float32Array(n); for (let i = 0; i < n; i++) x[i] = Math.sin(i) ; return x; };
  const a = mk(M * K), bb = mk(K * N), c = mk(M * N);
  const s: GemmShape = { m: M, n: N, k: K, transA: ta, transB: tb, alpha: 1, beta: 0 };
  for (let i = 0; i < 5; i++) b.gemm(c, a, bb, s);
  const ts: number[] = [];
  for (let r = 0; r < 15; r++) { const t0 = performance.now(); for (let i = 0; i < 5; i++) b.gemm(c, a, bb, s); ts.push((performance.now() - t0) / 5); }
  ts.sort((x, y) => x - y);
  return (2 * M * N * K / ts[0]! / 1e6).toFixed(1) + ' (best) ' + (2 * M * N * K / ts[7]! / 1e6).toFixed(1) + ' (median)';
}
for (const f64 of [false, true]) for (const b of [jsBackend, wasm]) console.log(b.name, f64 ? 'f64' : 'f32', rate(b, f64));
