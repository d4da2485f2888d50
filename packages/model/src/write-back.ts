/**
 * Write-back: a plan's current parameters as a new Network, the other half
 * of the compile → train → write back loop.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { GraphStructureError, makeNetwork, NonFiniteError, ShapeError, throwIssues, ValidationError } from '@stochnet/graph';
import type { CouplingId, CouplingParams, GroupId, Network, StochnetError } from '@stochnet/graph';
import type { FloatArray } from './backend.js';
import { checkPlan } from './math/state.js';
import type { Plan, UnitBlock, WeightBlock } from './plan.js';

function mismatch(message: string, details: Record<string, unknown>): GraphStructureError {
  return new GraphStructureError(`${message}; write back into the network the plan was compiled from`, details, 'PLAN_MISMATCH');
}

/** Fresh Float64Array copy of `values`, reporting the first non-finite entry. */
function widen(values: FloatArray, place: { group: string } | { coupling: string }, issues: StochnetError[]): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) {
      const where = 'group' in place ? `bias ${place.group}[${i}]` : `weight ${i} of coupling ${place.coupling}`;
      issues.push(
        new NonFiniteError(`plan ${where} is ${out[i]}; training diverged, so roll back or lower the learning rate before writing back`, {
          ...place,
          index: i,
          received: out[i],
        }),
      );
      break;
    }
  }
  return out;
}

function biasOf(plan: Plan, block: UnitBlock, issues: StochnetError[]): Float64Array {
  return widen(plan.bias.subarray(block.offset, block.offset + block.size), { group: block.group }, issues);
}

