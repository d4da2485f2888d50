/**
 * Checks of a network's parameter arrays (biases and coupling weights),
 * used by {@link validateNetwork}. Each check appends every problem it finds.
 *
 * @module
 */
import {
  DuplicateEdgeError,
  NonFiniteError,
  SelfLoopError,
  ShapeError,
  type StochnetError,
  ValidationError,
} from './errors.js';
import type { CouplingSpec } from './types.js';
import { typeName } from './values.js';

/** Element-level problems reported per array and kind before they are summarised. */
const PER_ARRAY_LIMIT = 16;

type Make = (message: string, details: Readonly<Record<string, unknown>>) => StochnetError;

/**
 * Collects element-level problems of one kind in one array, up to
 * {@link PER_ARRAY_LIMIT}; the rest become one summarising error of the same class.
 */
class Tally {
  private count = 0;
  constructor(
    private readonly issues: StochnetError[],
    private readonly make: Make,
    private readonly place: Readonly<Record<string, unknown>>,
    private readonly what: string,
  ) {}
  add(message: string, details: Readonly<Record<string, unknown>>): void {
    this.count += 1;
    if (this.count <= PER_ARRAY_LIMIT) this.issues.push(this.make(message, { ...this.place, ...details }));
  }
  flush(): void {
    const omitted = this.count - PER_ARRAY_LIMIT;
    if (omitted > 0) {
      this.issues.push(this.make(`... and ${omitted} more ${this.what}`, { ...this.place, omitted }));
    }
  }
}

const nonFinite: Make = (m, d) => new NonFiniteError(m, d);
const invalid: Make = (m, d) => new ValidationError(m, d);
const selfLoop: Make = (m, d) => new SelfLoopError(m, d);
const shape: Make = (m, d) => new ShapeError(m, d);
const duplicate: Make = (m, d) => new DuplicateEdgeError(m, d);

/**
 * Checks one group's bias vector: a Float64Array of `size` finite numbers.
 *
 * @param group - the group id
 * @param size - the group's (valid) size
 * @param bias - the stored bias value
 * @param issues - where problems go
 */
export function checkBias(group: string, size: number, bias: unknown, issues: StochnetError[]): void {
  if (bias === undefined) {
    issues.push(new ValidationError(`group '${group}' has no bias vector; give it ${size} biases`, { group }));
    return;
  }
  if (!(bias instanceof Float64Array)) {
    issues.push(
      new ValidationError(`bias of group '${group}' must be a Float64Array, got ${typeName(bias)}`, {
        group,
        expected: 'Float64Array',
        received: typeName(bias),
      }),
    );
    return;
  }
  if (bias.length !== size) {
    issues.push(
      new ShapeError(`bias of group '${group}' has length ${bias.length}, expected ${size} (the group's size)`, {
        group,
        expected: size,
        received: bias.length,
      }),
    );
    return;
  }
  const tally = new Tally(issues, nonFinite, { group }, `non-finite biases in group '${group}'`);
  for (let i = 0; i < size; i++) {
    const v = bias[i]!;
    if (!Number.isFinite(v)) tally.add(`bias ${group}[${i}] is ${v}; biases must be finite numbers`, { index: i, value: v });
  }
  tally.flush();
}

