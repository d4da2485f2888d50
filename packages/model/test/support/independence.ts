/**
 * An independent check of a Gibbs schedule against the network it came
 * from: every unit of a covered group is updated exactly once per sweep, and
 * no step holds two units joined by an undirected coupling.
 */
import type { Network } from '@stochnet/graph';
import type { Plan } from '@stochnet/model';

/** Unit pairs (global state indices) joined by undirected couplings, read from the network. */
export function undirectedPairs(plan: Plan, net: Network): [number, number][] {
  const offset = new Map(plan.blocks.map((b) => [b.group as string, b.offset]));
  const size = new Map(plan.blocks.map((b) => [b.group as string, b.size]));
  const pairs: [number, number][] = [];
  for (const c of net.structure.couplings) {
    if (c.directed) continue;
    const p = net.couplings.get(c.id)!;
    const a = offset.get(c.from)!;
    const b = offset.get(c.to)!;
    const n = size.get(c.to)!;
    if (c.connectivity === 'sparse') {
      p.rows!.forEach((r, k) => pairs.push([a + r, b + p.cols![k]!]));
      continue;
    }
    for (let i = 0; i < size.get(c.from)!; i++) {
      for (let j = 0; j < n; j++) {
        if (c.from === c.to && i === j) continue;
        if (p.mask === undefined || p.mask[i * n + j] === 1) pairs.push([a + i, b + j]);
      }
    }
  }
  return pairs;
}

/** The step of every unit (-1 if not scheduled); throws if a unit is scheduled twice. */
export function stepOfUnits(plan: Plan): Int32Array {
  const step = new Int32Array(plan.size).fill(-1);
  plan.schedules.gibbs.forEach((s, k) => {
    for (const part of s.parts) {
      const block = plan.blocks[part.block]!;
      const units = part.units === null ? Array.from({ length: block.size }, (_, i) => i) : Array.from(part.units);
      for (const i of units) {
        if (step[block.offset + i] !== -1) throw new Error(`unit ${block.group}[${i}] scheduled twice`);
        step[block.offset + i] = k;
      }
    }
  });
  return step;
}

/** Pairs of coupled units that share a step (empty for a valid schedule). */
export function conflicts(plan: Plan, net: Network): [number, number][] {
  const step = stepOfUnits(plan);
  return undirectedPairs(plan, net).filter(([i, j]) => step[i] !== -1 && step[i] === step[j]);
}
