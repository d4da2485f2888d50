/**
 * Field products on a backend with the 0/1 kernels: blockFieldInto takes
 * `selectRowsSum` for an input block whose values are all 0 or 1 with at
 * most 40% ones, and gemm otherwise. The fields must agree with the js
 * backend's (float64 to 1e-12, float32 to 1e-5) either way; spies on the
 * wasm backend's kernels check which path ran, so a change that silently
 * drops the selected-row path (or takes it for fractional or dense inputs)
 * fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boltzmann, createRng, normal, rbm, sbn } from '@stochnet/graph';
import { blockFieldInto, compile, FieldWorkspace, jsBackend } from '@stochnet/model';
import type { Backend, Dtype, FloatArray } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';

let wasm!: Backend;
beforeAll(async () => {
  wasm = await createWasmBackend();
});

/** The wasm backend with counters on gemm and selectRowsSum. */
function counted(): { backend: Backend; calls: { gemm: number; select: number } } {
  const calls = { gemm: 0, select: 0 };
  const w = wasm as Backend & { selectRowsSum: (...a: unknown[]) => void; selectedRowsOuter: (...a: unknown[]) => void };
  const backend = {
    ...w,
    gemm: (...a: Parameters<Backend['gemm']>) => {
      calls.gemm++;
      w.gemm(...a);
    },
    selectRowsSum: (...a: unknown[]) => {
      calls.select++;
      w.selectRowsSum(...a);
    },
  } as Backend;
  return { backend, calls };
}

/** rows × size states: block values 0/1 with the given density, or fractional. */
function states(rows: number, size: number, density: number, fractional: boolean, seed: string): Float64Array {
  const r = createRng(seed);
  return Float64Array.from({ length: rows * size }, () => (fractional ? r.next() : r.next() < density ? 1 : 0));
}