function checkDense(spec: CouplingSpec, w: Float64Array, mask: Uint8Array | undefined, m: number, n: number, issues: StochnetError[]): void {
  const coupling = spec.id;
  const place = { coupling };
  const fin = new Tally(issues, nonFinite, place, `non-finite weights in coupling '${coupling}'`);
  for (let k = 0; k < w.length; k++) {
    const v = w[k]!;
    if (!Number.isFinite(v)) {
      const row = Math.floor(k / n), column = k % n;
      fin.add(`weight W[${row}][${column}] of coupling '${coupling}' is ${v}; weights must be finite numbers`, { row, column, value: v });
    }
  }
  fin.flush();
  if (mask !== undefined) {
    const off = new Tally(issues, invalid, place, `non-zero weights outside the mask of coupling '${coupling}'`);
    for (let k = 0; k < w.length; k++) {
      if (mask[k] === 0 && w[k] !== 0) {
        const row = Math.floor(k / n), column = k % n;
        off.add(`W[${row}][${column}] = ${w[k]} in coupling '${coupling}' but its mask is 0; set it to 0 or set the mask to 1`, {
          row,
          column,
          value: w[k],
        });
      }
    }
    off.flush();
  }
  if (spec.directed || spec.from !== spec.to || m !== n) return;
  const diag = new Tally(issues, selfLoop, { ...place, group: spec.from }, `self-couplings in '${coupling}'`);
  for (let i = 0; i < n; i++) {
    const v = w[i * n + i]!;
    if (v !== 0 && !Number.isNaN(v)) diag.add(`W[${i}][${i}] = ${v} couples unit ${spec.from}[${i}] to itself; the diagonal of a lateral coupling must be 0`, { index: i, value: v });
    if (mask !== undefined && mask[i * n + i] !== 0) diag.add(`mask[${i}][${i}] of lateral coupling '${coupling}' is set; the diagonal must be 0`, { index: i, mask: mask[i * n + i] });
  }
  diag.flush();
  const asym = new Tally(issues, invalid, place, `asymmetric entries in lateral coupling '${coupling}'`);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = w[i * n + j]!, b = w[j * n + i]!;
      if (a !== b && Number.isFinite(a) && Number.isFinite(b)) {
        asym.add(`W[${i}][${j}] = ${a} but W[${j}][${i}] = ${b} in lateral coupling '${coupling}'; an undirected lateral W must be symmetric`, {
          row: i,
          column: j,
          value: a,
          mirror: b,
        });
      }
      if (mask !== undefined && mask[i * n + j] !== mask[j * n + i]) {
        asym.add(`mask[${i}][${j}] differs from mask[${j}][${i}] in lateral coupling '${coupling}'; the mask must be symmetric`, { row: i, column: j });
      }
    }
  }
  asym.flush();
}

function checkSparse(spec: CouplingSpec, w: Float64Array, rows: Int32Array, cols: Int32Array, m: number, n: number, issues: StochnetError[]): void {
  const coupling = spec.id;
  const place = { coupling };
  if (rows.length !== w.length || cols.length !== w.length) {
    issues.push(
      new ShapeError(
        `sparse coupling '${coupling}' has ${w.length} weights, ${rows.length} rows and ${cols.length} cols; the three must have one entry per pair`,
        { coupling, weights: w.length, rows: rows.length, cols: cols.length },
      ),
    );
    return;
  }
  const lateral = !spec.directed && spec.from === spec.to;
  const fin = new Tally(issues, nonFinite, place, `non-finite weights in coupling '${coupling}'`);
  const range = new Tally(issues, shape, place, `out-of-range pairs in coupling '${coupling}'`);
  const loops = new Tally(issues, selfLoop, { ...place, group: spec.from }, `self-pairs in coupling '${coupling}'`);
  const order = new Tally(issues, invalid, place, `unsorted pairs in coupling '${coupling}'`);
  const dups = new Tally(issues, duplicate, place, `duplicate pairs in coupling '${coupling}'`);
  for (let k = 0; k < w.length; k++) {
    const row = rows[k]!, column = cols[k]!, v = w[k]!;
    if (!Number.isFinite(v)) fin.add(`weight of pair (${row}, ${column}) of coupling '${coupling}' is ${v}; weights must be finite numbers`, { pair: k, row, column, value: v });
    if (row < 0 || row >= m || column < 0 || column >= n) {
      range.add(`pair ${k} of coupling '${coupling}' is (${row}, ${column}), outside the ${m}×${n} block`, { pair: k, row, column, expected: [m, n] });
    }
    if (lateral && row === column) loops.add(`pair ${k} of lateral coupling '${coupling}' joins unit ${spec.from}[${row}] to itself; remove it`, { pair: k, index: row });
    else if (lateral && row > column) order.add(`pair ${k} of lateral coupling '${coupling}' is (${row}, ${column}); store each lateral pair once with row < col`, { pair: k, row, column });
    if (k > 0) {
      const pr = rows[k - 1]!, pc = cols[k - 1]!;
      if (pr === row && pc === column) dups.add(`pair (${row}, ${column}) appears twice in coupling '${coupling}'; give each pair once`, { pair: k, row, column });
      else if (pr > row || (pr === row && pc > column)) order.add(`pair ${k} (${row}, ${column}) of coupling '${coupling}' comes after (${pr}, ${pc}); pairs must be sorted by (row, col)`, { pair: k, row, column });
    }
  }
  for (const t of [fin, range, loops, order, dups]) t.flush();
}

