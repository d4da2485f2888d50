/**
 * GEMM benchmark: the `js` backend's blocked GEMM against a naive triple loop
 * on the shape of one RBM step on MNIST, a 100×784 batch times a 784×500
 * weight matrix, in float32 and float64. Reports GFLOP/s (2·m·n·k flops per
 * product) as the median of several timed runs after a warm-up.
 */
import { createRng } from '@stochnet/graph';
import { jsBackend } from '@stochnet/model';
import type { FloatArray, GemmShape } from '@stochnet/model';

const M = 100;
const K = 784;
const N = 500;
const RUNS = 5;
const WARMUP = 3;

/** The textbook triple loop (i, j, then the dot product over p), C ← A·B. */
function naiveGemm(c: FloatArray, a: FloatArray, b: FloatArray, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

interface Figures {
  blocked: number;
  naive: number;
  maxAbsDiff: number;
}

function measure(make: (len: number) => FloatArray): Figures {
  const rng = createRng('bench/gemm');
  const a = make(M * K), b = make(K * N);
  for (let i = 0; i < a.length; i++) a[i] = rng.next() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = rng.next() - 0.5;
  const c = make(M * N), ref = make(M * N);
  const shape: GemmShape = { m: M, n: N, k: K, transA: false, transB: false, alpha: 1, beta: 0 };
  const blockedRun = (): void => jsBackend.gemm(c, a, b, shape);
  const naiveRun = (): void => naiveGemm(ref, a, b, M, N, K);
  for (let w = 0; w < WARMUP; w++) {
    blockedRun();
    naiveRun();
  }
  // Interleaved, so a change in machine load shifts both figures alike.
  const tBlocked: number[] = [], tNaive: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    tBlocked.push(seconds(blockedRun));
    tNaive.push(seconds(naiveRun));
  }
  const gflop = (2 * M * N * K) / 1e9;
  const blocked = gflop / median(tBlocked);
  const naive = gflop / median(tNaive);
  let maxAbsDiff = 0;
  for (let i = 0; i < c.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(c[i]! - ref[i]!));
  return { blocked, naive, maxAbsDiff };
}

/**
 * Runs the benchmark and prints one line per precision: blocked and naive
 * GFLOP/s, their ratio, and the largest difference between the two results.
 *
 * @returns the figures per precision, for callers that record them
 */
export async function run(): Promise<Record<'float32' | 'float64', Figures>> {
  console.log(`C = A·B with A ${M}×${K}, B ${K}×${N}; median of ${RUNS} interleaved runs after ${WARMUP} warm-ups`);
  const out = {
    float32: measure((len) => new Float32Array(len)),
    float64: measure((len) => new Float64Array(len)),
  };
  for (const [dtype, f] of Object.entries(out)) {
    console.log(
      `  ${dtype}: blocked ${f.blocked.toFixed(2)} GFLOP/s, naive ${f.naive.toFixed(2)} GFLOP/s, ` +
        `ratio ${(f.blocked / f.naive).toFixed(1)}×, max |diff| ${f.maxAbsDiff.toExponential(1)}`,
    );
  }
  return out;
}
