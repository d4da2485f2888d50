/**
 * Importance-sampled log-likelihood of sigmoid belief nets:
 * log p(v) ≈ log (1/S) Σ_s p(v, h_s) / q(h_s | v).
 *
 * @module
 */
import { GraphStructureError } from '@stochnet/graph';
import { blockFieldInto, FieldWorkspace, logBernoulli, sigmoid } from '@stochnet/model';
import type { Plan, StateArray } from '@stochnet/model';
import { AleaStreams } from '../alea-streams.js';
import { baseRng } from '../chains.js';
import type { RandomnessOptions } from '../chains.js';
import { checkData, checkEntries, checkOptionsObject, MAX_STEPS, TILE_ROWS } from './checks.js';
import { intOption } from '../option-checks.js';
import { checkPlanKind } from '../plan-kind.js';
import { logWeightStats } from './log-weights.js';
import { checkProposal, recognitionLayer } from './recognition.js';
import type { ImportanceProposal, Recognition } from './recognition.js';

/** Options of {@link importanceLogLikelihood}. */
export interface ImportanceOptions extends RandomnessOptions {
  /** Importance samples per data row, a positive integer; default 1000. */
  readonly samples?: number | undefined;
  /** The proposal q(h | v); default `'prior'`. */
  readonly proposal?: ImportanceProposal | undefined;
}

/** An importance-sampling estimate of the mean log-likelihood. */
export interface ImportanceEstimate {
  /** Mean over rows of the per-row estimates log (1/S) Σ_s w_s (nats). */
  readonly logLikelihood: number;
  /** Standard error of `logLikelihood`: √(Σ_r se_r²) / rows, rows being independent. */
  readonly standardError: number;
  /** Mean over rows of the per-row effective sample size (Σw)² / Σw², in [1, S]. */
  readonly ess: number;
  /** Per-row estimates of log p(v_r). */
  readonly rowLogLikelihoods: Float64Array;
  /** Per-row standard errors (delta method: sd of the weights / (√S · mean weight)). */
  readonly rowStandardErrors: Float64Array;
  /** Per-row effective sample sizes. */
  readonly rowEss: Float64Array;
  /** Samples per row. */
  readonly samples: number;
}

interface Work {
  readonly plan: Plan;
  readonly n: number;
  readonly nv: number;
  readonly visible: readonly number[];
  readonly order: readonly number[];
  readonly rec: Recognition | null;
  readonly nHid: number;
  readonly states: Float64Array;
  readonly field: Float64Array;
  readonly u: Float64Array;
  readonly logq: Float64Array;
  readonly layers: Float64Array[];
  readonly input0: Float64Array;
  readonly ws: FieldWorkspace;
}

/** Adds Σ log p(s_i | parents) over the units of block b to lw[s] for `m` samples. */
function addLogProb(w: Work, b: number, m: number, lw: Float64Array, lo: number): void {
  const blk = w.plan.blocks[b]!;
  const f = w.field.subarray(0, m * blk.size);
  blockFieldInto(f, w.plan, w.states.subarray(0, m * w.n), m, b, { workspace: w.ws });
  for (let s = 0; s < m; s++) {
    let acc = 0;
    for (let i = 0; i < blk.size; i++) acc += logBernoulli(f[s * blk.size + i]!, w.states[s * w.n + blk.offset + i]!);
    lw[lo + s]! += acc;
  }
}