/**
 * Checks one coupling's parameters against its spec and its groups' sizes.
 *
 * @param spec - the coupling (its from/to groups exist and have valid sizes)
 * @param params - the stored parameter value
 * @param m - size of `spec.from`
 * @param n - size of `spec.to`
 * @param issues - where problems go
 */
export function checkCouplingParams(spec: CouplingSpec, params: unknown, m: number, n: number, issues: StochnetError[]): void {
  const coupling = spec.id;
  if (params === null || typeof params !== 'object') {
    const what = params === undefined ? 'has no parameters' : `has parameters of type ${typeName(params)}`;
    issues.push(new ValidationError(`coupling '${coupling}' ${what}; give it { weights: Float64Array }`, { coupling }));
    return;
  }
  const p = params as Record<string, unknown>;
  const typed = (field: string, ctor: Float64ArrayConstructor | Uint8ArrayConstructor | Int32ArrayConstructor): boolean => {
    if (p[field] instanceof ctor) return true;
    issues.push(
      new ValidationError(`${field} of coupling '${coupling}' must be a ${ctor.name}, got ${typeName(p[field])}`, {
        coupling,
        field,
        expected: ctor.name,
        received: typeName(p[field]),
      }),
    );
    return false;
  };
  const absent = (field: string, why: string): boolean => {
    if (p[field] === undefined) return true;
    issues.push(new ValidationError(`coupling '${coupling}' has ${field}, ${why}; remove it`, { coupling, field }));
    return false;
  };
  const weightsOk = typed('weights', Float64Array);
  if (spec.connectivity === 'sparse') {
    absent('mask', 'which only masked couplings have');
    const ok = typed('rows', Int32Array) && typed('cols', Int32Array) && weightsOk;
    if (ok) checkSparse(spec, p['weights'] as Float64Array, p['rows'] as Int32Array, p['cols'] as Int32Array, m, n, issues);
    return;
  }
  absent('rows', 'which only sparse couplings have');
  absent('cols', 'which only sparse couplings have');
  let mask: Uint8Array | undefined;
  if (spec.connectivity === 'dense') {
    absent('mask', 'which only masked couplings have (set connectivity to masked)');
  } else if (p['mask'] === undefined) {
    issues.push(new ValidationError(`masked coupling '${coupling}' has no mask; give a Uint8Array of ${m * n} zeros and ones`, { coupling, field: 'mask' }));
  } else if (typed('mask', Uint8Array)) {
    const mk = p['mask'] as Uint8Array;
    if (mk.length !== m * n) {
      issues.push(new ShapeError(`mask of coupling '${coupling}' has ${mk.length} entries, expected ${m}×${n} = ${m * n}`, { coupling, field: 'mask', expected: [m, n], received: mk.length }));
    } else {
      const bad = new Tally(issues, invalid, { coupling, field: 'mask' }, `mask entries other than 0 and 1 in '${coupling}'`);
      for (let k = 0; k < mk.length; k++) {
        if (mk[k]! > 1) bad.add(`mask[${Math.floor(k / n)}][${k % n}] of coupling '${coupling}' is ${mk[k]}; masks hold 0 or 1`, { row: Math.floor(k / n), column: k % n, value: mk[k] });
      }
      bad.flush();
      mask = mk;
    }
  }
  if (!weightsOk) return;
  const w = p['weights'] as Float64Array;
  if (w.length !== m * n) {
    issues.push(
      new ShapeError(`W of coupling '${coupling}' has shape ${w.length} (flat), expected ${m}×${n} = ${m * n} (from '${spec.from}' × to '${spec.to}', row-major)`, {
        coupling,
        expected: [m, n],
        received: w.length,
      }),
    );
    return;
  }
  checkDense(spec, w, spec.connectivity === 'masked' ? mask : undefined, m, n, issues);
}
