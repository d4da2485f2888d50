/**
 * The positive (data) phase of Boltzmann-machine learning on plans of any
 * undirected kind: visible units clamped to the data, hidden units filled in
 * exactly, by clamped block Gibbs or by mean field, and the data statistics
 * ⟨s_i s_j⟩_data, ⟨s_i⟩_data accumulated from the result.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { accumulateStatistics, createStatisticsWorkspace } from '@stochnet/model';
import type { FloatArray, Gradient, Plan, StatisticsWorkspace } from '@stochnet/model';
import { chainRngs } from '../chains.js';
import type { ResolvedEvidence } from '../evidence.js';
import type { GibbsState } from '../gibbs-init.js';
import { createGibbsWorkspace } from '../gibbs-workspace.js';
import type { GibbsWorkspace } from '../gibbs-workspace.js';
import { sweepInPlace } from '../gibbs.js';
import type { ResolvedLearnOptions } from './options.js';
import { stateBuffer } from '../sample-options.js';

/** How the positive phase fills in hidden units. */
type Mode = 'visible-only' | 'exact' | 'gibbs' | 'mean-field';

/** @internal Visible-role units (data columns, layout order) and the other units of a plan. */
export interface Roles {
  readonly visible: Int32Array;
  readonly hidden: Int32Array;
}

/** @internal The visible-role units, concatenated in layout order, and the rest. */
function rolesOf(plan: Plan): Roles {
  const visible: number[] = [];
  const hidden: number[] = [];
  for (const b of plan.blocks) for (let i = 0; i < b.size; i++) (b.role === 'visible' ? visible : hidden).push(b.offset + i);
  return { visible: Int32Array.from(visible), hidden: Int32Array.from(hidden) };
}

/** @internal Whether some undirected coupling joins two non-visible blocks (hidden units interact). */
function hiddenUnitsInteract(plan: Plan): boolean {
  return plan.weights.some((w) => !w.directed && plan.blocks[w.from]!.role !== 'visible' && plan.blocks[w.to]!.role !== 'visible');
}

/**
 * @internal Caches, per chain count, one Gibbs workspace and two state
 * buffers (positive chains, CD chains): a batch size seen before allocates
 * nothing (only the last batch of an epoch may be smaller).
 */
class WorkspaceCache {
  private readonly map = new Map<number, { readonly ws: GibbsWorkspace; readonly positive: FloatArray; readonly negative: FloatArray }>();
  constructor(private readonly plan: Plan) {}
  private entry(chains: number): { readonly ws: GibbsWorkspace; readonly positive: FloatArray; readonly negative: FloatArray } {
    let e = this.map.get(chains);
    if (e === undefined) {
      const n = chains * this.plan.size;
      e = { ws: createGibbsWorkspace(this.plan, chains), positive: stateBuffer(this.plan, n), negative: stateBuffer(this.plan, n) };
      this.map.set(chains, e);
    }
    return e;
  }
  /** The Gibbs workspace for `chains` chains. */
  get(chains: number): GibbsWorkspace {
    return this.entry(chains).ws;
  }
  /** A chains × plan.size state buffer, `'positive'` or `'negative'` (contents left from its last use). */
  states(chains: number, which: 'positive' | 'negative'): FloatArray {
    return this.entry(chains)[which];
  }
}

/**
 * @internal The positive phase on the general path. After `run`, `state`
 * holds the clamped chains (rows × plan.size), which CD continues from.
 */
export class GeneralPositive {
  readonly plan: Plan;
  readonly roles: Roles;
  readonly mode: Mode;
  private readonly steps: number;
  private readonly isObserved: Uint8Array;
  readonly workspaces: WorkspaceCache;
  private stats: StatisticsWorkspace | null = null;
  /** The chains of the last call. */
  state: GibbsState | null = null;

  constructor(plan: Plan, opts: ResolvedLearnOptions) {
    this.plan = plan;
    this.roles = rolesOf(plan);
    const p = opts.positive;
    if (this.roles.hidden.length === 0) this.mode = 'visible-only';
    else if (p.method === 'auto') this.mode = hiddenUnitsInteract(plan) ? 'gibbs' : 'exact';
    else this.mode = p.method;
    this.steps = p.method === 'auto' ? (this.mode === 'gibbs' ? 10 : 1) : p.steps;
    this.isObserved = new Uint8Array(plan.size);
    for (const u of this.roles.visible) this.isObserved[u] = 1;
    this.workspaces = new WorkspaceCache(plan);
  }

  /** Whether the chain states after `run` may hold probabilities in the hidden units. */
  get meanFieldHidden(): boolean {
    return this.mode === 'exact' || this.mode === 'mean-field';
  }

  /**
   * Clamps `rows` data rows, fills in the hidden units and adds the data
   * statistics (1/rows · Σ) into `pos`. Chain c draws from `rng.fork('chain/' + c)`.
   */
  run(pos: Gradient, data: ArrayLike<number>, rows: number, rng: Rng): void {
    const { plan, roles } = this;
    const n = plan.size;
    const nv = roles.visible.length;
    const states = this.workspaces.states(rows, 'positive');
    states.fill(0);
    const rngs = chainRngs(rng, rows);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < nv; i++) states[r * n + roles.visible[i]!] = data[r * nv + i]!;
      if (this.mode === 'gibbs') {
        const chain = rngs[r]!;
        for (const h of roles.hidden) states[r * n + h] = chain.next() < 0.5 ? 1 : 0;
      }
    }
    // The observed values live in `states`; sweeps read only isObserved and never write those units.
    const evidence: ResolvedEvidence = { units: roles.visible, isObserved: this.isObserved, values: new Uint8Array(0), rows };
    const state: GibbsState = { plan, chains: rows, states, rngs, evidence, seed: rng.seed, sweeps: 0 };
    if (this.mode !== 'visible-only') {
      const ws = this.workspaces.get(rows);
      const meanField = this.mode !== 'gibbs';
      for (let t = 0; t < this.steps; t++) sweepInPlace(state, ws, meanField);
    }
    this.state = state;
    this.accumulate(pos, states, rows, 1 / rows);
  }

  /** grad += scale · Σ_rows statistics of full-layout states. */
  accumulate(grad: Gradient, states: FloatArray, rows: number, scale: number): void {
    if (this.stats === null || this.stats.rows < rows) this.stats = createStatisticsWorkspace(this.plan, rows);
    accumulateStatistics(grad, this.plan, states, rows, scale, this.stats);
  }
}
