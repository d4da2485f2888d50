/**
 * The wasm backend's resident RBM training session (`rbmSession`, the
 * RbmSessionKernels capability of `@stochnet/model`): each session gets its
 * own instance of the kernels module over its own memory, lays out the
 * parameters, velocities and batch buffers there once, and runs every CD-k
 * update in one call (assembly/cd.ts), uniforms from Philox4x32-10 inside
 * WASM ('counter') or from the step's Rng ('stream').
 *
 * @module
 */
import { ConfigError, ValidationError } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { FloatArray, RbmSessionArrays, RbmSessionOptions, RbmStepResult, RbmStepSettings, RbmTrainingSession } from '@stochnet/model';
import { assertFloatArray, assertLength } from './checks.js';
import type { Ptr } from './module.js';

/** The session exports of the kernels module. @internal */
export interface SessionExports {
  heapBase(): Ptr;
  cdInit(nv: number, nh: number, f64: number, cap: number, k: number, chains: number, base: Ptr): Ptr;
  cdPointer(which: number): Ptr;
  cdLoaded(): void;
  cdStep(rows: number, eta: number, mu: number, wd: number, l1: number, counter: number, k0: number, k1: number): number;
  pcdStep(rows: number, eta: number, mu: number, wd: number, l1: number, counter: number, k0: number, k1: number): number;
}

/** A kernels instance over a memory of its own, for one session at a time. @internal */
export interface SessionInstance {
  readonly ex: SessionExports;
  readonly memory: WebAssembly.Memory;
}

/**
 * Instances kept for sessions: a disposed session returns its instance, and
 * the backend creates the first one asynchronously, so sessions opened one
 * after another never instantiate synchronously (which browsers restrict
 * on the main thread). @internal
 */
export type SessionPool = SessionInstance[];

/** A new instance for a session, asynchronously. @internal */
export async function sessionInstance(mod: WebAssembly.Module): Promise<SessionInstance> {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = await WebAssembly.instantiate(mod, { env: { memory } });
  return { ex: instance.exports as unknown as SessionExports, memory };
}

/** The largest session in bytes (wasm32 memory is at most 4 GiB; stay well below). */
const MAX_BYTES = 2 ** 31;

function positive(fn: string, option: string, x: unknown): number {
  if (typeof x === 'number' && Number.isSafeInteger(x) && x > 0) return x;
  throw new ConfigError(`${fn}: option ${option} must be a positive integer, got ${String(x)}`, { function: fn, option, expected: 'positive integer', received: String(x) });
}

function nonNegative(fn: string, option: string, x: unknown): number {
  if (x === undefined) return 0;
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) return x;
  throw new ConfigError(`${fn}: option ${option} must be a non-negative integer, got ${String(x)}`, { function: fn, option, expected: 'non-negative integer', received: String(x) });
}

/** Which session array cdPointer names, and its length in elements. */
const SLOTS = [
  ['weights', 0],
  ['visibleBias', 1],
  ['hiddenBias', 2],
  ['weightsVelocity', 3],
  ['visibleBiasVelocity', 4],
  ['hiddenBiasVelocity', 5],
] as const;

class WasmRbmSession implements RbmTrainingSession {
  private disposed = false;
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;
  private readonly lengths: readonly number[];
  /** The batch buffer v0 (capacity × nv) and the stream uniforms (k × capacity × nh f64); neither moves. */
  private readonly batchView: FloatArray;
  private readonly uniformView: Float64Array;
  private readonly chainVisible: FloatArray;
  private readonly chainHidden: FloatArray;

  private readonly ex: SessionExports;

  constructor(
    readonly random: 'counter' | 'stream',
    readonly options: RbmSessionOptions,
    private readonly instance: SessionInstance,
    private readonly pool: SessionPool,
  ) {
    const { ex, memory } = instance;
    this.ex = ex;
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    const { visible: nv, hidden: nh } = options;
    this.lengths = [nv * nh, nv, nh, nv * nh, nv, nh];
    this.batchView = this.view(6, options.capacity * nv);
    const u = ex.cdPointer(7) >> 3;
    const chains = options.chains ?? 0;
    this.uniformView = this.f64.subarray(u, u + options.k * Math.max(options.capacity * nh, chains * (nv + nh)));
    this.chainVisible = this.view(8, chains * nv);
    this.chainHidden = this.view(9, chains * nh);
  }

  private view(which: number, length: number): FloatArray {
    const p = this.ex.cdPointer(which);
    return this.options.dtype === 'float64' ? this.f64.subarray(p >> 3, (p >> 3) + length) : this.f32.subarray(p >> 2, (p >> 2) + length);
  }

