// Bias add, the outer-product update, Bernoulli draws from supplied
// uniforms, softplus row sums and the sparse product, each for the element
// types a caller can pass (generic, instantiated by the exports below).

// @ts-ignore: decorator
@inline function at<T>(base: usize, index: usize): T {
  return load<T>(base + index * sizeof<T>());
}

// @ts-ignore: decorator
@inline function put<T>(base: usize, index: usize, value: T): void {
  store<T>(base + index * sizeof<T>(), value);
}

function addBias<T>(x: usize, bias: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * <usize>cols * sizeof<T>();
    let j = 0;
    const bytes = <usize>cols * sizeof<T>();
    let q: usize = 0;
    for (; q + 16 <= bytes; q += 16) {
      const s = sizeof<T>() == 4 ? f32x4.add(v128.load(row + q), v128.load(bias + q)) : f64x2.add(v128.load(row + q), v128.load(bias + q));
      v128.store(row + q, s);
    }
    j = <i32>(q / sizeof<T>());
    for (; j < cols; j++) put<T>(row, j, at<T>(row, j) + at<T>(bias, j));
  }
}

/** x[r·cols + j] += bias[j], f32. */
export function addBiasF32(x: usize, bias: usize, rows: i32, cols: i32): void {
  addBias<f32>(x, bias, rows, cols);
}

/** x[r·cols + j] += bias[j], f64. */
export function addBiasF64(x: usize, bias: usize, rows: i32, cols: i32): void {
  addBias<f64>(x, bias, rows, cols);
}

function ger<T>(g: usize, x: usize, y: usize, m: i32, n: i32, alpha: T): void {
  const bytes = <usize>n * sizeof<T>();
  for (let i = 0; i < m; i++) {
    const ax: T = alpha * at<T>(x, i);
    const row = g + <usize>i * bytes;
    let q: usize = 0;
    if (sizeof<T>() == 4) {
      const v = f32x4.splat(<f32>ax);
      for (; q + 16 <= bytes; q += 16) v128.store(row + q, f32x4.add(v128.load(row + q), f32x4.mul(v, v128.load(y + q))));
    } else {
      const v = f64x2.splat(<f64>ax);
      for (; q + 16 <= bytes; q += 16) v128.store(row + q, f64x2.add(v128.load(row + q), f64x2.mul(v, v128.load(y + q))));
    }
    for (; q < bytes; q += sizeof<T>()) store<T>(row + q, load<T>(row + q) + ax * load<T>(y + q));
  }
}

/** G[i·n + j] += alpha·x[i]·y[j], f32. */
export function gerF32(g: usize, x: usize, y: usize, m: i32, n: i32, alpha: f32): void {
  ger<f32>(g, x, y, m, n, alpha);
}

/** G[i·n + j] += alpha·x[i]·y[j], f64. */
export function gerF64(g: usize, x: usize, y: usize, m: i32, n: i32, alpha: f64): void {
  ger<f64>(g, x, y, m, n, alpha);
}

// out[i] = u[i] < p[i] ? 1 : 0, compared in f64 (widening is exact, so a
// float32 p against a float64 u compares the values the caller holds).
function bernoulli<O, P, U>(out: usize, p: usize, u: usize, n: i32): void {
  for (let i = 0; i < n; i++) put<O>(out, i, <f64>at<U>(u, i) < <f64>at<P>(p, i) ? <O>1 : <O>0);
}

/** Bernoulli draws; the suffix names out, p and u: 8 = u8, 32 = f32, 64 = f64. */
export function bernoulli8_32_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<u8, f32, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli8_32_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<u8, f32, f64>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli8_64_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<u8, f64, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli8_64_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<u8, f64, f64>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli32_32_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f32, f32, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli32_32_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f32, f32, f64>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli32_64_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f32, f64, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli32_64_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f32, f64, f64>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli64_32_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f64, f32, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli64_32_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f64, f32, f64>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli64_64_32(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f64, f64, f32>(o, p, u, n); }
/** See bernoulli8_32_32. */
export function bernoulli64_64_64(o: usize, p: usize, u: usize, n: i32): void { bernoulli<f64, f64, f64>(o, p, u, n); }

// softplus(x) = max(x, 0) + log1p(e^−|x|): exact in the tails (800 → 800, −800 → 0).
function softplusRowSums<T>(out: usize, x: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>cols;
    let s: f64 = 0;
    for (let j = 0; j < cols; j++) {
      const v = <f64>at<T>(x, base + <usize>j);
      s += max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    put<f64>(out, r, s);
  }
}

/** out[r] = Σ_j softplus(x[r·cols + j]) in f64, x f32. */
export function softplusRowSumsF32(out: usize, x: usize, rows: i32, cols: i32): void {
  softplusRowSums<f32>(out, x, rows, cols);
}

/** out[r] = Σ_j softplus(x[r·cols + j]) in f64, x f64. */
export function softplusRowSumsF64(out: usize, x: usize, rows: i32, cols: i32): void {
  softplusRowSums<f64>(out, x, rows, cols);
}

// C += alpha·X·S, X dense batch×rows, S in CSR form (every stored entry contributes).
function spmm<T>(c: usize, x: usize, rowPtr: usize, colIdx: usize, values: usize, batch: i32, rows: i32, cols: i32, alpha: T): void {
  for (let b = 0; b < batch; b++) {
    const xo = <usize>b * <usize>rows, co = <usize>b * <usize>cols;
    for (let r = 0; r < rows; r++) {
      const xv: T = alpha * at<T>(x, xo + <usize>r);
      const end = at<i32>(rowPtr, <usize>r + 1);
      for (let q = at<i32>(rowPtr, <usize>r); q < end; q++) {
        const j = co + <usize>at<i32>(colIdx, <usize>q);
        put<T>(c, j, at<T>(c, j) + xv * at<T>(values, <usize>q));
      }
    }
  }
}

/** Sparse-times-dense accumulate, f32. */
export function spmmF32(c: usize, x: usize, rowPtr: usize, colIdx: usize, values: usize, batch: i32, rows: i32, cols: i32, alpha: f32): void {
  spmm<f32>(c, x, rowPtr, colIdx, values, batch, rows, cols, alpha);
}

/** Sparse-times-dense accumulate, f64. */
export function spmmF64(c: usize, x: usize, rowPtr: usize, colIdx: usize, values: usize, batch: i32, rows: i32, cols: i32, alpha: f64): void {
  spmm<f64>(c, x, rowPtr, colIdx, values, batch, rows, cols, alpha);
}
