/**
 * Persistent chains (for PCD and fantasy particles): a GibbsState kept
 * between uses, saved to plain JSON data and restored so that continuing
 * equals the uninterrupted run byte for byte.
 *
 * @module
 */
import { BinaryDataError, SchemaError, ShapeError, ValidationError, VersionError, restoreRng } from '@stochnet/graph';
import type { RngState } from '@stochnet/graph';
import type { Dtype, FloatArray, Plan } from '@stochnet/model';
import { checkChains } from './chains.js';
import { intOption } from './option-checks.js';
import { MAX_SWEEPS } from './run-gibbs.js';
import type { ResolvedEvidence } from './evidence.js';
import { checkGibbsState, checkHasUndirected, checkStateValues, initGibbs } from './gibbs-init.js';
import type { GibbsOptions, GibbsState } from './gibbs-init.js';
import { createGibbsWorkspace } from './gibbs-workspace.js';
import { checkPlan } from './plan-kind.js';
import type { GibbsWorkspace } from './gibbs-workspace.js';
import { sweepInPlace } from './gibbs.js';
import type { GibbsInfo } from './gibbs.js';

/** Saved chains: plain JSON-safe data (`JSON.stringify` and `JSON.parse` keep it exactly). */
export interface SavedChains {
  /** Format tag. */
  readonly format: 'stochnet-gibbs-chains';
  /** Format version. */
  readonly version: 1;
  /** The dtype of the plan the chains ran on. */
  readonly dtype: Dtype;
  /** The plan's blocks (group id and size, in layout order), checked on restore. */
  readonly layout: readonly { readonly group: string; readonly size: number }[];
  /** Number of chains. */
  readonly chains: number;
  /** Sweeps done. */
  readonly sweeps: number;
  /** The canonical seed the chain streams were forked from. */
  readonly seed: string;
  /** chains × units values, row-major. */
  readonly states: readonly number[];
  /** Each chain's stream state. */
  readonly rngStates: readonly RngState[];
  /** Clamped units (global indices), their values (rows × units) and rows; null when nothing is clamped. */
  readonly evidence: { readonly units: readonly number[]; readonly values: readonly number[]; readonly rows: number } | null;
}

/**
 * Saves chains as plain data: states, every chain's stream state, evidence
 * and sweep count.
 *
 * @param state - the chains
 * @returns JSON-safe data for {@link restoreChains}
 * @throws ValidationError when state is not a GibbsState
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { initGibbs, saveChains } from '@stochnet/inference';
 * const saved = saveChains(initGibbs(compile(rbm(3, 2, { seed: 1 })), { chains: 2, seed: 1 }));
 * console.log(saved.states.length, JSON.parse(JSON.stringify(saved)).rngStates.length); // 10 2
 * ```
 */
export function saveChains(state: GibbsState): SavedChains {
  checkGibbsState('saveChains', state);
  const ev = state.evidence;
  return {
    format: 'stochnet-gibbs-chains',
    version: 1,
    dtype: state.plan.dtype,
    layout: state.plan.blocks.map((b) => ({ group: b.group, size: b.size })),
    chains: state.chains,
    sweeps: state.sweeps,
    seed: state.seed,
    states: Array.from(state.states),
    rngStates: state.rngs.map((r) => r.state()),
    evidence: ev === null ? null : { units: Array.from(ev.units), values: Array.from(ev.values), rows: ev.rows },
  };
}

function fail(message: string, details: Record<string, unknown>): never {
  throw new SchemaError(`restoreChains: ${message}`, { function: 'restoreChains', ...details });
}

