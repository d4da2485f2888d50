/**
 * The picture shape of a model's visible units.
 *
 * @module
 */
import type { Plan } from '@stochnet/model';
import { visibleBlock } from './sampling.js';

/** @internal The visible group's 2-D shape, else a square when the size is one, else 1 × n. */
export function visibleShape(plan: Plan): [number, number] {
  const vb = visibleBlock(plan);
  const s = vb.shape;
  if (s !== undefined && s.length === 2) return [s[0]!, s[1]!];
  const r = Math.round(Math.sqrt(vb.size));
  return r * r === vb.size ? [r, r] : [1, vb.size];
}
