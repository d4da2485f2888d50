/**
 * The canonical order of a network's groups and couplings (sorted by id in
 * code-unit order), and the group-level graph in block indices that kind
 * detection and the schedules work on.
 *
 * @module
 */
import { compareIds } from '@stochnet/graph';
import type { CouplingSpec, GroupSpec, Structure } from '@stochnet/graph';

/** A coupling in block indices. */
export interface TopoEdge {
  /** Index of the coupling in the sorted coupling list (its weight block). */
  readonly index: number;
  readonly spec: CouplingSpec;
  readonly from: number;
  readonly to: number;
  readonly directed: boolean;
  readonly lateral: boolean;
}

/** Groups and couplings in plan order, with block indices. */
export interface Topology {
  readonly groups: readonly GroupSpec[];
  readonly edges: readonly TopoEdge[];
}

/**
 * Sorts a (valid) structure's groups and couplings by id and resolves
 * coupling ends to block indices. Couplings naming unknown groups are
 * skipped (validation reports them).
 *
 * @internal
 */
export function topologyOf(structure: Structure): Topology {
  const groups = [...structure.groups].sort((a, b) => compareIds(a.id, b.id));
  const index = new Map<string, number>();
  groups.forEach((g, i) => index.set(g.id, i));
  const couplings = [...structure.couplings].sort((a, b) => compareIds(a.id, b.id));
  const edges: TopoEdge[] = [];
  couplings.forEach((spec, i) => {
    const from = index.get(spec.from);
    const to = index.get(spec.to);
    if (from === undefined || to === undefined) return;
    edges.push({ index: i, spec, from, to, directed: spec.directed, lateral: from === to });
  });
  return { groups, edges };
}
