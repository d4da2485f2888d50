/**
 * Pictures of filters: each hidden unit's weights to the visible units,
 * drawn as a tile in the visible image shape.
 *
 * @module
 */
import { ConfigError, ShapeError } from '@stochnet/graph';
import type { Plan, WeightBlock } from '@stochnet/model';
import { optionError, optionsObject } from '../check.js';
import { drawGrid } from './image-grid.js';
import type { ImageGridOptions, RgbaImage } from './image-grid.js';

/** A plain weight matrix, as an RBM's v--h coupling stores it. */
export interface WeightMatrix {
  /** rows × cols weights, row-major: `weights[i * cols + j]`. */
  readonly weights: ArrayLike<number>;
  /** Rows of the matrix. */
  readonly rows: number;
  /** Columns of the matrix. */
  readonly cols: number;
  /** Which side is the visible one, whose units make a tile: `'rows'` (default) or `'cols'`. */
  readonly visible?: 'rows' | 'cols' | undefined;
}

/** Options of {@link filtersGrid}: the grid options, the coupling to draw, and the default `'symmetric'` normalisation. */
export interface FiltersGridOptions extends ImageGridOptions {
  /** For a plan: the coupling id to draw (default: the first coupling touching a visible group). */
  readonly coupling?: string | undefined;
}

function isPlan(x: unknown): x is Plan {
  return x !== null && typeof x === 'object' && Array.isArray((x as Plan).blocks) && Array.isArray((x as Plan).weights);
}

/** Dense rows × cols weights of a block (sparse blocks filled in, zeros elsewhere). */
function denseWeights(wb: WeightBlock): ArrayLike<number> {
  if (wb.sparse === null) return wb.weights;
  const out = new Float64Array(wb.rows * wb.cols);
  const { rowPtr, colIdx } = wb.sparse;
  for (let i = 0; i < wb.rows; i++) {
    for (let q = rowPtr[i]!; q < rowPtr[i + 1]!; q++) out[i * wb.cols + colIdx[q]!] = wb.weights[q]!;
  }
  return out;
}

interface Filters {
  readonly tiles: Float64Array;
  readonly units: number;
  readonly shape: readonly [number, number] | undefined;
}

/** Tiles as rows: tile j = the weights of unit j of the hidden side to every unit of the visible side. */
function tilesOf(weights: ArrayLike<number>, rows: number, cols: number, visibleRows: boolean): { tiles: Float64Array; units: number } {
  const units = visibleRows ? cols : rows;
  const size = visibleRows ? rows : cols;
  const tiles = new Float64Array(units * size);
  for (let j = 0; j < units; j++) {
    for (let i = 0; i < size; i++) tiles[j * size + i] = visibleRows ? weights[i * cols + j]! : weights[j * cols + i]!;
  }
  return { tiles, units };
}

function fromPlan(fn: string, plan: Plan, coupling: unknown): Filters {
  let index: number;
  if (coupling !== undefined) {
    index = plan.weights.findIndex((wb) => wb.coupling === coupling);
    if (index < 0) throw optionError(fn, 'coupling', `one of [${plan.weights.map((wb) => wb.coupling).join(', ')}]`, coupling);
  } else {
    const visible = (b: number): boolean => plan.blocks[b]?.role === 'visible';
    index = plan.weights.findIndex((wb) => wb.from !== wb.to && (visible(wb.from) || visible(wb.to)));
    if (index < 0) {
      throw new ConfigError(`${fn}: the plan has no coupling touching a visible group; pass options.coupling`, { function: fn, option: 'coupling' });
    }
  }
  const wb = plan.weights[index]!;
  if (wb.from === wb.to) {
    throw new ConfigError(`${fn}: coupling ${wb.coupling} is lateral (within one group); filters need two groups`, {
      function: fn,
      option: 'coupling',
      received: wb.coupling,
    });
  }
  const fromVisible = plan.blocks[wb.from]!.role === 'visible';
  const toVisible = plan.blocks[wb.to]!.role === 'visible';
  // The tile side: the visible group; otherwise a directed coupling's child, an undirected one's `from`.
  const visibleRows = fromVisible || (!toVisible && !wb.directed);
  const block = plan.blocks[visibleRows ? wb.from : wb.to]!;
  const shape = block.shape !== undefined && block.shape.length === 2 ? ([block.shape[0]!, block.shape[1]!] as const) : undefined;
  return { ...tilesOf(denseWeights(wb), wb.rows, wb.cols, visibleRows), shape };
}

