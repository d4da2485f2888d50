/**
 * Uniform random numbers for the samplers: filled from each chain's own
 * stream into workspace buffers and compared with probabilities as
 * [u < p] (the `bernoulli` kernel's rule), so draws are the same numbers on
 * every backend.
 *
 * @module
 */
import { ShapeError, ValidationError } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import { sharedStreams } from './alea-streams.js';

/**
 * Fills `perChain` uniforms for every chain from that chain's own stream:
 * `out[c·perChain + i]` is the i-th draw of `rngs[c]` in this call.
 *
 * @remarks
 * Each chain's stream is advanced by exactly `perChain` draws (32-bit
 * uniforms in [0, 1), see `Rng.next`), chain 0 first. Because a chain reads
 * only its own stream, chain c's numbers do not depend on how many chains
 * there are. `out` is a Float64Array: a 32-bit uniform rounded to float32
 * could become exactly 1.
 * Shapes: out holds at least rngs.length × perChain. Mutates: out and the
 * streams. Allocates: nothing. Complexity: O(rngs.length · perChain).
 *
 * @param out - destination, chain-major
 * @param rngs - one stream per chain
 * @param perChain - draws per chain, a non-negative integer
 * @returns `out`
 * @throws ShapeError when `perChain` is invalid or `out` is too short (nothing is drawn)
 * @throws ValidationError when `out` is not a Float64Array
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { chainRng, fillUniforms } from '@stochnet/inference';
 * const base = createRng('u');
 * const u = fillUniforms(new Float64Array(6), [chainRng(base, 0), chainRng(base, 1)], 3);
 * console.log(u[3] === chainRng(base, 1).next()); // true
 * ```
 */
export function fillUniforms(out: Float64Array, rngs: readonly Rng[], perChain: number): Float64Array {
  const fn = 'fillUniforms';
  if (!(out instanceof Float64Array)) {
    throw new ValidationError(`${fn}: out must be a Float64Array`, { function: fn, argument: 'out', expected: 'Float64Array' });
  }
  if (typeof perChain !== 'number' || !Number.isSafeInteger(perChain) || perChain < 0) {
    throw new ShapeError(`${fn}: perChain must be a non-negative integer, got ${String(perChain)}`, {
      function: fn,
      argument: 'perChain',
      received: perChain,
    });
  }
  const need = rngs.length * perChain;
  if (out.length < need) {
    throw new ShapeError(`${fn}: out has length ${out.length}, expected at least ${need} (${rngs.length} chains × ${perChain})`, {
      function: fn,
      argument: 'out',
      expected: need,
      received: out.length,
    });
  }
  const shared = sharedStreams(rngs);
  if (shared !== null) {
    shared.streams.fillStreams(shared.first, rngs.length, perChain, out, 0, perChain);
    return out;
  }
  for (let c = 0; c < rngs.length; c++) {
    const rng = rngs[c]!;
    const base = c * perChain;
    for (let i = 0; i < perChain; i++) out[base + i] = rng.next();
  }
  return out;
}

/**
 * @internal Fills several chain-major buffers in one pass over the chains:
 * for each chain c, for each buffer p with `active[p]` set, `widths[p]`
 * draws go to `buffers[p][c·widths[p] ..]`. A chain's stream is read in
 * buffer order, so the result equals filling the buffers one after another
 * with {@link fillUniforms}. Streams from one AleaStreams (the samplers'
 * own) are filled part by part, four chains at a time.
 */
export function fillUniformsMulti(
  buffers: readonly Float64Array[],
  widths: Int32Array,
  active: Uint8Array,
  rngs: readonly Rng[],
  chains: number,
): void {
  const parts = buffers.length;
  const shared = sharedStreams(rngs.length === chains ? rngs : rngs.slice(0, chains));
  if (shared !== null) {
    // Streams are independent, so part by part gives each chain the same draws in the same order.
    for (let p = 0; p < parts; p++) {
      if (active[p] === 0) continue;
      const k = widths[p]!;
      shared.streams.fillStreams(shared.first, chains, k, buffers[p]!, 0, k);
    }
    return;
  }
  for (let c = 0; c < chains; c++) {
    const rng = rngs[c]!;
    for (let p = 0; p < parts; p++) {
      if (active[p] === 0) continue;
      const k = widths[p]!;
      const buf = buffers[p]!;
      const base = c * k;
      for (let i = 0; i < k; i++) buf[base + i] = rng.next();
    }
  }
}
