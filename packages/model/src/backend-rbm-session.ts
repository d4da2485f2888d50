/**
 * An optional backend capability: a resident RBM training session that
 * keeps an RBM's parameters and optimiser velocities in the backend's own
 * memory and runs a whole CD-k minibatch update (sampling, statistics and
 * the SGD-with-momentum step) in one call. Callers check with
 * {@link hasRbmSession} and fall back to the Backend kernels otherwise.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import type { Backend, Dtype, FloatArray } from './backend.js';

/** What a session is for: the layer sizes, dtype, largest batch and Gibbs steps. */
export interface RbmSessionOptions {
  /** Visible units nv (rows of W), a positive integer. */
  readonly visible: number;
  /** Hidden units nh (columns of W), a positive integer. */
  readonly hidden: number;
  /** The element type of the parameters. */
  readonly dtype: Dtype;
  /** The largest batch (rows) a step will take, a positive integer. */
  readonly capacity: number;
  /** Gibbs steps per update (CD-k, PCD-k), a positive integer. */
  readonly k: number;
  /** Persistent chains for {@link RbmTrainingSession.pcdStep}, a non-negative integer; 0 or absent: CD only. */
  readonly chains?: number | undefined;
}

/**
 * The arrays a session loads from and stores into: W (visible × hidden,
 * row-major: the rbm preset's `v--h` layout), the visible bias b, the hidden
 * bias c, and the optimiser's last step (velocity) of each, in the same
 * shapes. Any Float32Array or Float64Array (subarrays included).
 */
export interface RbmSessionArrays {
  /** W, nv × nh row-major. */
  readonly weights: FloatArray;
  /** b, nv values. */
  readonly visibleBias: FloatArray;
  /** c, nh values. */
  readonly hiddenBias: FloatArray;
  /** The velocity of W, nv × nh. */
  readonly weightsVelocity: FloatArray;
  /** The velocity of b, nv values. */
  readonly visibleBiasVelocity: FloatArray;
  /** The velocity of c, nh values. */
  readonly hiddenBiasVelocity: FloatArray;
}

/** The optimiser's scalars for one step (schedules already applied). */
export interface RbmStepSettings {
  /** η, the learning rate. */
  readonly learningRate: number;
  /** μ, the momentum. */
  readonly momentum: number;
  /** λ₂, L2 weight decay on W. */
  readonly weightDecay: number;
  /** λ₁, L1 penalty on W. */
  readonly l1: number;
}

/** What one step did. */
export interface RbmStepResult {
  /** Whether the step was applied: false when some new parameter would not be finite (nothing changed then). */
  readonly applied: boolean;
  /** ‖Δθ‖ over every parameter (NaN when not applied). */
  readonly stepNorm: number;
}

/**
 * A resident CD-k (and, with chains, PCD-k) training session of one RBM.
 *
 * @remarks
 * One `step` computes, for a batch v0 of B rows (0/1 or in [0, 1]):
 * ph0 = σ(v0·W + c), h0 ~ Bernoulli(ph0), then for t = 1..k
 * pv = σ(h·Wᵀ + b), ph = σ(pv·W + c) and, for t < k, h ~ Bernoulli(ph);
 * then with g_W = (v0ᵀ·ph0 − pvᵀ·ph)/B, g_b = Σ(v0 − pv)/B,
 * g_c = Σ(ph0 − ph)/B it applies d = μ·d_prev + η·(g − λ₂·W − λ₁·sign W)
 * (biases without λ₂, λ₁) and θ ← θ + d, unless some new parameter would
 * not be finite. This is CD-k with mean-field reconstructions and p(h | v_k)
 * in the statistics (stochnet's CD defaults), followed by the Optimiser's
 * step without sparsity or clipping. How the uniforms are made is the
 * session's `random` mode: `'stream'` draws k·B·nh values from the step's
 * Rng in the order the JavaScript learner does (h0's, then step t's), so
 * results equal the learner's up to float rounding; `'counter'` draws a key
 * (2 values) from the Rng and makes the uniforms inside the backend from a
 * counter-based generator keyed by it, the counter being the element index.
 */
