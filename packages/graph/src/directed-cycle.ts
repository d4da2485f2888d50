/**
 * Directed cycles among groups, found on the plain structure: no graph view,
 * no validity assumed (validation itself uses it).
 *
 * @module
 */
import { compareIds } from './compare-ids.js';
import type { GroupId, Structure } from './types.js';

/**
 * Finds a cycle of directed couplings among a structure's groups, if any.
 *
 * @remarks
 * Depth-first search over the directed couplings, visiting groups and their
 * out-edges in id order so the answer is deterministic. Only groups and
 * couplings are read: couplings whose endpoints are not known groups are
 * ignored, so this works on structures that are not (yet) valid networks.
 * A directed coupling from a group to itself is a cycle of length one.
 *
 * @param structure - the groups and couplings to search
 * @returns the cycle as a path with its first group repeated at the end
 *   (e.g. `['a', 'b', 'c', 'a']`), or `null` when the directed couplings form a DAG
 *
 * @example
 * ```ts
 * import { findDirectedCycle, sbn } from '@stochnet/graph';
 * console.log(findDirectedCycle(sbn([4, 3, 2], { seed: 1 }).structure)); // null
 * ```
 */
export function findDirectedCycle(structure: Structure): GroupId[] | null {
  const known = new Set<string>(structure.groups.map((g) => g.id));
  const out = new Map<GroupId, GroupId[]>();
  for (const c of structure.couplings) {
    if (!c.directed || !known.has(c.from) || !known.has(c.to)) continue;
    const list = out.get(c.from);
    if (list) list.push(c.to);
    else out.set(c.from, [c.to]);
  }
  for (const list of out.values()) list.sort(compareIds);
  const ids = [...known].sort(compareIds) as GroupId[];
  // 0 = unvisited, 1 = on the current path, 2 = finished.
  const state = new Map<GroupId, number>();
  const path: GroupId[] = [];
  for (const root of ids) {
    if (state.get(root)) continue;
    // Iterative DFS: a stack of (group, next out-edge position).
    const stack: [GroupId, number][] = [[root, 0]];
    state.set(root, 1);
    path.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top[0])?.[top[1]];
      if (next === undefined) {
        stack.pop();
        path.pop();
        state.set(top[0], 2);
        continue;
      }
      top[1] += 1;
      const s = state.get(next) ?? 0;
      if (s === 1) return [...path.slice(path.indexOf(next)), next];
      if (s === 0) {
        state.set(next, 1);
        path.push(next);
        stack.push([next, 0]);
      }
    }
  }
  return null;
}
