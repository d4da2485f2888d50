/**
 * Unrolling a layered belief net into the feed-forward recognition net that
 * discriminative fine-tuning starts from.
 *
 * @module
 */
import { GraphStructureError, LayeringError } from '@stochnet/graph';
import type { Plan, WeightBlock } from '../plan.js';
import { createSigmoidNet } from './sigmoid-net.js';
import { checkPlan } from './state.js';
import type { SigmoidLayer, SigmoidNet } from './sigmoid-net.js';

/** The weights of `w` as an in×out matrix read from block `from` to block `to` (transposing if needed, densifying sparse). */
function upward(w: WeightBlock, from: number): Float64Array {
  const dense = new Float64Array(w.rows * w.cols);
  if (w.sparse !== null) {
    const { rowPtr, colIdx } = w.sparse;
    for (let r = 0; r < w.rows; r++) for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) dense[r * w.cols + colIdx[p]!] = w.weights[p]!;
  } else {
    dense.set(w.weights);
  }
  if (w.from === from) return dense;
  const t = new Float64Array(w.rows * w.cols);
  for (let i = 0; i < w.rows; i++) for (let j = 0; j < w.cols; j++) t[j * w.rows + i] = dense[i * w.cols + j]!;
  return t;
}

function layering(message: string, details: Record<string, unknown>): never {
  throw new LayeringError(`unrollDbn: ${message}; unrollDbn needs a chain v ← h1 ← … (directed) with at most one undirected pair at the top`, {
    function: 'unrollDbn',
    ...details,
  });
}

/**
 * The recognition net of a layered DBN, SBN or RBM plan: one sigmoid layer
 * per hidden layer, from the visible layer up.
 *
 * @remarks
 * Walking up from the one visible-role block, each directed generative
 * coupling h_{k+1} → h_k (stored |h_{k+1}|×|h_k|) becomes the upward layer
 * h_k → h_{k+1} with the transposed weights, and the top pair's undirected
 * coupling is used as stored (oriented from the lower block). Each layer's
 * bias is the plan's bias of the upper group, so the net computes the usual
 * mean-field recognition pass q(h_{k+1} = 1) = σ(c + Wᵀ q(h_k)) (Hinton &
 * Salakhutdinov 2006). Parameters are copied to float64. The net's output
 * kind is `'logistic'` (its last layer is the top hidden layer); add a
 * classifier with {@link appendOutputLayer}. Runs on the plan's backend.
 *
 * @param plan - a compiled plan of kind dbn, sbn or rbm whose groups form a chain
 * @returns the recognition net; the plan is unchanged
 * @throws GraphStructureError when the plan is of another kind
 * @throws LayeringError when the groups do not form a chain from one visible group
 * @throws NonFiniteError when a parameter of the plan is not finite
 *
 * @example
 * ```ts
 * import { dbn } from '@stochnet/graph';
 * import { compile, unrollDbn } from '@stochnet/model';
 * const net = unrollDbn(compile(dbn([6, 4, 3, 2], { seed: 1 })));
 * console.log(net.layers.map((l) => `${l.inputs}->${l.outputs}`)); // [ '6->4', '4->3', '3->2' ]
 * ```
 */
export function unrollDbn(plan: Plan): SigmoidNet {
  checkPlan('unrollDbn', plan);
  if (plan.kind !== 'dbn' && plan.kind !== 'sbn' && plan.kind !== 'rbm') {
    throw new GraphStructureError(`unrollDbn: a ${plan.kind} plan is not a layered belief net; unroll a dbn, sbn or rbm plan`, {
      function: 'unrollDbn',
      kind: plan.kind,
      expected: ['dbn', 'sbn', 'rbm'],
    });
  }
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  if (visible.length !== 1) layering(`found ${visible.length} visible groups, expected 1`, { visible: visible.map((i) => plan.blocks[i]!.group) });
  const layers: SigmoidLayer[] = [];
  const seen = new Set<number>(visible);
  let current = visible[0]!;
  for (;;) {
    const block = plan.blocks[current]!;
    const lateral = block.undirected.find((k) => plan.weights[k]!.from === plan.weights[k]!.to);
    if (lateral !== undefined) layering(`group ${block.group} has a lateral coupling`, { group: block.group, coupling: plan.weights[lateral]!.coupling });
    if (block.incoming.length > 1) layering(`group ${block.group} has ${block.incoming.length} parent groups`, { group: block.group });
    if (block.incoming.length === 1 && block.undirected.length > 0) {
      layering(`group ${block.group} has both a parent group and an undirected coupling`, { group: block.group });
    }
    if (block.incoming.length === 0 && block.undirected.length > 1) {
      layering(`group ${block.group} has ${block.undirected.length} undirected couplings`, { group: block.group });
    }
    // The next group up: the one parent (a directed generative coupling), else the top pair's partner.
    const k = block.incoming[0] ?? block.undirected[0];
    if (k === undefined) break;
    const w = plan.weights[k]!;
    const next = w.from === current ? w.to : w.from;
    if (seen.has(next)) layering(`group ${plan.blocks[next]!.group} is reached twice`, { group: plan.blocks[next]!.group });
    seen.add(next);
    const upper = plan.blocks[next]!;
    layers.push({ inputs: block.size, outputs: upper.size, weights: upward(w, current), bias: Float64Array.from(plan.bias.subarray(upper.offset, upper.offset + upper.size)) });
    if (!w.directed) {
      if (upper.incoming.length > 0 || upper.undirected.length !== 1) layering(`the top group ${upper.group} has couplings beyond the top pair`, { group: upper.group });
      break;
    }
    current = next;
  }
  if (layers.length === 0) layering('there is no hidden group above the visible group', { groups: plan.blocks.map((b) => b.group) });
  if (seen.size !== plan.blocks.length) {
    const missing = plan.blocks.filter((_, i) => !seen.has(i)).map((b) => b.group);
    layering(`groups ${missing.join(', ')} are not on the chain up from the visible group`, { missing });
  }
  return createSigmoidNet(layers, 'logistic', { backend: plan.backend });
}
