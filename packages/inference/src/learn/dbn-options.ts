/**
 * Checks of `trainDbn`'s arguments (every problem collected before any
 * training) and the layer chain of a DBN plan.
 *
 * @module
 */
import { ConfigError, GraphStructureError, ShapeError, canonicalSeed, rbm } from '@stochnet/graph';
import type { Network, StochnetError } from '@stochnet/graph';
import { compileEither, jsBackend, unrollDbn } from '@stochnet/model';
import type { Backend, Dtype, Plan, SigmoidLayer } from '@stochnet/model';
import { resolveOptimiserOptions } from '../train/optimiser-options.js';
import { resolveTrainOptions } from '../train/options.js';
import type { TrainingData } from '../train/options.js';
import { checkBatch } from './batch-check.js';
import type { TrainDbnOptions } from './dbn-train.js';
import { resolveLearnOptions } from './options.js';

/** @internal The checked options of trainDbn. */
export interface ResolvedDbnOptions {
  readonly method: 'cd' | 'pcd';
  readonly dtype: Dtype;
  readonly backend: Backend;
  readonly propagate: 'probabilities' | 'samples';
  readonly visibleBias: 'data' | 'network';
  readonly allowProbabilities: boolean;
  /** The options passed to every layer's `train` (before per-layer overrides). */
  readonly common: Record<string, unknown>;
}

/** @internal Bottom-up blocks of a layered DBN/RBM plan (visible first) and the couplings joining consecutive ones. */
export interface DbnChain {
  readonly blocks: readonly number[];
  readonly couplings: readonly number[];
}

/** @internal The chain v, h1, h2, … of a plan that unrollDbn accepts (it throws otherwise). */
export function dbnChain(fn: string, plan: Plan): DbnChain {
  unrollDbn(plan);
  const blocks = [plan.blocks.findIndex((b) => b.role === 'visible')];
  const couplings: number[] = [];
  for (;;) {
    const current = blocks[blocks.length - 1]!;
    const b = plan.blocks[current]!;
    const k = b.incoming[0] ?? b.undirected.find((q) => !blocks.includes(plan.weights[q]!.from === current ? plan.weights[q]!.to : plan.weights[q]!.from));
    if (k === undefined) break;
    const w = plan.weights[k]!;
    couplings.push(k);
    blocks.push(w.from === current ? w.to : w.from);
    if (!w.directed) break;
  }
  if (couplings.length === 0) throw new ShapeError(`${fn}: the network has no hidden layer`, { function: fn });
  return { blocks, couplings };
}

/** @internal The upward layers of the plan (in×out weights, upper group's bias), bottom-up. */
export function initialLayers(plan: Plan, chain: DbnChain): SigmoidLayer[] {
  const layers = unrollDbn(plan).layers;
  return chain.couplings.map((_, k) => layers[k]!);
}

const LOOP_KEYS = ['epochs', 'batchSize', 'k', 'chains', 'learningRate', 'momentum', 'weightDecay', 'l1', 'sparsity', 'schedule', 'maxGradNorm'] as const;

function bad(fn: string, option: string, expected: string, received: unknown): ConfigError {
  const shown = typeof received === 'number' || typeof received === 'string' || typeof received === 'boolean' ? String(received) : received === null ? 'null' : typeof received;
  return new ConfigError(`${fn}: option ${option} must be ${expected}, got ${shown}`, { function: fn, option, expected, received: shown });
}

function oneOf<T extends string>(fn: string, option: string, value: unknown, allowed: readonly T[], fallback: T, issues: StochnetError[]): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  issues.push(bad(fn, option, allowed.map((a) => `'${a}'`).join(' or '), value));
  return fallback;
}

/** @internal Visible width of the net argument (sizes or Network), pushing problems; null when unusable. */
function visibleWidth(fn: string, net: unknown, dtype: Dtype, backend: Backend, issues: StochnetError[]): { width: number; layers: number } | null {
  if (Array.isArray(net)) {
    const i = net.findIndex((s) => typeof s !== 'number' || !Number.isSafeInteger(s) || s < 1);
    if (net.length < 2 || i >= 0) {
      issues.push(new ShapeError(`${fn}: sizes must list at least two positive integers, visible first${i >= 0 ? `; sizes[${i}] is ${String(net[i])}` : ''}`, { function: fn, argument: 'sizes', index: i >= 0 ? i : null, received: i >= 0 ? String(net[i]) : net.length }));
      return null;
    }
    return { width: net[0] as number, layers: net.length - 1 };
  }
  const compiled = compileEither(net as Network, { dtype, backend });
  if (compiled._tag === 'Left') {
    issues.push(...compiled.left);
    return null;
  }
  if (compiled.right.kind !== 'dbn' && compiled.right.kind !== 'rbm') {
    issues.push(new GraphStructureError(`${fn}: a ${compiled.right.kind} network is not a DBN; give a dbn or rbm network (undirected top pair) or layer sizes`, { function: fn, kind: compiled.right.kind, expected: ['dbn', 'rbm'] }));
    return null;
  }
  try {
    const chain = dbnChain(fn, compiled.right);
    return { width: compiled.right.blocks[chain.blocks[0]!]!.size, layers: chain.couplings.length };
  } catch (e) {
    issues.push(e as StochnetError);
    return null;
  }
}

