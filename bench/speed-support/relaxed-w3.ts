/**
 * Run by bench/speed.ts in a child process started with
 * `--experimental-wasm-relaxed-simd` (Node 20's flag for relaxed SIMD):
 * W3 on the relaxed build (fused multiply-adds), one and two threads,
 * float32 and float64, printed as one JSON line.
 */
import { createWasmBackend } from '@stochnet/wasm';
import { gemmRate } from '../speed-cases.js';

const runs = process.env['STOCHNET_BENCH_QUICK'] === '1' ? 3 : 9;
const one = await createWasmBackend({ relaxedSimd: true });
const two = await createWasmBackend({ relaxedSimd: true, threads: 2 });
const out: Record<string, unknown> = { relaxed: one.relaxedSimd && two.relaxedSimd, threads: two.threads };
for (const dtype of ['float32', 'float64'] as const) {
  out[dtype] = { 'wasm-relaxed': gemmRate(one, dtype, runs), 'wasm-2t-relaxed': gemmRate(two, dtype, runs) };
}
two.dispose();
console.log(JSON.stringify(out));