/** Log-weights of `m` samples (the states' visible units already hold the row) into lw[lo ..]. */
function tileWeights(w: Work, m: number, lw: Float64Array, lo: number): void {
  const { plan, n, states, u, nHid } = w;
  if (w.rec === null) {
    // Likelihood weighting: hidden units from p(h_i | parents), weight Π over visible units of p(v_i | parents).
    let hc = 0;
    for (const b of w.order) {
      const blk = plan.blocks[b]!;
      if (blk.role === 'visible') {
        addLogProb(w, b, m, lw, lo);
        continue;
      }
      const f = w.field.subarray(0, m * blk.size);
      blockFieldInto(f, plan, states.subarray(0, m * n), m, b, { workspace: w.ws });
      for (let s = 0; s < m; s++) for (let i = 0; i < blk.size; i++) states[s * n + blk.offset + i] = u[s * nHid + hc + i]! < sigmoid(f[s * blk.size + i]!) ? 1 : 0;
      hc += blk.size;
    }
    return;
  }
  w.logq.fill(0);
  let input = w.input0.subarray(0, m * w.nv);
  let hc = 0;
  w.order.forEach((b, k) => {
    const blk = plan.blocks[b]!;
    const h = w.layers[k]!;
    recognitionLayer('importanceLogLikelihood', w.rec!, k, input, m, blk.size, w.field, h, u, nHid, hc, w.logq);
    for (let s = 0; s < m; s++) for (let i = 0; i < blk.size; i++) states[s * n + blk.offset + i] = h[s * blk.size + i]!;
    input = h.subarray(0, m * blk.size);
    hc += blk.size;
  });
  for (let b = 0; b < plan.blocks.length; b++) addLogProb(w, b, m, lw, lo);
  for (let s = 0; s < m; s++) lw[lo + s]! -= w.logq[s]!;
}

/**
 * Estimates the mean log-likelihood of data rows under a sigmoid belief net
 * by importance sampling, with its standard error and effective sample size.
 *
 * @remarks
 * For each row v, S samples h_s ~ q(h | v) give
 * log p̂(v) = log (1/S) Σ_s p(v, h_s) / q(h_s | v), computed as a
 * max-shifted log-mean-exp of the log-weights in float64; the mean weight
 * is unbiased for p(v), so log p̂(v) tends to under-estimate log p(v)
 * (Jensen), by about se²/2.
 * - `'prior'` (default): each hidden unit is drawn from p(h_i | its
 *   parents) in ancestral order, with visible units clamped to v
 *   (likelihood weighting). When no hidden unit has a visible parent, as
 *   in a layered SBN, q is the prior p(h) and the weight is p(v | h). It is
 *   unbiased but needs many samples when the posterior is far from the prior.
 * - A recognition model (a `SigmoidNet` from @stochnet/model with output `'logistic'`, or
 *   a {@link RecognitionFunction}): q(h | v) = Π_k q(h_k | h_(k−1)) with
 *   h_0 = v, one layer per hidden group bottom-up (the reverse of the
 *   plan's ancestral order), each layer independent Bernoulli units whose
 *   means the layer gives (Helmholtz-machine style, e.g. wake-sleep
 *   recognition weights). The weight is p(v, h) / q(h | v). A mean of
 *   exactly 0 or 1 that excludes states the model can produce biases the
 *   estimate.
 *
 * Per row: se = sd(w) / (√S · mean w) (delta method on the log) and
 * ESS = (Σw)² / Σw²; over rows: `standardError` = √(Σ se_r²) / rows. With
 * S = 1 the standard error is Infinity. Row r reads only the substream
 * `fork('is/' + r)`, drawing for each sample one uniform per hidden unit,
 * in proposal order; the result does not depend on how rows are batched.
 *
 * @param plan - an `sbn` plan
 * @param data - rows × (visible units) 0/1 values: the visible-role groups in layout order
 * @param rows - number of rows
 * @param opts - seed (required), samples per row and the proposal
 * @returns the estimate, its standard error, ESS, and per-row values
 * @throws GraphStructureError when the plan is not an sbn or has no visible-role group
 * @throws ShapeError when `data` has the wrong width, or a recognition net does not fit the hidden groups
 * @throws BinaryDataError naming the row and column of a value that is not 0 or 1
 * @throws ConfigError naming the option: samples ≤ 0, an unknown proposal, a net whose output is not logistic
 * @throws NonFiniteError when a recognition net holds a non-finite parameter
 * @throws ProbabilityRangeError when a recognition function writes a mean outside [0, 1]
 * @throws TooLargeError when samples exceed 2^24
 * @throws SeedError when no valid seed or rng is given
 *
 * @example
 * ```ts
 * import { sbn, normal } from '@stochnet/graph';
 * import { compile, exactLogLikelihood } from '@stochnet/model';
 * import { importanceLogLikelihood } from '@stochnet/inference';
 * const plan = compile(sbn([6, 3], { seed: 1, init: normal(0, 1) }), { dtype: 'float64' });
 * const data = Uint8Array.of(1, 0, 1, 1, 0, 0);
 * const est = importanceLogLikelihood(plan, data, 1, { seed: 2, samples: 2000 });
 * console.log(Math.abs(est.logLikelihood - exactLogLikelihood(plan, data, 1)) < 5 * est.standardError); // true
 * ```
 */
