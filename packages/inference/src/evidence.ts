/**
 * Evidence: units clamped to observed 0/1 values, for clamped Gibbs,
 * likelihood weighting and posterior sampling.
 *
 * @module
 */
import { BinaryDataError, DuplicateEdgeError, ShapeError, UnknownUnitError, ValidationError, resolveUnit } from '@stochnet/graph';
import type { UnitRef } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';
import { checkPlan } from './plan-kind.js';

/**
 * One piece of evidence. Either a whole group or some of its units
 * (`{ group: 'v', units: [0, 1, 2], values }`) or one unit
 * (`{ unit: 'rain', values: [1] }`). `values` holds 0/1 numbers: either one
 * value per named unit, shared by every chain (broadcast), or one row per
 * chain, row-major (`rows × units`).
 */
export type EvidenceEntry =
  | {
      /** The group whose units are observed. */
      readonly group: string;
      /** Unit indices within the group; all of them when omitted. */
      readonly units?: ArrayLike<number>;
      /** Observed values: `units` of them (broadcast) or `rows × units`. */
      readonly values: ArrayLike<number>;
    }
  | {
      /** One observed unit. */
      readonly unit: UnitRef;
      /** Its value (one number, broadcast) or one value per row. */
      readonly values: ArrayLike<number>;
    };

/** A list of evidence entries; no unit may appear twice. */
export type Evidence = readonly EvidenceEntry[];

/** Evidence resolved against a plan's state layout. */
export interface ResolvedEvidence {
  /** Global indices (in the plan's state vector) of the observed units, ascending. */
  readonly units: Int32Array;
  /** 1 at observed units, 0 elsewhere; length `plan.size`. */
  readonly isObserved: Uint8Array;
  /** Observed values, `rows × units.length`, row-major (rows 1 when broadcast). */
  readonly values: Uint8Array;
  /** Rows of `values`: 1 (shared by every row) or the number of chains/samples. */
  readonly rows: number;
}

function blockOffset(plan: Plan, group: string, fn: string): { offset: number; size: number } {
  const block = plan.blocks.find((b) => b.group === group);
  if (block === undefined) {
    throw new UnknownUnitError(`${fn}: evidence names group '${group}', which the plan does not have`, {
      function: fn,
      group,
      known: plan.blocks.map((b) => b.group),
    });
  }
  return { offset: block.offset, size: block.size };
}

/**
 * Resolves evidence against a plan for `rows` chains or samples, checking
 * every unit id, index, value and shape before any work.
 *
 * @param fn - name of the calling function, for error messages
 * @param plan - the compiled network
 * @param evidence - the evidence entries
 * @param rows - the number of chains or samples the evidence applies to
 * @returns the observed units and their values
 * @throws UnknownUnitError for an unknown group or unit; ShapeError for a
 *   unit index out of range, values of the wrong length or rows that is not
 *   a positive integer; BinaryDataError for a value that is not 0 or 1;
 *   DuplicateEdgeError when a unit is observed twice; ValidationError when
 *   plan is not a compiled Plan or evidence is not an array of entries
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { resolveEvidence } from '@stochnet/inference';
 * const plan = compile(rbm(4, 2, { seed: 1 }));
 * const ev = resolveEvidence('demo', plan, [{ group: 'v', units: [0, 1], values: [1, 0] }], 10);
 * console.log(ev.units.length, ev.rows); // 2 1
 * ```
 */
export function resolveEvidence(fn: string, plan: Plan, evidence: Evidence, rows: number): ResolvedEvidence {
  checkPlan(fn, plan);
  if (!Number.isSafeInteger(rows) || rows <= 0) {
    throw new ShapeError(`${fn}: rows must be a positive integer, got ${String(rows)}`, { function: fn, argument: 'rows', received: rows });
  }
  if (!Array.isArray(evidence)) {
    throw new ValidationError(`${fn}: evidence must be an array of entries`, { function: fn, argument: 'evidence' });
  }
  const picked: { unit: number; values: ArrayLike<number>; k: number; n: number; where: string }[] = [];
  for (let e = 0; e < evidence.length; e++) {
    const entry = evidence[e] as EvidenceEntry | null | undefined;
    if (entry === null || typeof entry !== 'object' || !('values' in entry)) {
      throw new ValidationError(`${fn}: evidence[${e}] must be { group, units?, values } or { unit, values }`, {
        function: fn,
        entry: e,
      });
    }
    const values = entry.values as unknown;
    if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<number>).length !== 'number') {
      throw new ValidationError(`${fn}: evidence[${e}].values must be an array of 0/1 numbers`, { function: fn, entry: e });
    }
    const vals = values as ArrayLike<number>;
    if ('unit' in entry) {
      const ref = resolveUnit(plan.source, entry.unit);
      const { offset } = blockOffset(plan, ref.group, fn);
      picked.push({ unit: offset + ref.index, values: vals, k: 0, n: 1, where: `evidence[${e}]` });
      continue;
    }
    const { offset, size } = blockOffset(plan, entry.group, fn);
    const units = entry.units ?? Array.from({ length: size }, (_, i) => i);
    for (let k = 0; k < units.length; k++) {
      const u = units[k]!;
      if (!Number.isSafeInteger(u) || u < 0 || u >= size) {
        throw new ShapeError(`${fn}: evidence[${e}].units[${k}] = ${u} is not a unit of group '${entry.group}' (0..${size - 1})`, {
          function: fn,
          group: entry.group,
          index: u,
          expected: `0..${size - 1}`,
        });
      }
      picked.push({ unit: offset + u, values: vals, k, n: units.length, where: `evidence[${e}]` });
    }
  }
  // Decide broadcast versus per-row from every entry's value count.
  let perRow = false;
  for (const p of picked) {
    if (p.values.length === p.n * rows && rows > 1 && p.values.length !== p.n) perRow = true;
    else if (p.values.length !== p.n) {
      throw new ShapeError(
        `${fn}: ${p.where}.values has ${p.values.length} entries, expected ${p.n} (shared) or ${p.n * rows} (${rows} rows × ${p.n})`,
        { function: fn, entry: p.where, expected: [p.n, p.n * rows], received: p.values.length },
      );
    }
  }
  const order = picked.map((_, i) => i).sort((a, b) => picked[a]!.unit - picked[b]!.unit);
  const units = new Int32Array(order.length);
  const isObserved = new Uint8Array(plan.size);
  const outRows = perRow ? rows : 1;
  const out = new Uint8Array(outRows * order.length);
  for (let j = 0; j < order.length; j++) {
    const p = picked[order[j]!]!;
    if (isObserved[p.unit] === 1) {
      throw new DuplicateEdgeError(`${fn}: unit ${p.unit} of the state vector is observed twice; give each unit once`, {
        function: fn,
        unit: p.unit,
      });
    }
    isObserved[p.unit] = 1;
    units[j] = p.unit;
    const shared = p.values.length === p.n;
    for (let r = 0; r < outRows; r++) {
      const v = shared ? p.values[p.k] : p.values[r * p.n + p.k];
      if (v !== 0 && v !== 1) {
        throw new BinaryDataError(`${fn}: ${p.where} value ${String(v)} at row ${r} is not 0 or 1`, {
          function: fn,
          entry: p.where,
          row: r,
          column: p.k,
          received: v,
        });
      }
      out[r * order.length + j] = v;
    }
  }
  return { units, isObserved, values: out, rows: outRows };
}
