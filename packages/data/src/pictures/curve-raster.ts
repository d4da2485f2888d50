/**
 * Learning curves rasterised into RGBA pixels (no fonts needed, so no text):
 * the same layout as the SVG chart.
 *
 * @module
 */
import { layoutCurves } from './curve-layout.js';
import type { CurveOptions, CurveSeries } from './curve-layout.js';
import type { RgbaImage } from './image-grid.js';
import { encodePng } from './png.js';

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

class Canvas {
  readonly rgba: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgba = new Uint8Array(width * height * 4).fill(255);
  }

  dot(x: number, y: number, c: Rgb, size: number): void {
    for (let dy = 0; dy < size; dy++) {
      for (let dx = 0; dx < size; dx++) {
        const px = x + dx;
        const py = y + dy;
        if (px < 0 || py < 0 || px >= this.width || py >= this.height) continue;
        const q = 4 * (py * this.width + px);
        this.rgba[q] = c[0];
        this.rgba[q + 1] = c[1];
        this.rgba[q + 2] = c[2];
      }
    }
  }

  /** Bresenham's line between rounded endpoints, stamping size × size dots. */
  line(xa: number, ya: number, xb: number, yb: number, c: Rgb, size = 1): void {
    let x = Math.round(xa);
    let y = Math.round(ya);
    const x1 = Math.round(xb);
    const y1 = Math.round(yb);
    const dx = Math.abs(x1 - x);
    const dy = -Math.abs(y1 - y);
    const sx = x < x1 ? 1 : -1;
    const sy = y < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.dot(x, y, c, size);
      if (x === x1 && y === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }
}

/**
 * Draws learning curves into an RGBA picture: gridlines, axes with tick
 * marks, one 2-pixel line per series in the colours of {@link curveSvg}, and
 * legend swatches in series order. It draws no text (no title, labels or
 * numbers): use {@link curveSvg} for a labelled chart.
 *
 * @param series - the lines, `{ name, values, x? }` (non-finite values leave gaps)
 * @param options - width and height (title and labels are ignored)
 * @returns the picture
 * @throws ConfigError for no series or bad options; ShapeError for an x of the wrong length
 *
 * @example
 * ```ts
 * import { curveImage } from '@stochnet/data';
 * const img = curveImage([{ name: 'loss', values: [3, 2, 1.5, 1.2] }], { width: 320, height: 200 });
 * console.log(img.width, img.height, img.rgba.length); // 320 200 256000
 * ```
 */
export function curveImage(series: readonly CurveSeries[], options?: CurveOptions): RgbaImage {
  const L = layoutCurves('curveImage', series, options);
  const cv = new Canvas(L.width, L.height);
  const gridC: Rgb = [230, 230, 230];
  const black: Rgb = [0, 0, 0];
  for (const t of L.xTicks) cv.line(t.at, L.top, t.at, L.bottom, gridC);
  for (const t of L.yTicks) cv.line(L.left, t.at, L.right, t.at, gridC);
  cv.line(L.left, L.bottom, L.right, L.bottom, black);
  cv.line(L.left, L.top, L.left, L.bottom, black);
  for (const t of L.xTicks) cv.line(t.at, L.bottom, t.at, L.bottom + 5, black);
  for (const t of L.yTicks) cv.line(L.left - 5, t.at, L.left, t.at, black);
  L.series.forEach((s, k) => {
    const c = rgbOf(s.colour);
    let prev: { x: number; y: number } | null = null;
    for (const p of s.points) {
      if (p !== null) cv.line((prev ?? p).x, (prev ?? p).y, p.x, p.y, c, 2);
      prev = p;
    }
    const y = L.legendY + k * L.legendRow + 9;
    cv.line(L.legendX, y, L.legendX + 20, y, c, 2);
  });
  return { rgba: cv.rgba, width: L.width, height: L.height };
}

/**
 * The chart of {@link curveImage}, encoded as a PNG file.
 *
 * @param series - the lines, `{ name, values, x? }`
 * @param options - width and height
 * @returns the PNG file's bytes
 * @throws as {@link curveImage}
 *
 * @example
 * ```ts
 * import { curvePng } from '@stochnet/data';
 * const png = curvePng([{ name: 'loss', values: [3, 2, 1.5] }]);
 * console.log(png[0], png.length > 100); // 137 true
 * ```
 */
export function curvePng(series: readonly CurveSeries[], options?: CurveOptions): Uint8Array {
  const img = curveImage(series, options);
  return encodePng(img.rgba, img.width, img.height);
}
