/**
 * Pictures' worth of samples from a model: long Gibbs runs from random
 * starts (RBM), ancestral draws (SBN) or DBN sampling, and inpainting with
 * some visible units clamped. The last step shows probabilities: p(v | h)
 * of the final hidden states, a mean-field view of where each chain is.
 *
 * @module
 */
import type { Seed } from '@stochnet/graph';
import { sigmoid, visibleGivenHidden } from '@stochnet/model';
import type { FloatArray, Plan, UnitBlock } from '@stochnet/model';
import { ancestralSample, dbnSample, initGibbs, initPosterior, runGibbs, runPosterior } from '@stochnet/inference';
import { UsageError } from './errors.js';

/** @internal The one visible block of a plan. */
export function visibleBlock(plan: Plan): UnitBlock {
  const vis = plan.blocks.filter((b) => b.role === 'visible');
  if (vis.length !== 1) {
    throw new UsageError(`the model has ${vis.length} visible groups; sampling pictures needs exactly one`, { option: '--model', received: vis.length });
  }
  return vis[0]!;
}

function hiddenRows(plan: Plan, states: FloatArray, rows: number): Float64Array {
  const hb = plan.blocks.find((b) => b.role !== 'visible')!;
  const h = new Float64Array(rows * hb.size);
  for (let r = 0; r < rows; r++) for (let j = 0; j < hb.size; j++) h[r * hb.size + j] = states[r * plan.size + hb.offset + j]!;
  return h;
}

/**
 * p(v_i = 1 | parents) for each row of full states, for a visible block whose
 * parents are directed couplings (SBN, DBN); sampled values where it has none.
 */
function directedVisibleMean(plan: Plan, states: FloatArray, rows: number): Float64Array {
  const vb = visibleBlock(plan);
  const nv = vb.size;
  const out = new Float64Array(rows * nv);
  const parents = vb.incoming.map((w) => plan.weights[w]!).filter((w) => w.sparse === null);
  for (let r = 0; r < rows; r++) {
    const s = r * plan.size;
    for (let i = 0; i < nv; i++) {
      if (parents.length === 0) {
        out[r * nv + i] = states[s + vb.offset + i]!;
        continue;
      }
      let a = plan.bias[vb.offset + i]!;
      for (const w of parents) {
        const from = plan.blocks[w.from]!;
        for (let j = 0; j < w.rows; j++) {
          const x = states[s + from.offset + j]!;
          if (x !== 0) a += x * w.weights[j * w.cols + i]! * (w.mask === null ? 1 : w.mask[j * w.cols + i]!);
        }
      }
      out[r * nv + i] = sigmoid(a);
    }
  }
  return out;
}

/** @internal n samples' visible probabilities, rows × visible units. */
export function drawSamples(plan: Plan, n: number, opts: { readonly seed: Seed; readonly sweeps: number }): Float64Array {
  if (plan.kind === 'rbm') {
    const state = initGibbs(plan, { chains: n, seed: opts.seed, init: 'random' });
    runGibbs(state, opts.sweeps);
    return visibleGivenHidden(plan, hiddenRows(plan, state.states, n), n);
  }
  if (plan.kind === 'sbn') return directedVisibleMean(plan, ancestralSample(plan, { samples: n, seed: opts.seed }).states, n);
  if (plan.kind === 'dbn') return directedVisibleMean(plan, dbnSample(plan, { samples: n, gibbsSteps: opts.sweeps, seed: opts.seed }).states, n);
  throw new UsageError(`sample draws from rbm, sbn and dbn models; this model is a ${plan.kind}`, { option: '--model', received: plan.kind });
}

/**
 * @internal Inpainting: each row's units `clamped` (indices within the
 * visible block) held at its data values, the rest sampled for `sweeps`
 * sweeps; returns rows × visible values (data where clamped, probabilities elsewhere).
 */
export function inpaint(plan: Plan, data: Uint8Array, rows: number, clamped: readonly number[], opts: { readonly seed: Seed; readonly sweeps: number }): Float64Array {
  const vb = visibleBlock(plan);
  const nv = vb.size;
  const values: number[] = [];
  for (let r = 0; r < rows; r++) for (const i of clamped) values.push(data[r * nv + i]!);
  const evidence = [{ group: vb.group, units: [...clamped], values }];
  let out: Float64Array;
  if (plan.kind === 'rbm') {
    const state = initGibbs(plan, { chains: rows, seed: opts.seed, init: 'random', clamp: evidence });
    runGibbs(state, opts.sweeps);
    out = visibleGivenHidden(plan, hiddenRows(plan, state.states, rows), rows);
  } else if (plan.kind === 'sbn') {
    const state = initPosterior(plan, { chains: rows, seed: opts.seed, evidence });
    runPosterior(state, opts.sweeps);
    out = directedVisibleMean(plan, state.states, rows);
  } else {
    throw new UsageError(`--inpaint works on rbm and sbn models; this model is a ${plan.kind}`, { option: '--inpaint', received: plan.kind });
  }
  for (let r = 0; r < rows; r++) for (const i of clamped) out[r * nv + i] = data[r * nv + i]!;
  return out;
}

/** @internal Visible indices of the top half of an image of `shape` [height, width]. */
export function topHalf(shape: readonly [number, number]): number[] {
  const [h, w] = shape;
  const out: number[] = [];
  for (let i = 0; i < Math.floor(h / 2) * w; i++) out.push(i);
  return out;
}