export function importanceLogLikelihood(plan: Plan, data: StateArray, rows: number, opts: ImportanceOptions): ImportanceEstimate {
  const fn = 'importanceLogLikelihood';
  checkPlanKind(fn, plan, ['sbn'], plan?.kind === 'rbm' ? 'for an rbm use aisLogLikelihood' : 'for small undirected or mixed models use exactLogLikelihood; for an rbm, aisLogLikelihood');
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  if (visible.length === 0) {
    throw new GraphStructureError(`${fn} needs at least one group with role 'visible' to hold the data; give the data groups role 'visible'`, {
      function: fn,
      groups: plan.blocks.map((b) => `${b.group}:${b.role}`),
    });
  }
  const nv = visible.reduce((a, b) => a + plan.blocks[b]!.size, 0);
  checkData(fn, 'data', data, rows, nv);
  checkOptionsObject(fn, opts);
  const S = intOption(fn, 'samples', opts?.samples, 1000, 1, MAX_STEPS);
  const ancestral = plan.schedules.ancestral;
  const bottomUp = ancestral.filter((b) => plan.blocks[b]!.role !== 'visible').reverse();
  const rec = checkProposal(fn, opts?.proposal, plan, nv, bottomUp);
  const base = baseRng(fn, opts ?? {});
  const n = plan.size;
  const T = Math.min(S, TILE_ROWS);
  checkEntries(fn, 'samples', T * n, `tile samples × units (${T} × ${n})`);
  const nHid = n - nv;
  const maxBlock = Math.max(...plan.blocks.map((b) => b.size));
  const w: Work = {
    plan,
    n,
    nv,
    visible,
    order: rec === null ? ancestral : bottomUp,
    rec,
    nHid,
    states: new Float64Array(T * n),
    field: new Float64Array(T * maxBlock),
    u: new Float64Array(T * nHid),
    logq: new Float64Array(T),
    layers: bottomUp.map((b) => new Float64Array(T * plan.blocks[b]!.size)),
    input0: new Float64Array(T * nv),
    ws: new FieldWorkspace(plan, T),
  };
  const lw = new Float64Array(S);
  const rowLL = new Float64Array(rows);
  const rowSe = new Float64Array(rows);
  const rowEss = new Float64Array(rows);
  // Row r's stream, draw for draw base.fork('is/' + r), reseeded in one typed-array slot.
  const stream = new AleaStreams(1);
  for (let r = 0; r < rows; r++) {
    stream.seed(0, `${base.seed}/is/${r}`);
    // Clamp the visible units of every sample slot to row r.
    for (let s = 0; s < T; s++) {
      let c = 0;
      for (const b of visible) {
        const blk = plan.blocks[b]!;
        for (let i = 0; i < blk.size; i++, c++) {
          const x = data[r * nv + c]!;
          w.states[s * n + blk.offset + i] = x;
          w.input0[s * nv + c] = x;
        }
      }
    }
    lw.fill(0);
    for (let s0 = 0; s0 < S; s0 += T) {
      const m = Math.min(T, S - s0);
      for (let k = 0; k < m * nHid; k++) w.u[k] = stream.next(0);
      tileWeights(w, m, lw, s0);
    }
    const st = logWeightStats(lw);
    rowLL[r] = st.logMean;
    rowSe[r] = st.relSe;
    rowEss[r] = st.ess;
  }
  let ll = 0;
  let se2 = 0;
  let ess = 0;
  for (let r = 0; r < rows; r++) {
    ll += rowLL[r]!;
    se2 += rowSe[r]! * rowSe[r]!;
    ess += rowEss[r]!;
  }
  return { logLikelihood: ll / rows, standardError: Math.sqrt(se2) / rows, ess: ess / rows, rowLogLikelihoods: rowLL, rowStandardErrors: rowSe, rowEss, samples: S };
}
