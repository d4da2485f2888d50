/**
 * The plan's memory layout: unit blocks in group-id order with contiguous
 * offsets, weight blocks in coupling-id order copied into fresh typed arrays
 * of the plan's dtype, sparse couplings in CSR order with a CSC view, and
 * one bias vector. Nothing in a layout aliases the network's arrays.
 *
 * @module
 */
import { NonFiniteError } from '@stochnet/graph';
import type { CouplingParams, Network } from '@stochnet/graph';
import type { Dtype, FloatArray } from './backend.js';
import type { SparseIndex, UnitBlock, WeightBlock } from './plan.js';
import type { Topology } from './topology.js';

/** A plan's blocks, weights and bias. */
export interface Layout {
  readonly size: number;
  readonly offsets: readonly number[];
  readonly blocks: readonly UnitBlock[];
  readonly weights: readonly WeightBlock[];
  readonly bias: FloatArray;
}

function allocate(dtype: Dtype, length: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/**
 * Reports every parameter that is finite in float64 but overflows to
 * ±Infinity when stored as float32 (|x| beyond about 3.4e38).
 *
 * @internal
 */
export function checkFloat32Range(net: Network, issues: NonFiniteError[]): void {
  const scan = (values: Float64Array, place: { group: string } | { coupling: string }): void => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && !Number.isFinite(Math.fround(v))) {
        const where = 'group' in place ? `bias of group ${place.group}` : `weight of coupling ${place.coupling}`;
        issues.push(
          new NonFiniteError(`${where} at index ${i} is ${v}, which overflows float32; compile with dtype 'float64'`, {
            ...place,
            index: i,
            received: v,
            dtype: 'float32',
          }),
        );
        return;
      }
    }
  };
  for (const [group, bias] of net.biases) scan(bias, { group });
  for (const [coupling, params] of net.couplings) scan(params.weights, { coupling });
}

/** CSR (by from-unit, then to-unit) and CSC view of a sparse coupling, with its weights in CSR order. */
function sparseBlock(params: CouplingParams, rows: number, cols: number, dtype: Dtype): { weights: FloatArray; sparse: SparseIndex } {
  const r = params.rows ?? new Int32Array(0);
  const c = params.cols ?? new Int32Array(0);
  const nnz = params.weights.length;
  const order = Array.from({ length: nnz }, (_, k) => k);
  order.sort((a, b) => r[a]! - r[b]! || c[a]! - c[b]! || a - b);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(nnz);
  const weights = allocate(dtype, nnz);
  order.forEach((k, p) => {
    rowPtr[r[k]! + 1]!++;
    colIdx[p] = c[k]!;
    weights[p] = params.weights[k]!;
  });
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const colPtr = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) colPtr[colIdx[p]! + 1]!++;
  for (let j = 0; j < cols; j++) colPtr[j + 1]! += colPtr[j]!;
  const next = colPtr.slice(0, cols);
  const rowIdx = new Int32Array(nnz);
  const perm = new Int32Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const q = next[colIdx[p]!]!++;
      rowIdx[q] = i;
      perm[q] = p;
    }
  }
  return { weights, sparse: Object.freeze({ rowPtr, colIdx, colPtr, rowIdx, perm }) };
}

/**
 * Lays out a valid, plannable network: blocks, weight copies and biases.
 *
 * @internal
 */
export function buildLayout(net: Network, topo: Topology, dtype: Dtype): Layout {
  const offsets: number[] = [];
  let size = 0;
  for (const g of topo.groups) {
    offsets.push(size);
    size += g.size;
  }
  const weights: WeightBlock[] = topo.edges.map((e) => {
    const params = net.couplings.get(e.spec.id)!;
    const rows = topo.groups[e.from]!.size;
    const cols = topo.groups[e.to]!.size;
    const common = { coupling: e.spec.id, from: e.from, to: e.to, directed: e.directed, connectivity: e.spec.connectivity, rows, cols };
    if (e.spec.connectivity === 'sparse') {
      const { weights: w, sparse } = sparseBlock(params, rows, cols, dtype);
      return Object.freeze({ ...common, weights: w, mask: null, sparse });
    }
    const w = allocate(dtype, rows * cols);
    w.set(params.weights);
    const mask = e.spec.connectivity === 'masked' && params.mask !== undefined ? params.mask.slice() : null;
    return Object.freeze({ ...common, weights: w, mask, sparse: null });
  });
  const incoming: number[][] = topo.groups.map(() => []);
  const outgoing: number[][] = topo.groups.map(() => []);
  const undirected: number[][] = topo.groups.map(() => []);
  weights.forEach((w, k) => {
    if (!w.directed) {
      undirected[w.from]!.push(k);
      if (w.to !== w.from) undirected[w.to]!.push(k);
    } else {
      incoming[w.to]!.push(k);
      outgoing[w.from]!.push(k);
    }
  });
  const blocks: UnitBlock[] = topo.groups.map((g, b) => {
    const block = {
      group: g.id,
      offset: offsets[b]!,
      size: g.size,
      role: g.role,
      incoming: Object.freeze(incoming[b]!),
      outgoing: Object.freeze(outgoing[b]!),
      undirected: Object.freeze(undirected[b]!),
    };
    return Object.freeze(g.shape === undefined ? block : { ...block, shape: Object.freeze([...g.shape]) });
  });
  const bias = allocate(dtype, size);
  topo.groups.forEach((g, b) => bias.set(net.biases.get(g.id)!, offsets[b]!));
  return { size, offsets, blocks: Object.freeze(blocks), weights: Object.freeze(weights), bias };
}
