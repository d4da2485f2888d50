/**
 * Splitting the large kernel calls across a backend's threads. Every split
 * is by output: each thread writes its own rows or columns of the result,
 * and each output entry is formed by the same operations in the same order
 * as on one thread, so the threaded result equals the single-threaded one
 * bit for bit. Calls below a size threshold ({@link PARALLEL_MIN}) stay
 * on the calling thread.
 *
 * @module
 */
import type { Context } from './dense.js';
import type { Job } from './pool.js';
import type { Ptr } from './module.js';

/**
 * The sizes from which calls are split: multiply-adds (m·n·k) of a packed
 * GEMM, rows·k·n of the selected-row products, elements of the logistic.
 * A hand-off costs 17–50 µs on the shared 2-core test machine; each
 * threshold is where one thread takes about 100 µs or more. Bernoulli
 * draws are never split: they are bound by the copies in and out, which
 * stay on the calling thread (splitting them was slower at every size
 * measured, up to 2^20). Mutable for the package tests only.
 *
 * @internal
 */
export const PARALLEL_MIN = { gemm: 1 << 20, select: 1 << 21, sigmoid: 1 << 17 };

/** Splits [0, len) into at most `parts` non-empty ranges whose inner boundaries are multiples of `unit`. */
export function ranges(len: number, parts: number, unit: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let t = 1; t <= parts && start < len; t++) {
    const end = t === parts ? len : Math.min(len, Math.round((len * t) / parts / unit) * unit);
    if (end > start) out.push([start, end]);
    start = Math.max(start, end);
  }
  return out;
}

/** The threads available to this call (1 when the backend has none or the work is small). */
function threadsFor(ctx: Context, work: number, min: number): number {
  return ctx.pool === undefined || work < min ? 1 : ctx.pool.size;
}

/**
 * Runs a packed GEMM across the threads: C split by columns when n ≥ m
 * (each thread then packs all of op(A), m·k values, and its share of
 * op(B)), else by rows. Each thread gets its own packing scratch.
 *
 * @returns false when the call should run on one thread
 * @internal
 */
export function gemmParallel(ctx: Context, w: 4 | 8, pc: Ptr, pa: Ptr, pb: Ptr, m: number, n: number, k: number, tA: number, tB: number, alpha: number, beta: number, scratch: Ptr): boolean {
  const threads = threadsFor(ctx, m * n * k, PARALLEL_MIN.gemm);
  if (threads === 1) return false;
  const byColumns = n >= m;
  const parts = ranges(byColumns ? n : m, threads, byColumns ? (w === 4 ? 8 : 4) : 4);
  if (parts.length < 2) return false;
  const { heap, ex } = ctx;
  const bytes = w === 4 ? ex.gemmF32Scratch() : ex.gemmF64Scratch();
  const fn = w === 4 ? 'gemmF32Block' : 'gemmF64Block';
  const jobs: Job[] = parts.map(([lo, hi], t) => {
    const s = t === 0 ? scratch : heap.alloc(bytes);
    const block = byColumns ? [0, m, lo, hi] : [lo, hi, 0, n];
    return { fn, args: [pc, pa, pb, m, n, k, tA, tB, alpha, beta, s, ...block] };
  });
  ctx.pool!.run(jobs);
  return true;
}

/**
 * Runs selectRowsSum or selectedRowsOuter (`args` up to the scratch
 * pointer) across the threads by columns of the result, each thread with
 * its own index scratch of `scratchBytes`.
 *
 * @returns false when the call should run on one thread
 * @internal
 */
export function selectParallel(ctx: Context, fn: 'selectRowsSumCols' | 'selectedRowsOuterCols', args: readonly number[], n: number, work: number, scratch: Ptr, scratchBytes: number): boolean {
  const threads = threadsFor(ctx, work, PARALLEL_MIN.select);
  if (threads === 1) return false;
  const parts = ranges(n, threads, 32);
  if (parts.length < 2) return false;
  const jobs: Job[] = parts.map(([lo, hi], t) => ({ fn, args: [...args, t === 0 ? scratch : ctx.heap.alloc(scratchBytes), lo, hi] }));
  ctx.pool!.run(jobs);
  return true;
}

/**
 * Runs a row-wise kernel `fn(out, x, bias, rows, cols)` across the threads
 * by blocks of rows (out and x advance, bias does not).
 *
 * @returns false when the call should run on one thread
 * @internal
 */
export function rowsParallel(ctx: Context, fn: string, out: Ptr, x: Ptr, bias: Ptr, rows: number, cols: number, w: number): boolean {
  const threads = threadsFor(ctx, rows * cols, PARALLEL_MIN.sigmoid);
  if (threads === 1) return false;
  const parts = ranges(rows, threads, 1);
  if (parts.length < 2) return false;
  const row = cols * w;
  ctx.pool!.run(parts.map(([lo, hi]) => ({ fn, args: [out + lo * row, x + lo * row, bias, hi - lo, cols] })));
  return true;
}
