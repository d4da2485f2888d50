/**
 * Grids of grey-level tiles as RGBA pixel buffers (browser-safe: draw them
 * on a canvas, or encode them as PNG).
 *
 * @module
 */
import { NonFiniteError, ShapeError, TooLargeError } from '@stochnet/graph';
import { intOption, optionError, optionsObject } from '../check.js';
import { checkDataset } from '../dataset.js';
import type { Dataset, PixelArray } from '../dataset.js';
import { grey, greyMap, normaliseOption, rangeOf } from './normalise.js';
import type { Normalise } from './normalise.js';

/** An RGBA picture: 4 bytes a pixel (red, green, blue, alpha), row-major from the top left. */
export interface RgbaImage {
  /** width × height × 4 bytes. */
  readonly rgba: Uint8Array;
  /** Pixels per row. */
  readonly width: number;
  /** Rows of pixels. */
  readonly height: number;
}

/** Options of {@link imageGrid}. */
export interface ImageGridOptions {
  /** `[height, width]` of a tile; required for a plain array, default `data.shape` for a data set. */
  readonly tileShape?: readonly [number, number] | undefined;
  /** Tiles to show (default: all, up to rows × cols). */
  readonly count?: number | undefined;
  /** Rows of tiles (default: enough for the tiles shown). */
  readonly rows?: number | undefined;
  /** Columns of tiles (default: ⌈√count⌉, or enough for the tiles with `rows` given). */
  readonly cols?: number | undefined;
  /** Value to grey mapping (default `'global'`). */
  readonly normalise?: Normalise | undefined;
  /** Pixels of padding between tiles and around the grid (default 1). */
  readonly padding?: number | undefined;
  /** Each value becomes a scale × scale block of pixels (default 1). */
  readonly scale?: number | undefined;
  /** `[red, green, blue]` of the padding and of empty cells (default {@link DEFAULT_PAD_COLOUR}). */
  readonly padColour?: readonly [number, number, number] | undefined;
}

/** The default padding colour, a dark blue that no grey level takes. */
export const DEFAULT_PAD_COLOUR: readonly [number, number, number] = [32, 64, 128];

/** The largest picture the drawing functions make, in pixels (2^26: 8192 × 8192). */
export const MAX_PICTURE_PIXELS = 2 ** 26;

/** Checks a picture size against {@link MAX_PICTURE_PIXELS}. */
export function checkPictureSize(fn: string, width: number, height: number): void {
  if (width * height > MAX_PICTURE_PIXELS) {
    throw new TooLargeError(`${fn}: a ${width} × ${height} picture exceeds the limit of ${MAX_PICTURE_PIXELS} pixels; lower scale or count`, {
      function: fn,
      width,
      height,
      limit: MAX_PICTURE_PIXELS,
    });
  }
}

function colourOption(fn: string, value: unknown): readonly [number, number, number] {
  if (value === undefined) return DEFAULT_PAD_COLOUR;
  const ok = Array.isArray(value) && value.length === 3 && value.every((c) => Number.isInteger(c) && (c as number) >= 0 && (c as number) <= 255);
  if (!ok) throw optionError(fn, 'padColour', '[red, green, blue] of integers 0..255', value);
  return value as unknown as readonly [number, number, number];
}

function tileShapeOption(fn: string, value: unknown): [number, number] {
  const ok = Array.isArray(value) && value.length === 2 && value.every((s) => Number.isInteger(s) && (s as number) >= 1);
  if (!ok) throw optionError(fn, 'tileShape', '[height, width] of positive integers', value);
  return [(value as number[])[0]!, (value as number[])[1]!];
}

function isDataset(x: unknown): x is Dataset<PixelArray> {
  return x !== null && typeof x === 'object' && 'images' in x && 'shape' in x;
}

/**
 * Lays tiles out in a grid and maps their values to grey levels, into an
 * RGBA pixel buffer.
 *
 * @remarks
 * Tile t holds values[t·h·w, (t+1)·h·w), row-major, and goes to grid cell
 * (⌊t / cols⌋, t mod cols). Values map to grey by `normalise` (see
 * {@link Normalise}; the global modes look only at the tiles shown). The
 * picture is cols·w·scale + (cols+1)·padding pixels wide and
 * rows·h·scale + (rows+1)·padding high; padding and empty cells take
 * `padColour`; alpha is 255 everywhere.
 *
 * @param images - tile values (length a multiple of h·w), or a data set
 * @param options - tile shape, layout, normalisation, padding, scale, colour
 * @returns the picture
 * @throws ConfigError for bad options; ShapeError when the values do not
 *   divide into tiles or there are none; NonFiniteError naming the tile
 *   and index of a NaN or ±Infinity; TooLargeError past {@link MAX_PICTURE_PIXELS}
 *
 * @example
 * ```ts
 * import { imageGrid, loadDigits } from '@stochnet/data';
 * const grid = imageGrid(loadDigits(), { count: 20, cols: 10, scale: 2 });
 * console.log(grid.width, grid.height, grid.rgba.length === grid.width * grid.height * 4); // 171 35 true
 * ```
 */
