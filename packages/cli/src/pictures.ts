/**
 * The pictures a run leaves behind — filters, samples, reconstructions and
 * the learning curve — encoded in memory, sized so that small tiles (8×8
 * digits) are readable.
 *
 * @module
 */
import { curvePng, curveSvg, encodePng, filtersGrid, imageGrid } from '@stochnet/data';
import type { CurveSeries, RgbaImage } from '@stochnet/data';
import type { Plan } from '@stochnet/model';

function png(image: RgbaImage): Uint8Array {
  return encodePng(image.rgba, image.width, image.height);
}

/** @internal Tile scale and padding for tiles of `shape`: about 64 pixels a tile. */
export function tileLayout(shape: readonly [number, number]): { scale: number; padding: number } {
  const scale = Math.max(1, Math.min(8, Math.round(64 / Math.max(shape[0], shape[1]))));
  return { scale, padding: Math.max(2, Math.round(scale / 2)) };
}

/** @internal A PNG grid of images with values in [0, 1], ten a row. */
export function imagesPng(values: ArrayLike<number>, count: number, shape: readonly [number, number]): Uint8Array {
  return png(imageGrid(values, { tileShape: [shape[0], shape[1]], count, cols: Math.min(10, count), normalise: { min: 0, max: 1 }, ...tileLayout(shape) }));
}

/** @internal A PNG of the filters of the coupling touching the visible units (at most 100), ten a row. */
export function filtersPng(plan: Plan, shape: readonly [number, number]): Uint8Array {
  const w = plan.weights.find((b) => b.from !== b.to && (plan.blocks[b.from]!.role === 'visible' || plan.blocks[b.to]!.role === 'visible'));
  const n = w === undefined ? 1 : plan.blocks[plan.blocks[w.from]!.role === 'visible' ? w.to : w.from]!.size;
  const count = Math.min(100, n);
  return png(filtersGrid(plan, { tileShape: [shape[0], shape[1]], count, cols: Math.min(10, count), ...tileLayout(shape) }));
}

/**
 * @internal Bands of images in rows of ten: for each group of ten
 * examples, one row per band (e.g. originals, then reconstructions).
 */
export function bandsPng(bands: readonly ArrayLike<number>[], count: number, shape: readonly [number, number]): Uint8Array {
  const n = shape[0] * shape[1];
  const cols = Math.min(10, count);
  const groups = Math.ceil(count / cols);
  const k = bands.length;
  // Cells past the last example stay 0 (black).
  const out = new Float64Array(groups * k * cols * n);
  for (let e = 0; e < count; e++) {
    const g = Math.floor(e / cols);
    const c = e % cols;
    bands.forEach((band, b) => {
      for (let i = 0; i < n; i++) out[((g * k + b) * cols + c) * n + i] = band[e * n + i]!;
    });
  }
  return png(imageGrid(out, { tileShape: [shape[0], shape[1]], count: groups * k * cols, cols, normalise: { min: 0, max: 1 }, ...tileLayout(shape) }));
}

/** @internal The learning curve as SVG text and PNG bytes, or null when there is nothing to draw. */
export function curveFiles(series: readonly CurveSeries[], title: string, yLabel: string): { svg: string; png: Uint8Array } | null {
  const shown = series.filter((s) => s.values.length > 0);
  if (shown.length === 0) return null;
  const opts = { title, xLabel: 'epoch', yLabel };
  return { svg: curveSvg(shown, opts), png: curvePng(shown, opts) };
}
