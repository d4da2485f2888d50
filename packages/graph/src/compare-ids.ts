/**
 * The one order stochnet puts ids in: code-unit order (what `<` does on
 * strings), independent of locale and of insertion order.
 *
 * @module
 */

/**
 * Compares two ids in code-unit order, for `Array.prototype.sort`: the order
 * of graph views, integrity hashes and the compiled plan's blocks and
 * weights. Never `localeCompare`, whose order depends on the locale.
 *
 * @param a - the first id
 * @param b - the second id
 * @returns a negative number, 0 or a positive number as `a` sorts before, with or after `b`
 *
 * @example
 * ```ts
 * import { compareIds } from '@stochnet/graph';
 * console.log(['h', 'V', 'h10', 'h2'].sort(compareIds)); // [ 'V', 'h', 'h10', 'h2' ]
 * ```
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
