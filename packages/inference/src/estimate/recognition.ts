/**
 * Proposals for importance-sampled SBN likelihoods: the prior (likelihood
 * weighting) or a factorised recognition model given as a sigmoid net or a
 * function, checked against the plan's hidden groups.
 *
 * @module
 */
import { ConfigError, NonFiniteError, ProbabilityRangeError, ShapeError } from '@stochnet/graph';
import type { Plan, SigmoidNet } from '@stochnet/model';
import { logBernoulli, sigmoid } from '@stochnet/model';
import { describeValue } from '../option-checks.js';

/**
 * A recognition model as a function: writes into `out` (rows × size of the
 * hidden group) the Bernoulli means q(h_k,i = 1 | layer below) of hidden
 * layer `layer`, counted from the data upward (0 is the hidden group just
 * above the data), given `input`: the data rows (rows × visible units) for
 * layer 0, otherwise the sampled states of layer − 1. Means must lie in
 * [0, 1]. The buffers are valid only during the call.
 */
export type RecognitionFunction = (out: Float64Array, input: Float64Array, layer: number, rows: number) => void;

/**
 * The proposal q(h | v) of `importanceLogLikelihood`: `'prior'` samples the
 * hidden units from the model given their parents (likelihood weighting),
 * a {@link SigmoidNet} (output `'logistic'`) or a {@link RecognitionFunction}
 * gives a factorised recognition model, one layer per hidden group,
 * bottom-up.
 */
export type ImportanceProposal = 'prior' | SigmoidNet | RecognitionFunction;

/** @internal A checked recognition model. */
export type Recognition = { readonly kind: 'net'; readonly net: SigmoidNet } | { readonly kind: 'fn'; readonly fn: RecognitionFunction };

function isNet(x: unknown): x is SigmoidNet {
  return x !== null && typeof x === 'object' && Array.isArray((x as Partial<SigmoidNet>).layers);
}

/**
 * @internal Checks the proposal option against the hidden groups in
 * bottom-up order; returns null for the prior.
 */
export function checkProposal(fn: string, proposal: unknown, plan: Plan, nv: number, bottomUp: readonly number[]): Recognition | null {
  if (proposal === undefined || proposal === 'prior') return null;
  if (typeof proposal === 'function') return { kind: 'fn', fn: proposal as RecognitionFunction };
  if (!isNet(proposal)) {
    throw new ConfigError(`${fn}: option proposal must be 'prior', a SigmoidNet or a recognition function`, {
      function: fn,
      option: 'proposal',
      received: describeValue(proposal),
    });
  }
  if (proposal.output !== 'logistic') {
    throw new ConfigError(`${fn}: option proposal must be a SigmoidNet with output 'logistic' (independent Bernoulli units), got ${String(proposal.output)}`, {
      function: fn,
      option: 'proposal',
      received: proposal.output,
    });
  }
  const shapeFail = (layer: number, what: string, expected: unknown, received: unknown): never => {
    throw new ShapeError(`${fn}: option proposal layer ${layer} ${what}: expected ${String(expected)}, got ${String(received)}`, {
      function: fn,
      option: 'proposal',
      layer,
      expected,
      received,
    });
  };
  const layers = proposal.layers;
  if (layers.length !== bottomUp.length) {
    throw new ShapeError(`${fn}: option proposal has ${layers.length} layers, expected one per hidden group (${bottomUp.length}), bottom-up`, {
      function: fn,
      option: 'proposal',
      expected: bottomUp.length,
      received: layers.length,
    });
  }
  layers.forEach((l, k) => {
    const inputs = k === 0 ? nv : plan.blocks[bottomUp[k - 1]!]!.size;
    const outputs = plan.blocks[bottomUp[k]!]!.size;
    if (l.inputs !== inputs) shapeFail(k, 'inputs', inputs, l.inputs);
    if (l.outputs !== outputs) shapeFail(k, `outputs (group ${plan.blocks[bottomUp[k]!]!.group})`, outputs, l.outputs);
    if (!(l.weights instanceof Float64Array) || l.weights.length !== inputs * outputs) shapeFail(k, 'weights length', inputs * outputs, l.weights?.length);
    if (!(l.bias instanceof Float64Array) || l.bias.length !== outputs) shapeFail(k, 'bias length', outputs, l.bias?.length);
    for (const [name, arr] of [['weights', l.weights], ['bias', l.bias]] as const) {
      const i = arr.findIndex((x) => !Number.isFinite(x));
      if (i >= 0) {
        throw new NonFiniteError(`${fn}: option proposal layer ${k} ${name}[${i}] is ${arr[i]}; parameters must be finite`, {
          function: fn,
          option: 'proposal',
          layer: k,
          argument: name,
          index: i,
          received: arr[i],
        });
      }
    }
  });
  return { kind: 'net', net: proposal };
}

/**
 * @internal Samples hidden layer `k` (rows × size) from the recognition
 * model given `input` (exactly rows × the layer's inputs), with uniforms `u[s·stride + uo + i]`; writes the
 * states to `h` and adds log q to `logq[s]`. `buf` is scratch of rows × size.
 */
export function recognitionLayer(
  fname: string,
  rec: Recognition,
  k: number,
  input: Float64Array,
  rows: number,
  size: number,
  buf: Float64Array,
  h: Float64Array,
  u: Float64Array,
  stride: number,
  uo: number,
  logq: Float64Array,
): void {
  const out = buf.subarray(0, rows * size);
  if (rec.kind === 'net') {
    const l = rec.net.layers[k]!;
    rec.net.backend.gemm(out, input, l.weights, { m: rows, n: size, k: l.inputs, transA: false, transB: false, alpha: 1, beta: 0 });
    rec.net.backend.addBias(out, l.bias, rows, size);
    for (let s = 0; s < rows; s++) {
      for (let i = 0; i < size; i++) {
        const a = out[s * size + i]!;
        const bit = u[s * stride + uo + i]! < sigmoid(a) ? 1 : 0;
        h[s * size + i] = bit;
        logq[s]! += logBernoulli(a, bit);
      }
    }
    return;
  }
  rec.fn(out, input, k, rows);
  for (let s = 0; s < rows; s++) {
    for (let i = 0; i < size; i++) {
      const m = out[s * size + i]!;
      if (!(m >= 0 && m <= 1)) {
        throw new ProbabilityRangeError(`${fname}: the recognition function wrote mean ${m} for layer ${k}, sample ${s}, unit ${i}; means must lie in [0, 1]`, {
          function: fname,
          option: 'proposal',
          layer: k,
          row: s,
          unit: i,
          received: m,
        });
      }
      const bit = u[s * stride + uo + i]! < m ? 1 : 0;
      h[s * size + i] = bit;
      logq[s]! += bit === 1 ? Math.log(m) : Math.log1p(-m);
    }
  }
}