  private live(fn: string): void {
    if (this.disposed) throw new ValidationError(`${fn}: the session was disposed; open a new one with backend.rbmSession`, { function: fn });
  }

  private check(fn: string, arrays: RbmSessionArrays): void {
    const a = arrays as unknown as Partial<Record<string, unknown>> | null;
    if (a === null || typeof a !== 'object') throw new ValidationError(`${fn}: arrays must be { weights, visibleBias, hiddenBias, … velocities }`, { function: fn, argument: 'arrays' });
    for (const [name, k] of SLOTS) {
      assertFloatArray(fn, name, a[name]);
      assertLength(fn, name, a[name] as FloatArray, this.lengths[k]!, name.startsWith('weights') ? 'visible·hidden' : name.startsWith('visible') ? 'visible' : 'hidden');
    }
  }

  load(arrays: RbmSessionArrays): void {
    const fn = 'rbmSession.load';
    this.live(fn);
    this.check(fn, arrays);
    for (const [name, k] of SLOTS) this.view(k, this.lengths[k]!).set(arrays[name].subarray(0, this.lengths[k]!));
    this.ex.cdLoaded();
  }

  store(arrays: RbmSessionArrays): void {
    const fn = 'rbmSession.store';
    this.live(fn);
    this.check(fn, arrays);
    for (const [name, k] of SLOTS) arrays[name].set(this.view(k, this.lengths[k]!));
  }

  /** Checks rows, batch and settings, and copies the batch in; returns the settings. */
  private begin(fn: string, batch: Uint8Array | Float32Array | Float64Array, rows: number, settings: RbmStepSettings): [number, number, number, number] {
    this.live(fn);
    const { visible: nv, capacity } = this.options;
    if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 1 || rows > capacity) {
      throw new ValidationError(`${fn}: rows must be an integer in [1, ${capacity}], got ${String(rows)}`, { function: fn, argument: 'rows', expected: `[1, ${capacity}]`, received: String(rows) });
    }
    assertFloatArray(fn, 'batch', batch, true);
    assertLength(fn, 'batch', batch, rows * nv, 'rows·visible');
    const s = settings as Partial<RbmStepSettings> | null;
    const eta = s?.learningRate, mu = s?.momentum, wd = s?.weightDecay, l1 = s?.l1;
    if (![eta, mu, wd, l1].every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new ValidationError(`${fn}: settings must hold finite learningRate, momentum, weightDecay and l1`, { function: fn, argument: 'settings' });
    }
    const n = rows * nv;
    this.batchView.set(batch.length === n ? batch : batch.subarray(0, n));
    return [eta!, mu!, wd!, l1!];
  }

  /** The counter key from the step's stream (two draws), or [0, 0] in stream mode. */
  private key(rng: Rng): [number, number] {
    if (this.random !== 'counter') return [0, 0];
    const k0 = (rng.next() * 2 ** 32) >>> 0;
    const k1 = (rng.next() * 2 ** 32) >>> 0;
    return [k0 | 0, k1 | 0];
  }

  step(batch: Uint8Array | Float32Array | Float64Array, rows: number, rng: Rng, settings: RbmStepSettings): RbmStepResult {
    const [eta, mu, wd, l1] = this.begin('rbmSession.step', batch, rows, settings);
    const [k0, k1] = this.key(rng);
    if (this.random === 'stream') {
      const m = this.options.k * rows * this.options.hidden;
      rng.fill(this.uniformView.subarray(0, m));
    }
    return result(this.ex.cdStep(rows, eta, mu, wd, l1, this.random === 'counter' ? 1 : 0, k0, k1));
  }

  private chainArrays(fn: string, visible: FloatArray, hidden: FloatArray): void {
    const C = this.options.chains ?? 0;
    if (C === 0) throw new ValidationError(`${fn}: the session has no persistent chains; open it with { chains } for PCD`, { function: fn, argument: 'options.chains' });
    assertFloatArray(fn, 'visible', visible);
    assertFloatArray(fn, 'hidden', hidden);
    assertLength(fn, 'visible', visible, C * this.options.visible, 'chains·visible');
    assertLength(fn, 'hidden', hidden, C * this.options.hidden, 'chains·hidden');
  }

  loadChains(visible: FloatArray, hidden: FloatArray): void {
    const fn = 'rbmSession.loadChains';
    this.live(fn);
    this.chainArrays(fn, visible, hidden);
    for (const [name, x] of [['visible', visible], ['hidden', hidden]] as const) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (v !== 0 && v !== 1) {
          throw new ValidationError(`${fn}: chain states must be 0 or 1, got ${v} in ${name} at ${i}`, { function: fn, argument: name, index: i, received: v });
        }
      }
    }
    this.chainVisible.set(visible.subarray(0, this.chainVisible.length));
    this.chainHidden.set(hidden.subarray(0, this.chainHidden.length));
  }

  storeChains(visible: FloatArray, hidden: FloatArray): void {
    const fn = 'rbmSession.storeChains';
    this.live(fn);
    this.chainArrays(fn, visible, hidden);
    visible.set(this.chainVisible);
    hidden.set(this.chainHidden);
  }

  pcdStep(batch: Uint8Array | Float32Array | Float64Array, rows: number, rng: Rng, chainRngs: readonly Rng[], settings: RbmStepSettings): RbmStepResult {
    const fn = 'rbmSession.pcdStep';
    this.live(fn);
    const { visible: nv, hidden: nh, k } = this.options;
    const C = this.options.chains ?? 0;
    if (C === 0) throw new ValidationError(`${fn}: the session has no persistent chains; open it with { chains } for PCD`, { function: fn, argument: 'options.chains' });
    if (!Array.isArray(chainRngs) || chainRngs.length !== C || (this.random === 'stream' && !chainRngs.every((r) => typeof (r as Partial<Rng> | null)?.fill === 'function'))) {
      throw new ValidationError(`${fn}: chainRngs must hold one stream per chain (${C})`, { function: fn, argument: 'chainRngs', expected: C });
    }
    const [eta, mu, wd, l1] = this.begin(fn, batch, rows, settings);
    const [k0, k1] = this.key(rng);
    if (this.random === 'stream') {
      // Per step: every chain's nv visible draws, then every chain's nh hidden draws (each chain reads v then h from its own stream).
      const u = this.uniformView;
      let at = 0;
      for (let t = 0; t < k; t++) {
        for (const width of [nv, nh]) {
          for (let c = 0; c < C; c++) {
            chainRngs[c]!.fill(u.subarray(at, at + width));
            at += width;
          }
        }
      }
    }
    return result(this.ex.pcdStep(rows, eta, mu, wd, l1, this.random === 'counter' ? 1 : 0, k0, k1));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pool.push(this.instance);
  }
}

