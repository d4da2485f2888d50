/**
 * How values become grey levels in pictures.
 *
 * @module
 */
import { optionError } from '../check.js';

/**
 * How tile values map to grey levels 0 (black) … 255 (white):
 * - `'global'`: min → 0 and max → 255, over every tile shown;
 * - `'per-tile'`: the same, with each tile's own min and max;
 * - `'symmetric'`: per tile, symmetric around 0: with m = max |v| of the
 *   tile, grey = round(127.5 + 127.5 · v / m), so −m → 0, 0 → 128, +m → 255
 *   (for weights, where the sign matters);
 * - `'global-symmetric'`: the same with m over every tile shown;
 * - `{ min, max }`: fixed, min → 0 and max → 255, values outside clamped.
 * A constant range (max = min, or m = 0) maps to 128.
 */
export type Normalise = 'global' | 'per-tile' | 'symmetric' | 'global-symmetric' | { readonly min: number; readonly max: number };

/** A linear map from values to grey levels: grey = round(clamp(offset + factor · v, 0, 255)). */
export interface GreyMap {
  /** Added after scaling. */
  offset: number;
  /** Grey levels per unit of value. */
  factor: number;
}

/** Checks a normalise option; returns it. */
export function normaliseOption(fn: string, value: unknown): Normalise {
  if (value === 'global' || value === 'per-tile' || value === 'symmetric' || value === 'global-symmetric') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { min, max } = value as Record<string, unknown>;
    if (typeof min === 'number' && typeof max === 'number' && Number.isFinite(min) && Number.isFinite(max) && min < max) {
      return { min, max };
    }
  }
  throw optionError(fn, 'normalise', "'global', 'per-tile', 'symmetric', 'global-symmetric' or { min, max } with min < max", value);
}

/** The grey map for values in [lo, hi] under a mode; `absMax` is max |v| of the same values. */
export function greyMap(mode: Normalise, lo: number, hi: number, absMax: number): GreyMap {
  if (typeof mode === 'object') return { offset: (-255 * mode.min) / (mode.max - mode.min), factor: 255 / (mode.max - mode.min) };
  if (mode === 'symmetric' || mode === 'global-symmetric') {
    return absMax === 0 ? { offset: 128, factor: 0 } : { offset: 127.5, factor: 127.5 / absMax };
  }
  return hi === lo ? { offset: 128, factor: 0 } : { offset: (-255 * lo) / (hi - lo), factor: 255 / (hi - lo) };
}

/** The grey level of `v` under `map`. */
export function grey(map: GreyMap, v: number): number {
  const g = Math.round(map.offset + map.factor * v);
  return g < 0 ? 0 : g > 255 ? 255 : g;
}

/** Min, max and max |v| of values[start, end). */
export function rangeOf(values: ArrayLike<number>, start: number, end: number): { lo: number; hi: number; absMax: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi, absMax: Math.max(Math.abs(lo), Math.abs(hi)) };
}