export function imageGrid(images: ArrayLike<number> | Dataset<PixelArray>, options?: ImageGridOptions): RgbaImage {
  const fn = 'imageGrid';
  const o = optionsObject(fn, options);
  let values: ArrayLike<number>;
  let shape: [number, number];
  if (isDataset(images)) {
    checkDataset(fn, images);
    values = images.images;
    shape = o['tileShape'] === undefined ? [images.shape[0], images.shape[1]] : tileShapeOption(fn, o['tileShape']);
  } else {
    if (images === null || typeof images !== 'object' || typeof images.length !== 'number') {
      throw optionError(fn, 'images', 'an array of numbers or a data set', images);
    }
    values = images;
    shape = tileShapeOption(fn, o['tileShape']);
  }
  return drawGrid(fn, values, shape, o);
}

/** The body of {@link imageGrid}, shared with filtersGrid; `o` holds unchecked options. */
export function drawGrid(
  fn: string,
  values: ArrayLike<number>,
  shape: readonly [number, number],
  o: Readonly<Record<string, unknown>>,
  defaultNormalise: Normalise = 'global',
): RgbaImage {
  const [h, w] = shape;
  const size = h * w;
  if (values.length % size !== 0 || values.length === 0) {
    throw new ShapeError(`${fn}: ${values.length} values do not make whole ${h}×${w} tiles`, {
      function: fn,
      expected: `a positive multiple of ${size}`,
      received: values.length,
    });
  }
  const available = values.length / size;
  const gridRows = o['rows'] === undefined ? undefined : intOption(fn, 'rows', o['rows'], 1);
  const gridCols = o['cols'] === undefined ? undefined : intOption(fn, 'cols', o['cols'], 1);
  let count = o['count'] === undefined ? available : Math.min(available, intOption(fn, 'count', o['count'], 1));
  if (gridRows !== undefined && gridCols !== undefined) count = Math.min(count, gridRows * gridCols);
  const cols = gridCols ?? (gridRows !== undefined ? Math.ceil(count / gridRows) : Math.ceil(Math.sqrt(count)));
  const rows = gridRows ?? Math.ceil(count / cols);
  count = Math.min(count, rows * cols);
  const normalise = o['normalise'] === undefined ? defaultNormalise : normaliseOption(fn, o['normalise']);
  const padding = o['padding'] === undefined ? 1 : intOption(fn, 'padding', o['padding'], 0, 1024);
  const scale = o['scale'] === undefined ? 1 : intOption(fn, 'scale', o['scale'], 1, 1024);
  const pad = colourOption(fn, o['padColour']);
  const width = cols * w * scale + (cols + 1) * padding;
  const height = rows * h * scale + (rows + 1) * padding;
  checkPictureSize(fn, width, height);
  for (let i = 0; i < count * size; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new NonFiniteError(`${fn}: value ${String(v)} in tile ${Math.floor(i / size)} at index ${i % size}; pictures need finite numbers`, {
        function: fn,
        tile: Math.floor(i / size),
        index: i % size,
        received: v,
      });
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = pad[0];
    rgba[4 * p + 1] = pad[1];
    rgba[4 * p + 2] = pad[2];
    rgba[4 * p + 3] = 255;
  }
  const globalRange = rangeOf(values, 0, count * size);
  for (let t = 0; t < count; t++) {
    const perTile = normalise === 'per-tile' || normalise === 'symmetric';
    const r = perTile ? rangeOf(values, t * size, (t + 1) * size) : globalRange;
    const map = greyMap(normalise, r.lo, r.hi, r.absMax);
    const x0 = padding + (t % cols) * (w * scale + padding);
    const y0 = padding + Math.floor(t / cols) * (h * scale + padding);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const g = grey(map, values[t * size + i * w + j]!);
        for (let dy = 0; dy < scale; dy++) {
          let q = 4 * ((y0 + i * scale + dy) * width + x0 + j * scale);
          for (let dx = 0; dx < scale; dx++, q += 4) {
            rgba[q] = g;
            rgba[q + 1] = g;
            rgba[q + 2] = g;
          }
        }
      }
    }
  }
  return { rgba, width, height };
}