describe('blockFieldInto on the wasm backend', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    const tol = dtype === 'float64' ? 1e-12 : 1e-5;
    const cases = [
      { name: 'sparse 0/1 input', density: 0.15, fractional: false, select: true },
      { name: 'dense 0/1 input', density: 0.7, fractional: false, select: false },
      { name: 'fractional input', density: 0, fractional: true, select: false },
    ];
    for (const c of cases) {
      it(`${dtype}, ${c.name}: equals the js fields and ${c.select ? 'sums selected rows' : 'runs gemm'} (RBM hidden side, SBN child)`, () => {
        const nets = [rbm(61, 37, { seed: 'fields', init: normal(0, 0.5) }), sbn([29, 17, 11], { seed: 'fields', init: normal(0, 0.5) })];
        for (const net of nets) {
          const { backend, calls } = counted();
          const pw = compile(net, { dtype, backend });
          // The RBM's hidden block (its coupling's `to` side); the SBN's visible block (a child of h1).
          const block = pw.kind === 'rbm' ? pw.weights[0]!.to : pw.blocks.findIndex((b) => b.role === 'visible');
          expect(pw.blocks[block]!.incoming.length + pw.blocks[block]!.undirected.length).toBe(1);
          const pj = compile(net, { dtype, backend: jsBackend });
          const rows = 70;
          const s = states(rows, pw.size, c.density, c.fractional, `fields/${c.name}`);
          const m = pw.blocks[block]!.size;
          const make = (): FloatArray => (dtype === 'float64' ? new Float64Array(rows * m) : new Float32Array(rows * m));
          const a = make(), b = make();
          const values = c.fractional ? 'unit-interval' : 'binary';
          blockFieldInto(a, pw, s, rows, block, { workspace: new FieldWorkspace(pw, rows), values });
          blockFieldInto(b, pj, s, rows, block, { values });
          let worst = 0;
          for (let q = 0; q < a.length; q++) worst = Math.max(worst, Math.abs(a[q]! - b[q]!) / (1 + Math.abs(b[q]!)));
          expect(worst).toBeLessThan(tol);
          expect(calls.select > 0).toBe(c.select);
          expect(calls.gemm > 0).toBe(!c.select);
        }
      });
    }
  }

  it('the 40% limit: exactly 40% ones sums selected rows, one more one runs gemm', () => {
    const plan0 = compile(rbm(10, 6, { seed: 'limit', init: normal(0, 0.5) }), { dtype: 'float64' });
    const vis = plan0.weights[0]!.from, hid = plan0.weights[0]!.to;
    const rows = 5; // 50 visible values: 20 ones is 40%
    for (const [ones, select] of [[20, true], [21, false]] as const) {
      const { backend, calls } = counted();
      const plan = compile(rbm(10, 6, { seed: 'limit', init: normal(0, 0.5) }), { dtype: 'float64', backend });
      const s = new Float64Array(rows * plan.size);
      let placed = 0;
      for (let r = 0; r < rows && placed < ones; r++) for (let i = 0; i < 10 && placed < ones; i++, placed++) s[r * plan.size + plan.blocks[vis]!.offset + i] = 1;
      const a = new Float64Array(rows * 6), b = new Float64Array(rows * 6);
      blockFieldInto(a, plan, s, rows, hid);
      blockFieldInto(b, compile(rbm(10, 6, { seed: 'limit', init: normal(0, 0.5) }), { dtype: 'float64' }), s, rows, hid);
      for (let q = 0; q < a.length; q++) expect(Math.abs(a[q]! - b[q]!)).toBeLessThan(1e-12);
      expect(calls.select > 0, `${ones} ones`).toBe(select);
    }
  });

  it('a dense lateral coupling sums selected rows for sparse 0/1 states; a sparse lateral always runs spmm; both match js', () => {
    for (const [density, select] of [[1, true], [0.3, false]] as const) {
      const net = boltzmann(40, { seed: 'lateral', density, init: normal(0, 0.5) });
      const { backend, calls } = counted();
      const pw = compile(net, { dtype: 'float64', backend });
      const pj = compile(net, { dtype: 'float64' });
      const s = states(30, pw.size, 0.2, false, 'fields/lateral');
      const a = new Float64Array(30 * 40), b = new Float64Array(30 * 40);
      blockFieldInto(a, pw, s, 30, 0);
      blockFieldInto(b, pj, s, 30, 0);
      for (let q = 0; q < a.length; q++) expect(Math.abs(a[q]! - b[q]!)).toBeLessThan(1e-12);
      expect(calls.select > 0, `density ${density}`).toBe(select);
    }
  });

  it('Float32Array and Uint8Array states of 0s and 1s take the selected rows too', () => {
    const net = rbm(33, 17, { seed: 'types', init: normal(0, 0.5) });
    const s64 = states(20, 50, 0.15, false, 'fields/types');
    for (const s of [Float32Array.from(s64), Uint8Array.from(s64)]) {
      const { backend, calls } = counted();
      const pw = compile(net, { dtype: 'float32', backend });
      const hid = pw.weights[0]!.to;
      const a = new Float32Array(20 * 17), b = new Float32Array(20 * 17);
      blockFieldInto(a, pw, s, 20, hid);
      blockFieldInto(b, compile(net, { dtype: 'float32' }), s, 20, hid);
      for (let q = 0; q < a.length; q++) expect(Math.abs(a[q]! - b[q]!)).toBeLessThan(1e-5);
      expect(calls.select).toBeGreaterThan(0);
    }
  });

  it('the visible side of an RBM (x·Wᵀ) always runs gemm, and a rejected state changes nothing', () => {
    const { backend, calls } = counted();
    const plan = compile(rbm(13, 9, { seed: 3 }), { dtype: 'float64', backend });
    const vis = plan.weights[0]!.from;
    const hid = plan.weights[0]!.to;
    expect(plan.blocks[vis]!.role).toBe('visible');
    const s = states(8, plan.size, 0.1, false, 'fields/vis');
    const out = new Float64Array(8 * 13).fill(7);
    blockFieldInto(out, plan, s, 8, vis);
    expect(calls.select).toBe(0);
    expect(calls.gemm).toBeGreaterThan(0);
    s[plan.blocks[hid]!.offset + 2] = 0.5; // a hidden unit of row 0 that is not 0/1: binary mode rejects it
    const before = out.slice();
    const ws = new FieldWorkspace(plan, 8);
    expect(() => blockFieldInto(out, plan, s, 8, vis, { workspace: ws })).toThrow(/0\.5/);
    expect(out).toEqual(before);
    // The same workspace serves the next valid call correctly (hidden side, selected rows).
    s[plan.blocks[hid]!.offset + 2] = 1;
    const got = new Float64Array(8 * 9), want = new Float64Array(8 * 9);
    blockFieldInto(got, plan, s, 8, hid, { workspace: ws });
    blockFieldInto(want, compile(rbm(13, 9, { seed: 3 }), { dtype: 'float64' }), s, 8, hid);
    for (let q = 0; q < got.length; q++) expect(Math.abs(got[q]! - want[q]!)).toBeLessThan(1e-12);
  });
});