function checkEvidence(s: SavedChains, plan: Plan): ResolvedEvidence | null {
  const ev = s.evidence as SavedChains['evidence'] | undefined;
  if (ev === null) return null;
  if (ev === undefined || typeof ev !== 'object' || !Array.isArray(ev.units) || !Array.isArray(ev.values)) {
    fail('evidence must be null or { units, values, rows }', { path: 'evidence' });
  }
  const m = ev.units.length;
  if (ev.rows !== 1 && ev.rows !== s.chains) fail(`evidence.rows must be 1 or ${s.chains}`, { path: 'evidence.rows', received: ev.rows });
  if (ev.values.length !== ev.rows * m) fail(`evidence.values must hold rows × units = ${ev.rows * m} values`, { path: 'evidence.values' });
  const isObserved = new Uint8Array(plan.size);
  for (let j = 0; j < m; j++) {
    const u = ev.units[j]!;
    if (!Number.isSafeInteger(u) || u < 0 || u >= plan.size || (j > 0 && u <= ev.units[j - 1]!)) {
      fail(`evidence.units[${j}] = ${String(u)} must be an ascending unit index below ${plan.size}`, { path: `evidence.units[${j}]`, received: u });
    }
    isObserved[u] = 1;
  }
  for (let i = 0; i < ev.values.length; i++) {
    const v = ev.values[i];
    if (v !== 0 && v !== 1) {
      throw new BinaryDataError(`restoreChains: evidence.values[${i}] is ${String(v)}; it must be 0 or 1`, { function: 'restoreChains', path: `evidence.values[${i}]`, received: v });
    }
    const r = Math.floor(i / m);
    for (let c = ev.rows === 1 ? 0 : r; c < (ev.rows === 1 ? s.chains : r + 1); c++) {
      if (s.states[c * plan.size + ev.units[i % m]!] !== v) {
        throw new ValidationError(`restoreChains: chain ${c} holds a clamped unit ${ev.units[i % m]!} at a value other than its evidence`, {
          function: 'restoreChains',
          chain: c,
          unit: ev.units[i % m],
        });
      }
    }
  }
  return { units: Int32Array.from(ev.units), isObserved, values: Uint8Array.from(ev.values), rows: ev.rows };
}

/**
 * Restores chains saved by {@link saveChains} onto a plan with the same
 * layout: continuing them equals the uninterrupted run, byte for byte, on
 * the same engine and dtype.
 *
 * @remarks
 * Every field is checked before anything is allocated. States are stored
 * in the plan's dtype (0/1 values are exact in either; mean-field values
 * saved from a float64 plan are rounded when restored onto a float32 one).
 * The plan's parameters are not saved: restore onto the plan (or a plan
 * compiled from the network) the chains ran on.
 *
 * @param plan - the plan to continue on
 * @param saved - data from saveChains (after any JSON round trip)
 * @returns the chains' state
 * @throws SchemaError for a wrong format tag or malformed field (details.path names it)
 * @throws VersionError for an unknown format version
 * @throws ShapeError when the plan's layout differs from the saved one
 * @throws BinaryDataError when a state lies outside [0, 1] or an evidence value is not 0/1
 * @throws SeedError when a saved stream state is malformed
 * @throws ConfigError or TooLargeError for a bad chain count
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { gibbsStep, initGibbs, restoreChains, saveChains } from '@stochnet/inference';
 * const plan = compile(rbm(3, 2, { seed: 4 }));
 * const a = initGibbs(plan, { chains: 2, seed: 'pcd' });
 * const b = restoreChains(plan, JSON.parse(JSON.stringify(saveChains(a))));
 * gibbsStep(a);
 * gibbsStep(b);
 * console.log(a.states.join() === b.states.join()); // true
 * ```
 */
export function restoreChains(plan: Plan, saved: SavedChains): GibbsState {
  const fn = 'restoreChains';
  checkPlan(fn, plan);
  const s = saved as Partial<SavedChains> | null;
  if (s === null || typeof s !== 'object' || s.format !== 'stochnet-gibbs-chains') fail("saved chains must have format 'stochnet-gibbs-chains'", { path: 'format' });
  if (s.version !== 1) {
    throw new VersionError(`${fn}: saved chains have format version ${String(s.version)}; this library reads version 1`, { function: fn, path: 'version', received: s.version });
  }
  const layout = s.layout;
  if (!Array.isArray(layout)) fail('layout must be an array of { group, size }', { path: 'layout' });
  const same = layout.length === plan.blocks.length && layout.every((l, b) => l !== null && typeof l === 'object' && l.group === plan.blocks[b]!.group && l.size === plan.blocks[b]!.size);
  if (!same) {
    throw new ShapeError(`${fn}: the chains were saved from a plan with blocks ${JSON.stringify(layout)}, not this plan's layout; restore onto the same network`, {
      function: fn,
      path: 'layout',
      expected: plan.blocks.map((b) => ({ group: b.group, size: b.size })),
      received: layout,
    });
  }
  checkChains(fn, s.chains, plan.size);
  const chains = s.chains;
  if (!Number.isSafeInteger(s.sweeps) || s.sweeps! < 0) fail('sweeps must be a non-negative integer', { path: 'sweeps', received: s.sweeps });
  if (typeof s.seed !== 'string') fail('seed must be a string', { path: 'seed' });
  if (!Array.isArray(s.states) || s.states.length !== chains * plan.size) fail(`states must be an array of chains × units = ${chains * plan.size} numbers`, { path: 'states' });
  for (let i = 0; i < s.states.length; i++) {
    const v = s.states[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new BinaryDataError(`${fn}: states[${i}] is ${String(v)}; unit values lie in [0, 1]`, { function: fn, path: `states[${i}]`, received: v });
    }
  }
  if (!Array.isArray(s.rngStates) || s.rngStates.length !== chains) fail(`rngStates must hold one stream state per chain (${chains})`, { path: 'rngStates' });
  checkHasUndirected(fn, plan);
  const evidence = checkEvidence(s as SavedChains, plan);
  const rngs = s.rngStates.map((r) => restoreRng(r));
  const states: FloatArray = plan.dtype === 'float64' ? Float64Array.from(s.states) : Float32Array.from(s.states);
  return { plan, chains, states, rngs, evidence, seed: s.seed, sweeps: s.sweeps! };
}

