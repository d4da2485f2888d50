/**
 * Loading the embedded kernels: the base64 text in wasm-binary.ts is
 * decoded and compiled once per process (the same code in Node and
 * browsers: no file system, no fetch), then instantiated over a memory the
 * caller creates.
 *
 * @module
 */
import { WASM_BASE64 } from './wasm-binary.js';

/** A byte address in the kernels' linear memory. */
export type Ptr = number;

/** @internal */
export type BernoulliName = `bernoulli${8 | 32 | 64}_${32 | 64}_${32 | 64}`;

/**
 * The functions the kernels module exports. Addresses are byte offsets;
 * booleans are passed as 0 or 1. Bernoulli draws are named by the (out, p, u)
 * element widths: 8 = u8, 32 = f32, 64 = f64.
 *
 * @internal
 */
export type KernelExports = KernelCore & Record<BernoulliName, (out: Ptr, p: Ptr, u: Ptr, n: number) => void>;

/** @internal */
export interface KernelCore {
  heapBase(): Ptr;
  gemmF32Scratch(): number;
  gemmF64Scratch(): number;
  gemmF32(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number, beta: number, scratch: Ptr): void;
  gemmF64(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number, beta: number, scratch: Ptr): void;
  gemmDirectF32(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number): void;
  gemmDirectF64(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number): void;
  scaleF32(c: Ptr, len: number, beta: number): void;
  scaleF64(c: Ptr, len: number, beta: number): void;
  biasSigmoidF32(out: Ptr, x: Ptr, bias: Ptr, rows: number, cols: number): void;
  biasSigmoidF64(out: Ptr, x: Ptr, bias: Ptr, rows: number, cols: number): void;
  sigmoidSimdF32(out: Ptr, x: Ptr, n: number): void;
  addBiasF32(x: Ptr, bias: Ptr, rows: number, cols: number): void;
  addBiasF64(x: Ptr, bias: Ptr, rows: number, cols: number): void;
  gerF32(g: Ptr, x: Ptr, y: Ptr, m: number, n: number, alpha: number): void;
  gerF64(g: Ptr, x: Ptr, y: Ptr, m: number, n: number, alpha: number): void;
  softplusRowSumsF32(out: Ptr, x: Ptr, rows: number, cols: number): void;
  softplusRowSumsF64(out: Ptr, x: Ptr, rows: number, cols: number): void;
  spmmF32(c: Ptr, x: Ptr, rowPtr: Ptr, colIdx: Ptr, values: Ptr, batch: number, rows: number, cols: number, alpha: number): void;
  spmmF64(c: Ptr, x: Ptr, rowPtr: Ptr, colIdx: Ptr, values: Ptr, batch: number, rows: number, cols: number, alpha: number): void;
  selectRowsSum(c: Ptr, x: Ptr, b: Ptr, rows: number, k: number, n: number, f64: number, scratch: Ptr): void;
  selectedRowsOuter(g: Ptr, x: Ptr, y: Ptr, rows: number, k: number, n: number, f64: number, scratch: Ptr): void;
}

/** Decodes base64 text (atob exists in Node ≥ 16 and every browser). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

let compiled: Promise<WebAssembly.Module> | null = null;

/**
 * The compiled kernels module, compiled on first use and shared after.
 *
 * @internal
 */
export function kernelModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(decodeBase64(WASM_BASE64));
  return compiled;
}

/**
 * A new instance of the kernels over `memory`.
 *
 * @internal
 */
export async function instantiateKernels(memory: WebAssembly.Memory): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(await kernelModule(), { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