function fromMatrix(fn: string, m: WeightMatrix): Filters {
  const { weights, rows, cols } = m;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw optionError(fn, 'rows, cols', 'positive integers', `${String(rows)}, ${String(cols)}`);
  }
  if (weights === null || typeof weights !== 'object' || weights.length !== rows * cols) {
    throw new ShapeError(`${fn}: weights has ${String(weights?.length)} values, expected rows × cols = ${rows * cols}`, {
      function: fn,
      expected: rows * cols,
      received: weights?.length,
    });
  }
  const visible = m.visible ?? 'rows';
  if (visible !== 'rows' && visible !== 'cols') throw optionError(fn, 'visible', "'rows' or 'cols'", visible);
  return { ...tilesOf(weights, rows, cols, visible === 'rows'), shape: undefined };
}

/**
 * A grid of filters: for each hidden unit, its weights to the visible units
 * reshaped to the visible image shape, normalised per tile symmetrically
 * around 0 by default (−max|w| black, 0 grey 128, +max|w| white).
 *
 * @remarks
 * For a plan, the coupling is `options.coupling` or the first (in plan
 * order) joining a visible group to another group. The tile side is the
 * visible group (for a coupling between hidden groups: a directed
 * coupling's child, an undirected one's `from`), so an RBM's v--h gives one
 * tile per hidden unit (column j of the nv×nh block) and an SBN's h1->v one
 * tile per h1 unit (row j). Sparse couplings draw missing pairs as 0. The
 * tile shape is `options.tileShape`, else the visible group's `shape`, else
 * √n × √n when the side n is a perfect square, else 1 × n.
 *
 * @param source - a compiled plan, or a weight matrix
 * @param options - coupling and the options of {@link imageGrid} (`normalise` defaults to `'symmetric'`)
 * @returns the picture
 * @throws ConfigError for a bad coupling or option; ShapeError for a
 *   weight matrix of the wrong length or a tile shape that does not fit;
 *   NonFiniteError for a non-finite weight; TooLargeError for a huge picture
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { filtersGrid } from '@stochnet/data';
 * const plan = compile(rbm(64, 20, { seed: 1 }));
 * const grid = filtersGrid(plan, { cols: 5, scale: 2 });
 * console.log(grid.width, grid.height); // 86 69
 * ```
 */
export function filtersGrid(source: Plan | WeightMatrix, options?: FiltersGridOptions): RgbaImage {
  const fn = 'filtersGrid';
  const o = optionsObject(fn, options);
  if (source === null || typeof source !== 'object') throw optionError(fn, 'source', 'a plan or { weights, rows, cols }', source);
  const f = isPlan(source) ? fromPlan(fn, source, o['coupling']) : fromMatrix(fn, source);
  const size = f.tiles.length / f.units;
  let shape: readonly [number, number];
  if (o['tileShape'] !== undefined) {
    const t = o['tileShape'];
    const ok = Array.isArray(t) && t.length === 2 && t.every((s) => Number.isInteger(s) && (s as number) >= 1);
    if (!ok || (t as number[])[0]! * (t as number[])[1]! !== size) {
      throw new ShapeError(`${fn}: tileShape must be [height, width] with height × width = ${size} visible units`, {
        function: fn,
        option: 'tileShape',
        expected: `[h, w] with h·w = ${size}`,
        received: Array.isArray(t) ? JSON.stringify(t) : String(t),
      });
    }
    shape = [(t as number[])[0]!, (t as number[])[1]!];
  } else if (f.shape !== undefined) {
    shape = f.shape;
  } else {
    const s = Math.round(Math.sqrt(size));
    shape = s * s === size ? [s, s] : [1, size];
  }
  return drawGrid(fn, f.tiles, shape, o, 'symmetric');
}
