/**
 * Gibbs-based learning of sigmoid belief nets (Neal 1992): posterior Gibbs
 * over the hidden units of each example, with one persistent chain per
 * training example, and the SBN gradient of the sampled complete states.
 *
 * @module
 */
import { ConfigError, throwIssues } from '@stochnet/graph';
import type { Rng, StochnetError } from '@stochnet/graph';
import { createStatisticsWorkspace, sbnGradientInto, zeroGradient } from '@stochnet/model';
import type { Gradient, Plan, StatisticsWorkspace } from '@stochnet/model';
import { baseRng } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import type { EvidenceEntry } from '../evidence.js';
import { createPosteriorWorkspace, initPosterior, runPosterior } from '../posterior.js';
import type { PosteriorState } from '../posterior.js';
import type { PosteriorWorkspace } from '../posterior-workspace.js';
import type { BatchArray } from './batch-check.js';
import { checkBeliefPlan, checkGradientCall, meanStatesInto } from './belief-net.js';
import { resolveRuleOptions } from './sbn-options.js';
import type { BeliefNetLearner, BeliefNetLearnerInfo, ResolvedSbnGibbs, SbnGibbsOptions } from './sbn-options.js';

class SbnGibbsLearner implements BeliefNetLearner {
  readonly method = 'sbn-gibbs' as const;
  readonly positive: Gradient;
  private readonly chains = new Map<number, PosteriorState>();
  private readonly visible: { readonly group: string; readonly offset: number; readonly size: number }[];
  private readonly nv: number;
  private ws: PosteriorWorkspace | null = null;
  private stats: StatisticsWorkspace | null = null;
  private buffer = new Float64Array(0);
  private updates = 0;

  constructor(
    readonly plan: Plan,
    private readonly o: ResolvedSbnGibbs,
    private readonly base: Rng,
  ) {
    this.positive = zeroGradient(plan);
    this.visible = plan.blocks.filter((b) => b.role === 'visible').map((b) => ({ group: b.group, offset: b.offset, size: b.size }));
    this.nv = this.visible.reduce((s, b) => s + b.size, 0);
  }

  private evidence(data: BatchArray, r: number): EvidenceEntry[] {
    let c = r * this.nv;
    return this.visible.map((b) => {
      const values = data.subarray(c, c + b.size);
      c += b.size;
      return { group: b.group, values };
    });
  }

  /** Whether chain `s` is conditioned on row r of data (its visible units hold the row). */
  private matches(s: PosteriorState, data: BatchArray, r: number): boolean {
    let c = r * this.nv;
    for (const b of this.visible) for (let i = 0; i < b.size; i++) if (s.states[b.offset + i] !== data[c++]) return false;
    return true;
  }

  private start(data: BatchArray, r: number, rng: Rng): PosteriorState {
    const state = initPosterior(this.plan, { chains: this.o.chainsPerExample, rng, evidence: this.evidence(data, r) });
    this.ws ??= createPosteriorWorkspace(state);
    if (this.o.burnIn > 0) runPosterior(state, this.o.burnIn, this.ws);
    return state;
  }

  gradient(out: Gradient, data: BatchArray, rows: number, rng: Rng, indices?: Int32Array): Gradient {
    checkGradientCall('sbnGibbs.gradient', this.plan, out, data, rows, rng, indices);
    const K = this.o.chainsPerExample;
    const n = this.plan.size;
    const total = rows * K;
    if (this.buffer.length < total * n) this.buffer = new Float64Array(total * n);
    if (this.stats === null || this.stats.rows < total) this.stats = createStatisticsWorkspace(this.plan, total);
    const states = this.buffer.subarray(0, total * n);
    for (let r = 0; r < rows; r++) {
      let chain: PosteriorState;
      if (this.o.persistent) {
        const idx = indices === undefined ? r : indices[r]!;
        const kept = this.chains.get(idx);
        chain = kept !== undefined && this.matches(kept, data, r) ? kept : this.start(data, r, this.base.fork(`example/${idx}`));
        this.chains.set(idx, chain);
      } else {
        chain = this.start(data, r, rng.fork(`row/${r}`));
      }
      runPosterior(chain, this.o.sweeps, this.ws!);
      states.set(chain.states, r * K * n);
    }
    out.bias.fill(0);
    for (const w of out.weights) w.fill(0);
    sbnGradientInto(out, this.plan, states, total, 1 / total, this.stats);
    meanStatesInto(this.positive, states, total, n);
    this.updates++;
    return out;
  }