/** Position of pair (r, c) in a sparse block's CSR order, or -1. */
function csrPosition(w: WeightBlock, r: number, c: number): number {
  const s = w.sparse!;
  if (!(r >= 0 && r < w.rows)) return -1;
  let lo = s.rowPtr[r]!;
  let hi = s.rowPtr[r + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const col = s.colIdx[mid]!;
    if (col === c) return mid;
    if (col < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function couplingOf(w: WeightBlock, params: CouplingParams, issues: StochnetError[]): CouplingParams {
  const place = { coupling: w.coupling };
  // Masks, lateral symmetry and zero diagonals are checked on the result by makeNetwork.
  if (w.sparse === null) return { ...params, weights: widen(w.weights, place, issues) };
  const rows = params.rows ?? new Int32Array(0);
  const cols = params.cols ?? new Int32Array(0);
  const planWeights = widen(w.weights, place, issues);
  const weights = new Float64Array(rows.length);
  if (rows.length !== w.weights.length) {
    issues.push(mismatch(`coupling ${w.coupling} has ${rows.length} pairs but the plan has ${w.weights.length}`, { ...place, expected: w.weights.length, received: rows.length }));
    return { ...params, weights };
  }
  for (let k = 0; k < rows.length; k++) {
    const p = csrPosition(w, rows[k]!, cols[k]!);
    if (p < 0) {
      issues.push(mismatch(`pair (${rows[k]}, ${cols[k]}) of coupling ${w.coupling} is not in the plan`, { ...place, row: rows[k], column: cols[k] }));
      break;
    }
    weights[k] = planWeights[p]!;
  }
  return { ...params, weights };
}

/** Throws a ValidationError unless `net` has the shape of a Network. */
function checkNetwork(net: unknown): asserts net is Network {
  const n = net as Partial<Network> | null;
  const s = n !== null && typeof n === 'object' ? n.structure : undefined;
  const ok = s !== null && typeof s === 'object' && Array.isArray(s.groups) && Array.isArray(s.couplings) && n!.biases instanceof Map && n!.couplings instanceof Map;
  if (!ok) throw new ValidationError('writeBack: net must be a Network (by default the plan\'s source)', { function: 'writeBack', argument: 'net' });
}

/** Checks that `net` has exactly the plan's groups and couplings. */
function checkStructure(plan: Plan, net: Network, issues: StochnetError[]): void {
  const groups = new Map(net.structure.groups.map((g) => [g.id as string, g]));
  const couplings = new Map(net.structure.couplings.map((c) => [c.id as string, c]));
  if (groups.size !== plan.blocks.length || couplings.size !== plan.weights.length) {
    issues.push(
      mismatch(`the network has ${groups.size} groups and ${couplings.size} couplings, the plan ${plan.blocks.length} and ${plan.weights.length}`, {
        expected: { groups: plan.blocks.length, couplings: plan.weights.length },
        received: { groups: groups.size, couplings: couplings.size },
      }),
    );
  }
  for (const b of plan.blocks) {
    const g = groups.get(b.group);
    if (g === undefined) issues.push(mismatch(`group ${b.group} of the plan is not in the network`, { group: b.group }));
    else if (g.size !== b.size) issues.push(new ShapeError(`group ${b.group} has size ${g.size} in the network but ${b.size} in the plan`, { group: b.group, expected: b.size, received: g.size }));
  }
  for (const w of plan.weights) {
    const c = couplings.get(w.coupling);
    const from = plan.blocks[w.from]?.group;
    const to = plan.blocks[w.to]?.group;
    if (c === undefined || !net.couplings.has(w.coupling)) {
      issues.push(mismatch(`coupling ${w.coupling} of the plan is not in the network`, { coupling: w.coupling }));
    } else if (c.from !== from || c.to !== to || c.directed !== w.directed || c.connectivity !== w.connectivity) {
      issues.push(
        mismatch(`coupling ${w.coupling} differs between the network and the plan`, {
          coupling: w.coupling,
          expected: { from, to, directed: w.directed, connectivity: w.connectivity },
          received: { from: c.from, to: c.to, directed: c.directed, connectivity: c.connectivity },
        }),
      );
    }
  }
}

/**
 * A new Network with the structure of `net` and the plan's current
 * parameters, as fresh Float64Array copies.
 *
 * @remarks
 * float32 parameters widen to float64 exactly, so a float64 plan written
 * back right after compiling equals its source bit for bit. Sparse weights
 * return to the (row, col) order of `net`'s pairs; masks and sparse indices
 * are `net`'s own (immutable) arrays. The result is validated like any new
 * Network, so a plan whose parameters broke an invariant is refused here.
 * Neither the plan nor `net` changes.
 *
 * @param plan - the plan whose parameters to write back
 * @param net - the network giving structure and pair order; default the plan's source
 * @returns a new Network
 * @throws `NonFiniteError` when a plan parameter is NaN or ±Infinity (naming the group or coupling and index)
 * @throws `ValidationError` when `plan` is not a compiled Plan or `net` not a
 *   Network, a masked-off weight is no longer 0, or a
 *   dense lateral block is no longer symmetric with a zero diagonal (every
 *   problem `validateNetwork` would find in the result is reported)
 * @throws `GraphStructureError` (code `PLAN_MISMATCH`) or `ShapeError` when `net`'s structure is not the plan's
 *
 * @example
 * ```ts
 * import { rbm, constant } from '@stochnet/graph';
 * import { compile, writeBack } from '@stochnet/model';
 * const net = rbm(3, 2, { init: constant(0.5) });
 * const plan = compile(net, { dtype: 'float64' });
 * plan.weights[0]!.weights[0] = 2;
 * const trained = writeBack(plan);
 * console.log(trained.couplings.get(net.structure.couplings[0]!.id)!.weights[0]); // 2
 * console.log(net.couplings.get(net.structure.couplings[0]!.id)!.weights[0]); // 0.5
 * ```
 */
export function writeBack(plan: Plan, net?: Network): Network {
  checkPlan('writeBack', plan);
  const target = net === undefined ? plan.source : net;
  checkNetwork(target);
  const issues: StochnetError[] = [];
  checkStructure(plan, target, issues);
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  const blockOf = new Map(plan.blocks.map((b) => [b.group as string, b]));
  const weightOf = new Map(plan.weights.map((w) => [w.coupling as string, w]));
  const biases = new Map<GroupId, Float64Array>();
  for (const g of target.structure.groups) biases.set(g.id, biasOf(plan, blockOf.get(g.id)!, issues));
  const couplings = new Map<CouplingId, CouplingParams>();
  for (const c of target.structure.couplings) couplings.set(c.id, couplingOf(weightOf.get(c.id)!, target.couplings.get(c.id)!, issues));
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
  // A trainer that broke an invariant (a masked-off weight, an asymmetric lateral) is caught here,
  // not later when the saved network fails to load.
  const built = makeNetwork(target.structure, biases, couplings);
  if (E.isLeft(built)) throwIssues([built.left[0], ...built.left.slice(1)]);
  return built.right;
}
