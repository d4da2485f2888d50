/**
 * Loading the embedded kernels: the base64 text in wasm-binary.ts is
 * decoded and compiled once per process (the same code in Node and
 * browsers: no file system, no fetch), then instantiated over a memory the
 * caller creates. The module is built for a shared memory (with a
 * maximum); for an ordinary memory the same bytes are loaded with the
 * memory import rewritten to plain limits, so threads: 1 needs no
 * SharedArrayBuffer.
 *
 * @module
 */
import { WASM_BASE64, WASM_RELAXED_BASE64 } from './wasm-binary.js';

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
  gemmF32Block(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number, beta: number, scratch: Ptr, i0: number, i1: number, j0: number, j1: number): void;
  gemmF64Block(c: Ptr, a: Ptr, b: Ptr, m: number, n: number, k: number, transA: number, transB: number, alpha: number, beta: number, scratch: Ptr, i0: number, i1: number, j0: number, j1: number): void;
  selectRowsSumCols(c: Ptr, x: Ptr, b: Ptr, rows: number, k: number, n: number, f64: number, scratch: Ptr, j0: number, j1: number): void;
  selectedRowsOuterCols(g: Ptr, x: Ptr, y: Ptr, rows: number, k: number, n: number, f64: number, scratch: Ptr, j0: number, j1: number): void;
}

/** Decodes base64 text (atob exists in Node ≥ 16 and every browser). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The compiled kernels module for a shared memory or for an ordinary one,
 * plain or relaxed (fused multiply-adds; see {@link relaxedSimdAvailable}),
 * compiled on first use and kept.
 *
 * @internal
 */
export function kernelModule(shared = false, relaxed = false): Promise<WebAssembly.Module> {
  const key = `${shared}/${relaxed}`;
  let mod = compiled.get(key);
  if (mod === undefined) {
    const bytes = decodeBase64(relaxed ? WASM_RELAXED_BASE64 : WASM_BASE64);
    mod = WebAssembly.compile(shared ? bytes : plainMemoryImport(bytes));
    compiled.set(key, mod);
  }
  return mod;
}

let relaxedValid: boolean | undefined;

/**
 * Whether this runtime runs the relaxed-SIMD build (the GEMM kernels with
 * `f32x4.relaxed_madd`): true in current browsers and in Node from 22, and
 * in Node 20 only with `--experimental-wasm-relaxed-simd`. Checked once, by
 * validating the relaxed module.
 *
 * @internal
 */
export function relaxedSimdAvailable(): boolean {
  relaxedValid ??= WebAssembly.validate(plainMemoryImport(decodeBase64(WASM_RELAXED_BASE64)));
  return relaxedValid;
}

/** Whether a memory is shared (its buffer a SharedArrayBuffer). @internal */
export function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
}

/**
 * A new instance of the kernels (plain or relaxed) over `memory` (shared or not).
 *
 * @internal
 */
export async function instantiateKernels(memory: WebAssembly.Memory, relaxed = false): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(await kernelModule(isShared(memory), relaxed), { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/** Reads an unsigned LEB128 at `at`: the value and the byte count. */
function leb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0, shift = 0, i = at;
  for (;;) {
    const b = bytes[i++]!;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, i - at];
  }
}

function encodeLeb(value: number): number[] {
  const out: number[] = [];
  do {
    const b = value % 128;
    value = Math.floor(value / 128);
    out.push(value > 0 ? b | 0x80 : b);
  } while (value > 0);
  return out;
}

/**
 * The module with its memory import's limits `shared, min, max` rewritten
 * to `min` alone (an ordinary memory with no maximum). The module imports
 * nothing but its memory (a package test checks this).
 */
function plainMemoryImport(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const [size, sizeBytes] = leb(bytes, at + 1);
    const start = at + 1 + sizeBytes, end = start + size;
    if (id === 2) {
      let p = start + leb(bytes, start)[1];
      for (let name = 0; name < 2; name++) {
        const [len, n] = leb(bytes, p);
        p += n + len;
      }
      if (bytes[p] !== 2) return bytes;
      const flags = bytes[p + 1]!;
      const [, minBytes] = leb(bytes, p + 2);
      const limitsEnd = p + 2 + minBytes + ((flags & 1) !== 0 ? leb(bytes, p + 2 + minBytes)[1] : 0);
      const body = [...bytes.subarray(start, p + 1), 0, ...bytes.subarray(p + 2, p + 2 + minBytes), ...bytes.subarray(limitsEnd, end)];
      const head = [...bytes.subarray(0, at), 2, ...encodeLeb(body.length), ...body];
      const out = new Uint8Array(head.length + bytes.length - end);
      out.set(head);
      out.set(bytes.subarray(end), head.length);
      return out;
    }
    at = end;
  }
  return bytes;
}
