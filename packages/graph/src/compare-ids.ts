/**
 * The one order stochnet puts ids in: code-unit order (what `<` does on
 * strings), independent of locale and of insertion order.
 *
 * @module
 */

/**
 * Compares two ids in code-unit order, for `Array.prototype.sort`.
 *
 * @internal
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