export interface RbmTrainingSession {
  /** How uniforms are made: drawn from the step's Rng, or counter-based inside the backend. */
  readonly random: 'counter' | 'stream';
  /** The options the session was made for. */
  readonly options: RbmSessionOptions;
  /** Copies parameters and velocities into the session (values round to its dtype). */
  load(arrays: RbmSessionArrays): void;
  /**
   * Runs one CD-k update.
   *
   * @param batch - rows × nv values, row-major
   * @param rows - the batch's rows, 1 ≤ rows ≤ capacity
   * @param rng - the step's stream
   * @param settings - η, μ, λ₂, λ₁
   * @returns whether the step was applied and its norm
   */
  step(batch: Uint8Array | Float32Array | Float64Array, rows: number, rng: Rng, settings: RbmStepSettings): RbmStepResult;
  /** Copies the current parameters and velocities out into `arrays`. */
  store(arrays: RbmSessionArrays): void;
  /**
   * Copies the persistent chains' states into the session (needs `chains`
   * in the options): `visible` chains × nv and `hidden` chains × nh, row-major,
   * every value 0 or 1.
   */
  loadChains(visible: FloatArray, hidden: FloatArray): void;
  /** Copies the chains' current states out, in the shapes of {@link RbmTrainingSession.loadChains}. */
  storeChains(visible: FloatArray, hidden: FloatArray): void;
  /**
   * Runs one PCD-k update (Tieleman 2008) with the loaded chains: the
   * positive phase p(h | v0) on the batch, then k steps of every chain
   * (v ~ p(v | h), h ~ p(h | v)), then with C chains
   * g_W = v0ᵀ·ph0/B − vᵀ·ph/C (the chains' sampled v and p(h | v)),
   * g_b = Σv0/B − Σv/C, g_c = Σph0/B − Σph/C and the step of
   * {@link RbmTrainingSession.step}. In `'stream'` mode chain c draws, per
   * step, nv then nh uniforms from `chainRngs[c]` (as the JavaScript
   * learner does); in `'counter'` mode the key comes from `rng` and the
   * chain streams are not read. A step that is not applied still moves
   * the chains.
   *
   * @param batch - rows × nv values, row-major
   * @param rows - the batch's rows, 1 ≤ rows ≤ capacity
   * @param rng - the step's stream
   * @param chainRngs - one stream per chain, as many as the session's chains (read in 'stream' mode)
   * @param settings - η, μ, λ₂, λ₁
   * @returns whether the step was applied and its norm
   */
  pcdStep(batch: Uint8Array | Float32Array | Float64Array, rows: number, rng: Rng, chainRngs: readonly Rng[], settings: RbmStepSettings): RbmStepResult;
  /** Frees the session's memory; the session must not be used after. */
  dispose(): void;
}

/** The capability: a backend that can open {@link RbmTrainingSession}s. */
export interface RbmSessionKernels {
  /**
   * Opens a session, or returns null when the backend cannot run this one
   * (the caller then uses the Backend kernels).
   *
   * @param options - sizes, dtype, capacity and k
   * @returns the session, or null
   */
  rbmSession(options: RbmSessionOptions): RbmTrainingSession | null;
}

/**
 * Whether a backend can open resident RBM training sessions.
 *
 * @param backend - any backend
 * @returns true when `rbmSession` is a function
 *
 * @example
 * ```ts
 * import { hasRbmSession, jsBackend } from '@stochnet/model';
 * console.log(hasRbmSession(jsBackend)); // false
 * ```
 */
export function hasRbmSession(backend: Backend): backend is Backend & RbmSessionKernels {
  return typeof (backend as Backend & Partial<RbmSessionKernels>).rbmSession === 'function';
}
