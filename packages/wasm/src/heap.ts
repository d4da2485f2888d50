/**
 * The kernels' linear memory as the JavaScript side sees it: typed views
 * that follow the memory when it grows, and a bump allocator for one
 * call's scratch (reset at the start of every call). Arguments that already
 * live in this memory are used in place; others are copied in before the
 * call and, for outputs, copied back after it.
 *
 * @module
 */
import type { Ptr } from './module.js';

/** Bytes per WebAssembly page. */
const PAGE = 65536;

/** Any array a kernel takes. */
export type KernelArray = Float32Array | Float64Array | Uint8Array | Int32Array;

/** @internal */
export class Heap {
  readonly memory: WebAssembly.Memory;
  private buffer: ArrayBufferLike;
  u8!: Uint8Array;
  i32!: Int32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  private readonly base: Ptr;
  private top: Ptr;

  constructor(memory: WebAssembly.Memory, base: Ptr) {
    this.memory = memory;
    this.buffer = memory.buffer;
    this.base = (base + 63) & ~63;
    this.top = this.base;
    this.views();
  }

  private views(): void {
    const buf = this.memory.buffer;
    this.buffer = buf;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
  }

  /** Starts a call: frees the previous call's scratch. */
  reset(): void {
    this.top = this.base;
    if (this.memory.buffer !== this.buffer) this.views();
  }

  /** Reserves `bytes` of scratch, 16-byte aligned, growing the memory when needed. */
  alloc(bytes: number): Ptr {
    const p = this.top;
    this.top = (p + bytes + 15) & ~15;
    const size = this.memory.buffer.byteLength;
    if (this.top > size) {
      this.memory.grow(Math.ceil((this.top - size) / PAGE));
      this.views();
    }
    return p;
  }

  /** Whether `a` lives in this memory (so it can be used in place). */
  resident(a: KernelArray): boolean {
    return a.buffer === this.buffer;
  }

  /**
   * The address an argument of `len` elements will have during the call,
   * `bytes` per element: in place when it lives here with that width,
   * otherwise fresh scratch (copied by {@link Heap.copyIn}).
   */
  place(a: KernelArray, len: number, bytes: number): Ptr {
    if (a.buffer === this.buffer && a.BYTES_PER_ELEMENT === bytes && a.byteOffset % bytes === 0) return a.byteOffset;
    return this.alloc(len * bytes);
  }

  /** Copies the first `len` elements of `a` to `ptr` as `bytes`-wide floats (or bytes/int32), unless in place. */
  copyIn(a: KernelArray, len: number, ptr: Ptr, bytes: number): void {
    if (a.buffer === this.buffer && a.byteOffset === ptr) return;
    const src = a.length === len ? a : a.subarray(0, len);
    if (a instanceof Int32Array) this.i32.set(src, ptr >> 2);
    else if (bytes === 8) this.f64.set(src, ptr >> 3);
    else if (bytes === 4) this.f32.set(src, ptr >> 2);
    else this.u8.set(src, ptr);
  }

  /** Copies `len` elements at `ptr` back into `a`, unless `a` was used in place. */
  copyOut(a: KernelArray, len: number, ptr: Ptr, bytes: number): void {
    if (len === 0 || (a.buffer === this.buffer && a.byteOffset === ptr)) return;
    if (bytes === 8) a.set(this.f64.subarray(ptr >> 3, (ptr >> 3) + len));
    else if (bytes === 4) a.set(this.f32.subarray(ptr >> 2, (ptr >> 2) + len));
    else a.set(this.u8.subarray(ptr, ptr + len));
  }
}
