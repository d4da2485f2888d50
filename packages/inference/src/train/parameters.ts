/**
 * A plan's free parameters as one flat list: every bias, then every weight
 * a step may change (masked-out weights and the mirrored half of a dense
 * lateral block are not free; a tied lateral pair appears once).
 *
 * @module
 */
import type { Gradient, Plan } from '@stochnet/model';

/** @internal Flat indexing over free parameters, with reads and writes that keep tied pairs equal. */
export interface FreeParameters {
  readonly count: number;
  /** Weight block of each free parameter, −1 for a bias. */
  readonly block: Int32Array;
  /** Index in `plan.bias` or in the block's weights. */
  readonly pos: Int32Array;
  /** Index of the tied twin in a dense lateral block, −1 otherwise. */
  readonly mirror: Int32Array;
  /** The units the parameter joins (global state indices); `b` is −1 for a bias. */
  readonly unitA: Int32Array;
  readonly unitB: Int32Array;
  read(g: Gradient, f: number): number;
  write(g: Gradient, f: number, v: number): void;
  param(plan: Plan, f: number): number;
  setParam(plan: Plan, f: number, v: number): void;
  isWeight(f: number): boolean;
}

/** @internal The free parameters of a plan. */
export function freeParameters(plan: Plan): FreeParameters {
  const block: number[] = [];
  const pos: number[] = [];
  const mirror: number[] = [];
  const ua: number[] = [];
  const ub: number[] = [];
  for (let i = 0; i < plan.size; i++) {
    block.push(-1);
    pos.push(i);
    mirror.push(-1);
    ua.push(i);
    ub.push(-1);
  }
  plan.weights.forEach((w, k) => {
    const fromOff = plan.blocks[w.from]!.offset;
    const toOff = plan.blocks[w.to]!.offset;
    if (w.sparse !== null) {
      const { rowPtr, colIdx } = w.sparse;
      for (let r = 0; r < w.rows; r++) {
        for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
          block.push(k);
          pos.push(p);
          mirror.push(-1);
          ua.push(fromOff + r);
          ub.push(toOff + colIdx[p]!);
        }
      }
      return;
    }
    const lateral = w.from === w.to;
    for (let i = 0; i < w.rows; i++) {
      for (let j = lateral ? i + 1 : 0; j < w.cols; j++) {
        const p = i * w.cols + j;
        if (w.mask !== null && w.mask[p] === 0) continue;
        block.push(k);
        pos.push(p);
        mirror.push(lateral ? j * w.cols + i : -1);
        ua.push(fromOff + i);
        ub.push(toOff + j);
      }
    }
  });
  const B = Int32Array.from(block);
  const P = Int32Array.from(pos);
  const M = Int32Array.from(mirror);
  const A = Int32Array.from(ua);
  const U = Int32Array.from(ub);
  return {
    count: B.length,
    block: B,
    pos: P,
    mirror: M,
    unitA: A,
    unitB: U,
    read: (g, f) => {
      const k = B[f]!;
      return k < 0 ? g.bias[P[f]!]! : g.weights[k]![P[f]!]!;
    },
    write: (g, f, v) => {
      const k = B[f]!;
      if (k < 0) {
        g.bias[P[f]!] = v;
        return;
      }
      const arr = g.weights[k]!;
      arr[P[f]!] = v;
      if (M[f]! >= 0) arr[M[f]!] = v;
    },
    param: (p, f) => {
      const k = B[f]!;
      return k < 0 ? p.bias[P[f]!]! : p.weights[k]!.weights[P[f]!]!;
    },
    setParam: (p, f, v) => {
      const k = B[f]!;
      if (k < 0) {
        p.bias[P[f]!] = v;
        return;
      }
      const arr = p.weights[k]!.weights;
      arr[P[f]!] = v;
      // Write the stored (possibly float32-rounded) value into the twin so the pair stays exactly equal.
      if (M[f]! >= 0) arr[M[f]!] = arr[P[f]!]!;
    },
    isWeight: (f) => B[f]! >= 0,
  };
}

/** @internal Names free parameter f: `bias:<group>` and the unit index, or the coupling id and the weight index. */
export function locate(plan: Plan, free: FreeParameters, f: number): { readonly block: string; readonly index: number } {
  const k = free.block[f]!;
  if (k >= 0) return { block: plan.weights[k]!.coupling, index: free.pos[f]! };
  const i = free.pos[f]!;
  const b = plan.blocks.find((x) => i >= x.offset && i < x.offset + x.size)!;
  return { block: `bias:${b.group}`, index: i - b.offset };
}
