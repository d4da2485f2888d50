/**
 * Parsers of flag values: each returns the value or throws commander's
 * InvalidArgumentError, which the CLI prints as one line naming the flag.
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';

/** @internal A positive integer flag value. */
export function positiveInt(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** @internal A non-negative integer flag value. */
export function countInt(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

/** @internal A finite number > 0. */
export function positiveNumber(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

/** @internal A finite number ≥ 0. */
export function nonNegativeNumber(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

/** @internal A number in [0, 1). */
export function unitInterval(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError('expected a number in [0, 1)');
  return n;
}

/** @internal Any finite number. */
export function finiteNumber(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a finite number');
  return n;
}

/** @internal Layer sizes, visible first: `64,100,100`. */
export function layerList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new InvalidArgumentError('expected two or more positive sizes, visible first, e.g. 64,100,100');
  }
  return parts.map(Number);
}

/** @internal An image shape `8x8` (height × width). */
export function shapeFlag(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[x×,]\s*(\d+)\s*$/.exec(text);
  if (m === null || Number(m[1]) < 1 || Number(m[2]) < 1) throw new InvalidArgumentError('expected HEIGHTxWIDTH, e.g. 8x8');
  return [Number(m[1]), Number(m[2])];
}

/** The learning rules `stochnet train --method` accepts. */
export type MethodFlag =
  | { readonly method: 'cd'; readonly k: number }
  | { readonly method: 'pcd'; readonly k: number }
  | { readonly method: 'pt' }
  | { readonly method: 'sbn-gibbs' }
  | { readonly method: 'wake-sleep' }
  | { readonly method: 'dbn' };

/** @internal `cd-1`, `cd-5`, `cd`, `pcd`, `pcd-3`, `pt`, `sbn-gibbs`, `wake-sleep`, `dbn`. */
export function methodFlag(text: string): MethodFlag {
  const m = /^(cd|pcd)(?:-(\d+))?$/.exec(text.trim());
  if (m !== null) {
    const k = m[2] === undefined ? 1 : Number(m[2]);
    if (!Number.isSafeInteger(k) || k < 1 || k > 1000) throw new InvalidArgumentError('the Gibbs steps of cd-K or pcd-K must be 1..1000');
    return { method: m[1] === 'cd' ? 'cd' : 'pcd', k };
  }
  const t = text.trim();
  if (t === 'pt' || t === 'sbn-gibbs' || t === 'wake-sleep' || t === 'dbn') return { method: t };
  throw new InvalidArgumentError('expected cd-K (e.g. cd-1), pcd, pcd-K, pt, sbn-gibbs, wake-sleep or dbn');
}

/** @internal The text form of a method flag, e.g. `cd-5`. */
export function methodName(m: MethodFlag): string {
  return m.method === 'cd' || m.method === 'pcd' ? `${m.method}-${m.k}` : m.method;
}

/** @internal A factor in (0, 1]. */
export function decayFactor(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1]');
  return n;
}

/** @internal The kernels to run on: `auto` (the fastest available), `wasm` or `js`. */
export type BackendFlag = 'auto' | 'wasm' | 'js';

/** @internal A --backend value. */
export function backendFlag(text: string): BackendFlag {
  const t = text.trim();
  if (t === 'auto' || t === 'wasm' || t === 'js') return t;
  throw new InvalidArgumentError('expected auto, wasm or js');
}