/** @internal Checks trainDbn's arguments, pushing every problem. */
export function resolveDbnOptions(fn: string, net: unknown, data: TrainingData, options: TrainDbnOptions, issues: StochnetError[]): ResolvedDbnOptions {
  const o = (options !== null && typeof options === 'object' ? options : {}) as unknown as Record<string, unknown>;
  if (options === null || typeof options !== 'object') issues.push(bad(fn, 'options', 'an object such as { epochs: 10, batchSize: 10, learningRate: 0.1, seed: 1 }', options));
  const method = oneOf(fn, 'method', o['method'], ['cd', 'pcd'] as const, 'cd', issues);
  const dtype = oneOf(fn, 'dtype', o['dtype'], ['float64', 'float32'] as const, 'float64', issues);
  const propagate = oneOf(fn, 'propagate', o['propagate'], ['probabilities', 'samples'] as const, 'probabilities', issues);
  const visibleBias = oneOf(fn, 'visibleBias', o['visibleBias'], ['data', 'network'] as const, 'data', issues);
  const allow = o['allowProbabilities'];
  if (allow !== undefined && typeof allow !== 'boolean') issues.push(bad(fn, 'allowProbabilities', 'true or false', allow));
  if (o['onLayer'] !== undefined && typeof o['onLayer'] !== 'function') issues.push(bad(fn, 'onLayer', 'a function', o['onLayer']));
  const seed = canonicalSeed(o['seed']);
  if (seed._tag === 'Left') issues.push(seed.left);
  const common: Record<string, unknown> = {};
  for (const key of LOOP_KEYS) if (o[key] !== undefined) common[key] = o[key];
  // The backend is checked by compiling a 1×1 RBM with it (compile's own checks, collected).
  let backend: Backend = jsBackend;
  if (o['backend'] !== undefined) {
    const probe = compileEither(rbm(1, 1, { seed: 0 }), { dtype, backend: o['backend'] as Backend });
    if (probe._tag === 'Left') issues.push(...probe.left);
    else backend = probe.right.backend;
  }
  const shape = visibleWidth(fn, net, dtype, backend, issues);
  const layers = o['layers'];
  const overrides: Record<string, unknown>[] = [];
  if (layers !== undefined) {
    if (!Array.isArray(layers)) issues.push(bad(fn, 'layers', 'an array of per-layer overrides', layers));
    else {
      if (shape !== null && layers.length > shape.layers) issues.push(bad(fn, 'layers', `at most ${shape.layers} entries (one per RBM)`, layers.length));
      layers.forEach((l: unknown, k) => {
        if (l === null || typeof l !== 'object') issues.push(bad(fn, `layers[${k}]`, 'an object of training options', l));
        else overrides.push(l as Record<string, unknown>);
      });
    }
  }
  // Every layer's merged options, checked as train() will check them (each problem once).
  const seen = new Set<string>();
  for (const over of [{}, ...overrides]) {
    const merged = { ...common, ...over, method, seed: 'check' };
    const local: StochnetError[] = [];
    resolveOptimiserOptions(fn, merged, local);
    resolveTrainOptions(fn, merged, local);
    resolveLearnOptions(fn, merged, local);
    for (const e of local) {
      const key = `${e.code}:${String(e.details['option'])}`;
      if (!seen.has(key)) issues.push(e);
      seen.add(key);
    }
  }
  if (shape !== null) {
    const d = data as Partial<TrainingData> | null;
    const cols = d !== null && typeof d === 'object' && typeof d.cols === 'number' ? d.cols : Number.NaN;
    checkBatch(fn, 'data', d?.values, d?.rows, cols, shape.width, allow === true, issues);
  }
  return { method, dtype, backend, propagate, visibleBias, allowProbabilities: allow === true, common };
}
