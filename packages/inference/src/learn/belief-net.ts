/**
 * Checks and layout helpers shared by the belief-net learning rules: the
 * plan kind, the bottom-up chain of a layered net, row indices, and the
 * batch checks every learner runs before any work.
 *
 * @module
 */
import { GraphStructureError, LayeringError, SeedError, ShapeError, ValidationError, throwIssues } from '@stochnet/graph';
import type { Rng, StochnetError } from '@stochnet/graph';
import type { Gradient, Plan } from '@stochnet/model';
import type { BatchArray } from './batch-check.js';
import { checkBatch, checkGradientShape, visibleCount } from './batch-check.js';

/** @internal Pushes a problem unless `plan` is a compiled sigmoid belief net with visible and hidden units. */
export function checkBeliefPlan(fn: string, plan: unknown, issues: StochnetError[]): boolean {
  const p = plan as Partial<Plan> | null;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.blocks) || !(p.bias instanceof Float64Array || p.bias instanceof Float32Array)) {
    issues.push(new ValidationError(`${fn}: plan must be a Plan made by compile()`, { function: fn, argument: 'plan' }));
    return false;
  }
  if (p.kind !== 'sbn') {
    issues.push(
      new GraphStructureError(`${fn}: belief-net learning needs a sigmoid belief net (kind sbn), but this plan is ${String(p.kind)}; train undirected models with train() (CD, PCD, PT) and DBNs with trainDbn`, {
        function: fn,
        kind: p.kind,
        expected: ['sbn'],
      }),
    );
    return false;
  }
  const nv = p.blocks.filter((b) => b.role === 'visible').length;
  if (nv === 0 || nv === p.blocks.length) {
    issues.push(
      new GraphStructureError(`${fn}: the net needs visible groups (role 'visible') for the data and hidden groups to learn; it has ${nv} visible of ${p.blocks.length}`, {
        function: fn,
        groups: p.blocks.map((b) => `${b.group}:${b.role}`),
      }),
    );
    return false;
  }
  return true;
}

/**
 * @internal The hidden blocks of a layered belief net from the visible block
 * up: v ← h1 ← h2 ← …, each block with at most one parent group, every block
 * on the chain. Throws a LayeringError otherwise.
 */
export function bottomUpBlocks(fn: string, plan: Plan): number[] {
  const fail = (message: string, details: Record<string, unknown>): never => {
    throw new LayeringError(`${fn}: ${message}; wake-sleep needs a layered net v ← h1 ← h2 ← … (one visible group, one parent group per group)`, { function: fn, ...details });
  };
  const visible = plan.blocks.flatMap((b, i) => (b.role === 'visible' ? [i] : []));
  if (visible.length !== 1) fail(`found ${visible.length} visible groups`, { visible: visible.map((i) => plan.blocks[i]!.group) });
  const order: number[] = [];
  let current = visible[0]!;
  for (;;) {
    const block = plan.blocks[current]!;
    if (block.incoming.length > 1) fail(`group ${block.group} has ${block.incoming.length} parent groups`, { group: block.group });
    const k = block.incoming[0];
    if (k === undefined) break;
    const w = plan.weights[k]!;
    if (w.from === w.to || order.includes(w.from)) fail(`group ${plan.blocks[w.from]!.group} is reached twice`, { group: plan.blocks[w.from]!.group });
    order.push(w.from);
    current = w.from;
  }
  if (order.length + 1 !== plan.blocks.length) {
    const seen = new Set([visible[0]!, ...order]);
    const missing = plan.blocks.filter((_, i) => !seen.has(i)).map((b) => b.group);
    fail(`groups ${missing.join(', ')} are not on the chain up from the visible group`, { missing });
  }
  return order;
}

/** @internal Checks a learner's `gradient` arguments (collecting every problem) and throws them. */
export function checkGradientCall(fn: string, plan: Plan, out: unknown, data: unknown, rows: number, rng: unknown, indices: unknown): void {
  const issues: StochnetError[] = [];
  checkGradientShape(fn, 'out', plan, out, issues);
  const nv = visibleCount(plan);
  const length = data !== null && typeof data === 'object' && typeof (data as BatchArray).length === 'number' ? (data as BatchArray).length : 0;
  const cols = typeof rows === 'number' && rows > 0 ? length / rows : nv;
  checkBatch(fn, 'data', data, rows, cols, nv, false, issues);
  const r = rng as Partial<Rng> | null;
  if (r === null || typeof r !== 'object' || typeof r.next !== 'function' || typeof r.fork !== 'function' || typeof r.seed !== 'string') {
    issues.push(new SeedError(`${fn}: rng must be a stream from createRng (one per update)`, { function: fn, argument: 'rng' }));
  }
  if (indices !== undefined) {
    if (!(indices instanceof Int32Array) || indices.length !== rows) {
      issues.push(new ShapeError(`${fn}: indices must be an Int32Array with one training-set index per row (${String(rows)})`, { function: fn, argument: 'indices', expected: rows, received: indices instanceof Int32Array ? indices.length : typeof indices }));
    } else {
      const bad = indices.findIndex((i) => i < 0);
      if (bad >= 0) issues.push(new ValidationError(`${fn}: indices[${bad}] is ${indices[bad]}; indices must be ≥ 0`, { function: fn, argument: 'indices', index: bad, received: indices[bad] }));
    }
  }
  if (issues.length > 0) throwIssues(issues as [StochnetError, ...StochnetError[]]);
}

/** @internal Zeroes a gradient and sets `positive.bias` to the mean of `states` (rows × plan.size). */
export function meanStatesInto(positive: Gradient, states: ArrayLike<number>, rows: number, size: number): void {
  positive.bias.fill(0);
  for (const w of positive.weights) w.fill(0);
  for (let r = 0; r < rows; r++) for (let i = 0; i < size; i++) positive.bias[i]! += states[r * size + i]!;
  for (let i = 0; i < size; i++) positive.bias[i]! /= rows;
}
