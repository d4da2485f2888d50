/**
 * The block-Gibbs workspace: every scratch buffer one sweep needs, sized
 * from the plan's schedule and the chain count, allocated once.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import { FieldWorkspace } from '@stochnet/model';
import type { FieldOptions, FloatArray, Plan, StepPart } from '@stochnet/model';
import { checkChains } from './chains.js';
import { checkPlan } from './plan-kind.js';
import { stateBuffer } from './sample-options.js';

/** @internal Buffers of one step part: exact-length views, made once. */
export interface PartBuffers {
  /** The part as scheduled. */
  readonly part: StepPart;
  /** Number of units in the part (k). */
  readonly k: number;
  /** Global state indices of the part's units. */
  readonly units: Int32Array;
  /** Fields, chains × k (plan dtype). */
  readonly pre: FloatArray;
  /** Probabilities, chains × k (plan dtype). */
  readonly prob: FloatArray;
  /** Uniforms, chains × k; each part has its own region. */
  readonly u: Float64Array;
  /** The first unit's global index when the units are consecutive, else −1. */
  readonly start: number;
  /** k zeros: the bias argument of biasSigmoid (fields already hold the bias). */
  readonly zero: FloatArray;
}

/**
 * Scratch buffers of the block-Gibbs sampler for one plan and chain count.
 * Create it once with {@link createGibbsWorkspace} and pass it to every
 * `gibbsStep`; steps then allocate no buffers.
 */
export interface GibbsWorkspace {
  /** The plan the workspace was made for. */
  readonly plan: Plan;
  /** The number of chains it serves. */
  readonly chains: number;
  /** @internal Field scratch for whole-block parts. */
  readonly field: FieldWorkspace;
  /** @internal The options object passed to blockFieldInto (made once). */
  readonly fieldOptions: FieldOptions;
  /** @internal Per step, per part. */
  readonly steps: readonly (readonly PartBuffers[])[];
  /** @internal Every part's uniform buffer, in sweep order (filled at the start of a sweep). */
  readonly uniforms: readonly Float64Array[];
  /** @internal Units per part, in sweep order. */
  readonly widths: Int32Array;
  /** @internal 1 where a part has a free (unclamped) unit in the current sweep. */
  readonly active: Uint8Array;
  /** @internal One state row, for energies. */
  readonly row: FloatArray;
  /** @internal Free unit updates of the last sweep (chains × free units), set by the sweep. */
  readonly tally: Float64Array;
}

/**
 * Allocates the scratch buffers of block-Gibbs sweeps over `chains` chains.
 *
 * @remarks
 * Memory: about chains × (units in the sweep) × (8 + 2·bytes(dtype))
 * bytes, plus the model's field workspace (neighbour blocks of one step).
 * Each step part gets exact-length views into shared field and probability
 * buffers, and its own uniform region, so a sweep fills every chain's
 * uniforms for the whole sweep before its first step.
 *
 * @param plan - the compiled plan
 * @param chains - the number of chains (as in `initGibbs`)
 * @returns the workspace
 * @throws ConfigError when `chains` is not a positive integer
 * @throws TooLargeError when `chains` exceeds MAX_CHAINS or chains × plan.size exceeds MAX_CHAIN_ENTRIES
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { createGibbsWorkspace } from '@stochnet/inference';
 * const ws = createGibbsWorkspace(compile(rbm(6, 3, { seed: 1 })), 10);
 * console.log(ws.chains); // 10
 * ```
 */
export function createGibbsWorkspace(plan: Plan, chains: number): GibbsWorkspace {
  const fn = 'createGibbsWorkspace';
  checkPlan(fn, plan);
  checkChains(fn, chains, plan.size);
  let maxK = 0;
  let total = 0;
  for (const step of plan.schedules.gibbs) {
    for (const part of step.parts) {
      const k = part.units === null ? plan.blocks[part.block]!.size : part.units.length;
      maxK = Math.max(maxK, k);
      total += k;
    }
  }
  const pre = stateBuffer(plan, chains * maxK);
  const prob = stateBuffer(plan, chains * maxK);
  const zero = stateBuffer(plan, maxK);
  const u = new Float64Array(chains * total);
  const uniforms: Float64Array[] = [];
  const widths: number[] = [];
  let at = 0;
  const steps = plan.schedules.gibbs.map((step) =>
    step.parts.map((part): PartBuffers => {
      const blk = plan.blocks[part.block]!;
      const local = part.units ?? Int32Array.from({ length: blk.size }, (_, i) => i);
      const k = local.length;
      const n = chains * k;
      const ub = u.subarray(at, at + n);
      at += n;
      uniforms.push(ub);
      widths.push(k);
      const units = Int32Array.from(local, (i) => blk.offset + i);
      let start = k === 0 ? -1 : units[0]!;
      for (let t = 1; t < k && start >= 0; t++) if (units[t] !== start + t) start = -1;
      return {
        part,
        k,
        units,
        start,
        pre: pre.subarray(0, n),
        prob: prob.subarray(0, n),
        u: ub,
        zero: zero.subarray(0, k),
      };
    }),
  );
  const field = new FieldWorkspace(plan, chains);
  return {
    plan,
    chains,
    field,
    fieldOptions: { workspace: field, values: 'unit-interval' },
    steps,
    uniforms,
    widths: Int32Array.from(widths),
    active: new Uint8Array(widths.length),
    row: stateBuffer(plan, plan.size),
    tally: new Float64Array(1),
  };
}

/** @internal Throws a ConfigError unless `ws` was made for this plan and chain count. */
export function checkWorkspace(fn: string, ws: GibbsWorkspace, plan: Plan, chains: number): void {
  if (ws === null || typeof ws !== 'object' || ws.plan !== plan || ws.chains !== chains) {
    throw new ConfigError(`${fn}: option workspace was made for another plan or chain count; call createGibbsWorkspace(plan, ${chains})`, {
      function: fn,
      option: 'workspace',
    });
  }
}
