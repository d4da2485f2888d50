/**
 * Size limits of a compiled plan, checked on the structure alone, before
 * anything is allocated.
 *
 * @module
 */
import { TooLargeError } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';

/**
 * The most weights a plan holds, in one block and in total: 2^28 (1 GiB of
 * float32, 2 GiB of float64). A dense block counts rows·cols, a sparse block
 * its pairs.
 *
 * @example
 * ```ts
 * import { MAX_PLAN_WEIGHTS } from '@stochnet/model';
 * console.log(MAX_PLAN_WEIGHTS === 2 ** 28); // true
 * ```
 */
export const MAX_PLAN_WEIGHTS = 2 ** 28;

/**
 * The most units a plan holds (the length of its state vector): 2^28.
 *
 * @example
 * ```ts
 * import { MAX_PLAN_UNITS } from '@stochnet/model';
 * console.log(MAX_PLAN_UNITS === 2 ** 28); // true
 * ```
 */
export const MAX_PLAN_UNITS = 2 ** 28;

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
}

/**
 * Reports every block over {@link MAX_PLAN_WEIGHTS}, and the totals over the
 * limits. Sizes that are not positive integers are skipped (validation
 * reports them), so this runs on any structure.
 *
 * @internal
 */
export function checkLimits(net: Network, issues: TooLargeError[]): void {
  const structure = (net as Partial<Network> | null)?.structure;
  if (!Array.isArray(structure?.groups) || !Array.isArray(structure.couplings)) return;
  const params = net.couplings instanceof Map ? net.couplings : new Map<string, unknown>();
  const sizes = new Map<string, number>();
  let units = 0;
  for (const g of structure.groups) {
    if (typeof g !== 'object' || g === null || !isCount(g.size)) continue;
    sizes.set(g.id, g.size);
    units += g.size;
  }
  if (units > MAX_PLAN_UNITS) {
    issues.push(
      new TooLargeError(`the network has ${units} units, over the plan limit of 2^28; split it or use fewer units`, {
        units,
        limit: MAX_PLAN_UNITS,
      }),
    );
  }
  let total = 0;
  let blockOver = false;
  for (const c of structure.couplings) {
    if (typeof c !== 'object' || c === null) continue;
    const rows = sizes.get(c.from);
    const cols = sizes.get(c.to);
    if (rows === undefined || cols === undefined) continue;
    let count: number;
    if (c.connectivity === 'sparse') {
      const p = params.get(c.id) as { weights?: unknown } | undefined;
      count = p?.weights instanceof Float64Array ? p.weights.length : 0;
    } else {
      count = rows * cols;
    }
    total += count;
    if (count > MAX_PLAN_WEIGHTS) {
      blockOver = true;
      issues.push(
        new TooLargeError(
          `coupling ${c.id} would hold ${count} weights (${rows}×${cols}), over the limit of 2^28 per block; use a sparse or masked coupling of smaller groups`,
          { coupling: c.id, rows, cols, weights: count, limit: MAX_PLAN_WEIGHTS },
        ),
      );
    }
  }
  if (!blockOver && total > MAX_PLAN_WEIGHTS) {
    issues.push(
      new TooLargeError(`the network would hold ${total} weights in total, over the plan limit of 2^28; use fewer or smaller couplings`, {
        weights: total,
        limit: MAX_PLAN_WEIGHTS,
      }),
    );
  }
}
