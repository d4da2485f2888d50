/**
 * Which block of an RBM plan is visible and which hidden, and how its one
 * weight block is oriented.
 *
 * @module
 */
import { LayeringError } from '@stochnet/graph';
import type { Plan } from '../plan.js';
import { checkKind, checkPlan } from './state.js';

/** @internal The sides of an RBM plan. */
export interface RbmLayout {
  /** Visible block index. */
  readonly vis: number;
  /** Hidden block index. */
  readonly hid: number;
  /** The weight block joining them. */
  readonly w: number;
  /** Whether the weight block's `from` side is the visible block (W stored nv×nh). */
  readonly visIsFrom: boolean;
  readonly nv: number;
  readonly nh: number;
}

/**
 * @internal The RBM layout: the block with role `visible` is v, the other h.
 * Throws a GraphStructureError for other kinds and a LayeringError unless
 * exactly one of the two blocks has role `visible`.
 */
export function rbmLayout(fn: string, plan: Plan, instead: string): RbmLayout {
  checkPlan(fn, plan);
  checkKind(fn, plan, ['rbm'], instead);
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  if (plan.blocks.length !== 2 || visible.length !== 1 || plan.weights.length !== 1) {
    throw new LayeringError(`${fn} needs an RBM with exactly one visible-role group and one other group; give the groups roles 'visible' and 'hidden'`, {
      function: fn,
      groups: plan.blocks.map((b) => `${b.group}:${b.role}`),
    });
  }
  const vis = visible[0]!;
  const hid = 1 - vis;
  const wb = plan.weights[0]!;
  return { vis, hid, w: 0, visIsFrom: wb.from === vis, nv: plan.blocks[vis]!.size, nh: plan.blocks[hid]!.size };
}
