/**
 * The kernel contract every backend implements.
 *
 * Kernels take the destination first, never allocate, and check lengths once
 * at entry. `js` is the portable reference; faster backends implement the same
 * interface and are checked against `js` by the conformance suite in `test/`.
 *
 * @module
 */

/** A floating-point buffer of either precision. */
export type FloatArray = Float32Array | Float64Array;

/** Storage precision of a plan's parameters and states. */
export type Dtype = 'float32' | 'float64';

/**
 * Shape of a GEMM `C ← alpha · op(A) · op(B) + beta · C`, all row-major.
 * `op(A)` is m×k (A is stored k×m when `transA`), `op(B)` is k×n (B is
 * stored n×k when `transB`), C is m×n. Callers may reuse one object.
 */
export interface GemmShape {
  /** Rows of op(A) and C. */
  m: number;
  /** Columns of op(B) and C. */
  n: number;
  /** Columns of op(A), rows of op(B). */
  k: number;
  /** Read A transposed. */
  transA: boolean;
  /** Read B transposed. */
  transB: boolean;
  /** Scale of the product. */
  alpha: number;
  /** Scale of C's previous content; 0 overwrites C (even NaN in C). */
  beta: number;
}

/**
 * A sparse matrix in compressed sparse row form: row r's entries are
 * `values[p]`, column `colIdx[p]`, for p in `rowPtr[r] .. rowPtr[r+1]-1`.
 */
export interface CsrMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row starts, length rows + 1. */
  readonly rowPtr: Int32Array;
  /** Column of each entry. */
  readonly colIdx: Int32Array;
  /** Value of each entry. */
  readonly values: FloatArray;
}

/** The kernels a backend provides. The compiler rejects an incomplete backend. */
export interface Backend {
  /** A short name such as `'js'`. */
  readonly name: string;

  /**
   * General matrix multiply, `C ← alpha · op(A) · op(B) + beta · C`.
   * Shapes: see {@link GemmShape}. Mutates: c. Allocates: nothing.
   * Complexity: O(m·n·k).
   */
  gemm(c: FloatArray, a: FloatArray, b: FloatArray, shape: GemmShape): void;

  /**
   * Fused bias and logistic: `out[r·cols + j] = σ(x[r·cols + j] + bias[j])`.
   * `out` may be `x`. Mutates: out. Complexity: O(rows·cols).
   */
  biasSigmoid(out: FloatArray, x: FloatArray, bias: FloatArray, rows: number, cols: number): void;

  /**
   * Adds a bias row to every row: `x[r·cols + j] += bias[j]`. Mutates: x.
   */
  addBias(x: FloatArray, bias: FloatArray, rows: number, cols: number): void;

  /**
   * Bernoulli draws from supplied uniforms: `out[i] = u[i] < p[i] ? 1 : 0`
   * for i < n. p = 0 never fires and p = 1 always fires. Mutates: out.
   */
  bernoulli(out: FloatArray | Uint8Array, p: FloatArray, u: FloatArray, n: number): void;

  /**
   * Rank-1 accumulate (outer product), `G[i·n + j] += alpha · x[i] · y[j]`
   * with x of length m and y of length n. Mutates: g.
   */
  ger(g: FloatArray, x: FloatArray, y: FloatArray, m: number, n: number, alpha: number): void;

  /**
   * Sparse-times-dense accumulate, `C ← C + alpha · X · S` where X is dense
   * batch×S.rows (row-major) and S is sparse S.rows×S.cols; C is batch×S.cols.
   * Mutates: c. Complexity: O(batch · nnz).
   */
  spmm(c: FloatArray, x: FloatArray, s: CsrMatrix, batch: number, alpha: number): void;

  /**
   * Row sums of softplus, `out[r] = Σ_j softplus(x[r·cols + j])`, accumulated
   * in float64. Stable for |x| up to the float range. Mutates: out.
   */
  softplusRowSums(out: Float64Array, x: FloatArray, rows: number, cols: number): void;
}