/**
 * Persistent Gibbs chains: a {@link GibbsState} and its workspace kept
 * across uses, as PCD's negative phase and fantasy particles need.
 *
 * @example
 * ```ts
 * import { rbm } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * import { PersistentChains } from '@stochnet/inference';
 * const plan = compile(rbm(6, 4, { seed: 1 }));
 * const pcd = PersistentChains.create(plan, { chains: 8, seed: 'fantasy' });
 * pcd.advance(5);
 * const copy = PersistentChains.restore(plan, pcd.save());
 * pcd.advance(1);
 * copy.advance(1);
 * console.log(pcd.states.join() === copy.states.join()); // true
 * ```
 */
export class PersistentChains {
  /** The chains, updated in place by {@link PersistentChains.advance}. */
  readonly state: GibbsState;
  /** The scratch buffers, made once. */
  readonly workspace: GibbsWorkspace;

  /**
   * @param state - chains from initGibbs or restoreChains
   * @throws ValidationError when state is not a GibbsState
   */
  constructor(state: GibbsState) {
    checkGibbsState('PersistentChains', state);
    this.state = state;
    this.workspace = createGibbsWorkspace(state.plan, state.chains);
  }

  /**
   * New chains (see initGibbs for the options and errors).
   *
   * @param plan - a plan with undirected couplings
   * @param opts - chains, seed or rng, clamp, init
   * @returns the persistent chains
   */
  static create(plan: Plan, opts: GibbsOptions): PersistentChains {
    return new PersistentChains(initGibbs(plan, opts));
  }

  /**
   * Chains restored from saved data (see restoreChains for the errors).
   *
   * @param plan - the plan to continue on
   * @param saved - data from save()
   * @returns the persistent chains
   */
  static restore(plan: Plan, saved: SavedChains): PersistentChains {
    return new PersistentChains(restoreChains(plan, saved));
  }

  /** The chains' current states, chains × plan.size (live: updated in place). */
  get states(): FloatArray {
    return this.state.states;
  }

  /**
   * Runs `sweeps` block-Gibbs sweeps (as gibbsStep does), in place.
   *
   * @param sweeps - a positive integer up to MAX_SWEEPS, default 1
   * @returns the sweep count and the flips summed over these sweeps
   * @throws ConfigError when sweeps is not a positive integer
   * @throws TooLargeError when sweeps exceeds MAX_SWEEPS
   * @throws BinaryDataError when a state value lies outside [0, 1] (states edited by hand)
   */
  advance(sweeps = 1): GibbsInfo {
    intOption('PersistentChains.advance', 'sweeps', sweeps, undefined, 1, MAX_SWEEPS);
    checkStateValues('PersistentChains.advance', this.state);
    let flips = 0;
    let updates = 0;
    for (let t = 0; t < sweeps; t++) {
      flips += sweepInPlace(this.state, this.workspace, false);
      updates += this.workspace.tally[0]!;
    }
    return { sweep: this.state.sweeps, flips, flipRate: updates === 0 ? 0 : flips / updates };
  }

  /**
   * The chains as plain data (see saveChains).
   *
   * @returns JSON-safe saved chains
   */
  save(): SavedChains {
    return saveChains(this.state);
  }
}
