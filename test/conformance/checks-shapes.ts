/**
 * Conformance checks for entry validation: every kernel rejects a too-short
 * or missing buffer, a missing shape or sparse matrix, or an invalid dimension with a ShapeError whose details name the
 * argument (and, for lengths, the expected and received lengths), and writes
 * nothing before it throws.
 */
import { ShapeError } from '@stochnet/graph';
import type { Backend, CsrMatrix, Dtype, FloatArray, GemmShape } from '@stochnet/model';
import { type Outcome, PASS, alloc, fail, unchanged } from './reference.js';

/** One call that must be rejected. */
interface BadCall {
  readonly label: string;
  /** The argument the error's details must name. */
  readonly argument: string;
  /** For a short buffer: the length the shape needs and the length passed. */
  readonly lengths?: { readonly expected: number; readonly received: number };
  readonly buffers: readonly (FloatArray | Uint8Array)[];
  readonly call: () => void;
}

function filled(dtype: Dtype, len: number): FloatArray {
  const a = alloc(dtype, len);
  for (let i = 0; i < len; i++) a[i] = 0.25 + i / 8;
  return a;
}

function gemmCalls(b: Backend, dtype: Dtype): BadCall[] {
  const shape: GemmShape = { m: 3, n: 4, k: 5, transA: false, transB: true, alpha: 1, beta: 0 };
  const mk = (c: number, a: number, bb: number, s: GemmShape, label: string, argument: string, lengths?: [number, number]): BadCall => {
    const bufs = [filled(dtype, c), filled(dtype, a), filled(dtype, bb)] as const;
    return {
      label: `gemm ${label}`,
      argument,
      ...(lengths ? { lengths: { expected: lengths[0], received: lengths[1] } } : {}),
      buffers: bufs,
      call: () => b.gemm(bufs[0], bufs[1], bufs[2], s),
    };
  };
  return [
    mk(11, 15, 20, shape, 'short c', 'c', [12, 11]),
    mk(12, 14, 20, shape, 'short a', 'a', [15, 14]),
    mk(12, 15, 19, shape, 'short b', 'b', [20, 19]),
    mk(12, 15, 20, { ...shape, m: -1 }, 'negative m', 'm'),
    mk(12, 15, 20, { ...shape, n: 1.5 }, 'fractional n', 'n'),
    mk(12, 15, 20, { ...shape, k: Number.NaN }, 'NaN k', 'k'),
    mk(12, 15, 20, null as unknown as GemmShape, 'null shape', 'shape'),
    (() => {
      const [a, bb] = [filled(dtype, 15), filled(dtype, 20)];
      return { label: 'gemm null c', argument: 'c', buffers: [a, bb], call: () => b.gemm(null as unknown as FloatArray, a, bb, shape) };
    })(),
  ];
}

function elementwiseCalls(b: Backend, dtype: Dtype): BadCall[] {
  const calls: BadCall[] = [];
  const add = (label: string, argument: string, buffers: (FloatArray | Uint8Array)[], call: () => void, lengths?: [number, number]): void => {
    calls.push({ label, argument, buffers, call, ...(lengths ? { lengths: { expected: lengths[0], received: lengths[1] } } : {}) });
  };
  {
    const [o, x, bias, xs, bs] = [filled(dtype, 5), filled(dtype, 6), filled(dtype, 3), filled(dtype, 5), filled(dtype, 2)];
    add('biasSigmoid short out', 'out', [o, x, bias], () => b.biasSigmoid(o, x, bias, 2, 3), [6, 5]);
    add('biasSigmoid short x', 'x', [x, xs, bias], () => b.biasSigmoid(x, xs, bias, 2, 3), [6, 5]);
    add('biasSigmoid short bias', 'bias', [x, bs], () => b.biasSigmoid(x, x, bs, 2, 3), [3, 2]);
    add('biasSigmoid negative rows', 'rows', [x, bias], () => b.biasSigmoid(x, x, bias, -1, 3));
  }
  {
    const [x, xs, bias, bs] = [filled(dtype, 6), filled(dtype, 5), filled(dtype, 3), filled(dtype, 2)];
    add('addBias short x', 'x', [xs, bias], () => b.addBias(xs, bias, 2, 3), [6, 5]);
    add('addBias short bias', 'bias', [x, bs], () => b.addBias(x, bs, 2, 3), [3, 2]);
    add('addBias fractional cols', 'cols', [x, bias], () => b.addBias(x, bias, 2, 2.5));
  }
  {
    const [o, p, u, short] = [new Uint8Array(4), filled(dtype, 4), filled(dtype, 4), filled(dtype, 3)];
    const os = new Uint8Array(3);
    add('bernoulli short out', 'out', [os, p, u], () => b.bernoulli(os, p, u, 4), [4, 3]);
    add('bernoulli short p', 'p', [o, short, u], () => b.bernoulli(o, short, u, 4), [4, 3]);
    add('bernoulli short u', 'u', [o, p, short], () => b.bernoulli(o, p, short, 4), [4, 3]);
    add('bernoulli negative n', 'n', [o, p, u], () => b.bernoulli(o, p, u, -2));
  }
  {
    const [g, gs, x, xs, y, ys] = [filled(dtype, 6), filled(dtype, 5), filled(dtype, 2), filled(dtype, 1), filled(dtype, 3), filled(dtype, 2)];
    add('ger short g', 'g', [gs, x, y], () => b.ger(gs, x, y, 2, 3, 1), [6, 5]);
    add('ger short x', 'x', [g, xs, y], () => b.ger(g, xs, y, 2, 3, 1), [2, 1]);
    add('ger short y', 'y', [g, x, ys], () => b.ger(g, x, ys, 2, 3, 1), [3, 2]);
    add('ger negative m', 'm', [g, x, y], () => b.ger(g, x, y, -1, 3, 1));
  }
  {
    const [x, xs] = [filled(dtype, 6), filled(dtype, 5)];
    const [o, os] = [new Float64Array(2), new Float64Array(1)];
    add('softplusRowSums short out', 'out', [os, x], () => b.softplusRowSums(os, x, 2, 3), [2, 1]);
    add('softplusRowSums short x', 'x', [o, xs], () => b.softplusRowSums(o, xs, 2, 3), [6, 5]);
    add('softplusRowSums negative rows', 'rows', [o, x], () => b.softplusRowSums(o, x, -1, 3));
  }
  return calls;
}