/**
 * Opens a session on an instance of the compiled kernels module (a pooled
 * one when available, else a new one made synchronously), or returns null
 * when its buffers would not fit in WebAssembly memory.
 *
 * @internal
 */
function result(norm: number): RbmStepResult {
  return norm >= 0 ? { applied: true, stepNorm: norm } : { applied: false, stepNorm: Number.NaN };
}

export function openRbmSession(mod: WebAssembly.Module, pool: SessionPool, random: 'counter' | 'stream', options: RbmSessionOptions): RbmTrainingSession | null {
  const fn = 'rbmSession';
  const o = options as Partial<RbmSessionOptions> | null;
  if (o === null || typeof o !== 'object') throw new ConfigError(`${fn}: options must be { visible, hidden, dtype, capacity, k, chains? }`, { function: fn, option: 'options' });
  const nv = positive(fn, 'visible', o.visible), nh = positive(fn, 'hidden', o.hidden);
  const capacity = positive(fn, 'capacity', o.capacity), k = positive(fn, 'k', o.k);
  const chains = nonNegative(fn, 'chains', o.chains);
  if (o.dtype !== 'float32' && o.dtype !== 'float64') {
    throw new ConfigError(`${fn}: option dtype must be 'float32' or 'float64', got ${String(o.dtype)}`, { function: fn, option: 'dtype', expected: ['float32', 'float64'], received: String(o.dtype) });
  }
  const e = o.dtype === 'float64' ? 8 : 4;
  const most = Math.max(capacity, chains);
  const bytes =
    e * (6 * nv * nh + 4 * (nv + nh) + 2 * capacity * nv + 3 * capacity * nh + 2 * chains * (nv + nh)) +
    8 * (k * Math.max(capacity * nh, chains * (nv + nh)) + nv + nh) +
    4 * (Math.max(most, nv, nh) + 1 + most * Math.max(nv, nh)) +
    2 ** 21;
  if (bytes > MAX_BYTES) return null;
  let instance = pool.pop();
  if (instance === undefined) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    instance = { ex: new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as SessionExports, memory };
  }
  const { ex } = instance;
  if (ex.cdInit(nv, nh, e === 8 ? 1 : 0, capacity, k, chains, ex.heapBase()) === 0) {
    pool.push(instance);
    return null;
  }
  return new WasmRbmSession(random, Object.freeze({ visible: nv, hidden: nh, dtype: o.dtype, capacity, k, chains }), instance, pool);
}