  info(): BeliefNetLearnerInfo {
    return { updates: this.updates, chains: this.chains.size };
  }
}

/**
 * Makes a Gibbs-based learner for a sigmoid belief net (Neal 1992).
 *
 * @remarks
 * The gradient of log p(v) is E_{h|v}[∂ log p(v, h)/∂θ] with
 * ∂ log p(s)/∂w_ij = s_j(s_i − p_i) and ∂/∂b_i = s_i − p_i (DESIGN §1). For
 * each row the learner draws complete states (v, h) with h from posterior
 * Gibbs over the hidden units' Markov blankets given v (initPosterior /
 * runPosterior), then writes the mean of sbnGradientInto over the sampled
 * states (rows × chainsPerExample of them).
 * - Persistent (default, Neal 1992): one chain (of `chainsPerExample`
 *   chains) per training example, keyed by the row's training-set index
 *   (`indices`; the training loop passes them). Its first visit starts from
 *   an ancestral draw with v clamped and runs `burnIn` + `sweeps` sweeps;
 *   each later visit continues it for `sweeps` sweeps under the current
 *   parameters, so the chain tracks the slowly moving posterior. This is
 *   the efficient choice for small data sets; memory grows by one chain
 *   per example. A row whose values differ from its chain's evidence
 *   starts a new chain.
 * - Non-persistent: every visit starts fresh chains from the update's
 *   stream and runs `burnIn` + `sweeps` sweeps.
 * Randomness: example i's persistent chain draws from
 * `rng.fork('example/' + i)` of the learner's stream; fresh chains from
 * `update.fork('row/' + r)`. Everything is checked before any draw.
 *
 * @param plan - a compiled sigmoid belief net (kind sbn) with visible-role groups
 * @param options - the rule's options and a seed or rng for the persistent chains
 * @returns the learner
 * @throws ConfigError naming an invalid option
 * @throws TooLargeError when sweeps or burnIn exceed 2^24
 * @throws SeedError when neither seed nor rng is given
 * @throws GraphStructureError when the plan is not a sigmoid belief net with visible and hidden groups
 *
 * @example
 * ```ts
 * import { createRng, sbn } from '@stochnet/graph';
 * import { compile, zeroGradient } from '@stochnet/model';
 * import { createSbnGibbsLearner } from '@stochnet/inference';
 * const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
 * const learner = createSbnGibbsLearner(plan, { method: 'sbn-gibbs', sweeps: 2, seed: 3 });
 * const g = learner.gradient(zeroGradient(plan), Uint8Array.of(1, 0, 1, 0, 0, 1, 0, 1), 2, createRng('update/0'));
 * console.log(g.weights[0]!.length, learner.info()); // 8 { updates: 1, chains: 2 }
 * ```
 */
export function createSbnGibbsLearner(plan: Plan, options: SbnGibbsOptions & RandomnessOptions): BeliefNetLearner {
  const fn = 'createSbnGibbsLearner';
  const issues: StochnetError[] = [];
  checkBeliefPlan(fn, plan, issues);
  const given = (options !== null && typeof options === 'object' ? options : {}) as Partial<SbnGibbsOptions>;
  if (given.method !== 'sbn-gibbs') {
    issues.push(new ConfigError(`${fn}: option method must be 'sbn-gibbs', got ${String(given.method)}`, { function: fn, option: 'method', expected: 'sbn-gibbs', received: String(given.method) }));
  }
  const o = resolveRuleOptions(fn, { ...given, method: 'sbn-gibbs' }, issues) as ResolvedSbnGibbs;
  let rng: Rng | null = null;
  try {
    rng = baseRng(fn, given as RandomnessOptions);
  } catch (e) {
    issues.push(e as StochnetError);
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  return new SbnGibbsLearner(plan, o, rng!);
}