function spmmCalls(b: Backend, dtype: Dtype): BadCall[] {
  // S is 3×2 with 4 stored entries; X is 2×3, C is 2×2.
  const s: CsrMatrix = { rows: 3, cols: 2, rowPtr: Int32Array.of(0, 2, 3, 4), colIdx: Int32Array.of(0, 1, 1, 0), values: filled(dtype, 4) };
  const x = filled(dtype, 6), c = filled(dtype, 4);
  const calls: BadCall[] = [];
  const add = (label: string, argument: string, cc: FloatArray, xx: FloatArray, ss: CsrMatrix, batch: number, lengths?: [number, number]): void => {
    calls.push({
      label: `spmm ${label}`,
      argument,
      buffers: [cc, xx, ss.values],
      call: () => b.spmm(cc, xx, ss, batch, 1),
      ...(lengths ? { lengths: { expected: lengths[0], received: lengths[1] } } : {}),
    });
  };
  add('short c', 'c', filled(dtype, 3), x, s, 2, [4, 3]);
  add('short x', 'x', c, filled(dtype, 5), s, 2, [6, 5]);
  add('short rowPtr', 's.rowPtr', c, x, { ...s, rowPtr: Int32Array.of(0, 2, 3) }, 2, [4, 3]);
  add('short colIdx', 's.colIdx', c, x, { ...s, colIdx: Int32Array.of(0, 1, 1) }, 2, [4, 3]);
  add('short values', 's.values', c, x, { ...s, values: filled(dtype, 3) }, 2, [4, 3]);
  add('negative batch', 'batch', c, x, s, -1);
  calls.push({ label: 'spmm null S', argument: 's', buffers: [c, x], call: () => b.spmm(c, x, null as unknown as CsrMatrix, 2, 1) });
  return calls;
}

/** Runs one rejected call and checks the error and that no buffer changed. */
function checkBadCall(bad: BadCall): Outcome {
  const before = bad.buffers.map((buf) => buf.slice());
  let thrown: unknown;
  try {
    bad.call();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof ShapeError)) return fail(`${bad.label}: expected a ShapeError, got ${String(thrown)}`);
  if (thrown.code !== 'SHAPE') return fail(`${bad.label}: code ${thrown.code}, want SHAPE`);
  const d = thrown.details;
  if (d['argument'] !== bad.argument) return fail(`${bad.label}: details.argument ${String(d['argument'])}, want ${bad.argument}`);
  if (bad.lengths && (d['expected'] !== bad.lengths.expected || d['received'] !== bad.lengths.received)) {
    return fail(`${bad.label}: details expected/received ${String(d['expected'])}/${String(d['received'])}, want ${bad.lengths.expected}/${bad.lengths.received}`);
  }
  for (let i = 0; i < before.length; i++) {
    const o = unchanged(`${bad.label}: buffer ${i} after the rejected call`, before[i]!, bad.buffers[i]!);
    if (!o.ok) return o;
  }
  return PASS;
}

/** Every rejected call of every kernel for one dtype, as (label, outcome) pairs. */
export function checkShapeErrors(backend: Backend, dtype: Dtype): { label: string; outcome: Outcome }[] {
  return [...gemmCalls(backend, dtype), ...elementwiseCalls(backend, dtype), ...spmmCalls(backend, dtype)].map((bad) => ({
    label: bad.label,
    outcome: checkBadCall(bad),
  }));
}
