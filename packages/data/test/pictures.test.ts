/**
 * Pictures: image grids, filters, PNG round trips, learning curves.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, NonFiniteError, rbm, sbn, ShapeError, TooLargeError } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
  CURVE_COLOURS,
  curveImage,
  curvePng,
  curveSvg,
  DataFileError,
  DEFAULT_PAD_COLOUR,
  encodePng,
  filtersGrid,
  imageGrid,
  loadDigits,
} from '@stochnet/data';
import type { RgbaImage } from '@stochnet/data';
import { writePng, writeSvg } from '@stochnet/data/node';

/** The RGBA of pixel (x, y). */
function px(img: RgbaImage, x: number, y: number): number[] {
  const q = 4 * (y * img.width + x);
  return Array.from(img.rgba.subarray(q, q + 4));
}
const grey = (g: number): number[] => [g, g, g, 255];
const pad = [...DEFAULT_PAD_COLOUR, 255];

// Two 2×2 tiles: tile 0 = [-3, 0; 5, 2], tile 1 = [10, 10; 10, 20].
const tiles = [-3, 0, 5, 2, 10, 10, 10, 20];

describe('imageGrid', () => {
  it('per-tile: each tile min → 0 and max → 255; padding takes the pad colour', () => {
    const img = imageGrid(tiles, { tileShape: [2, 2], normalise: 'per-tile', padding: 1, cols: 2 });
    expect([img.width, img.height]).toEqual([7, 4]);
    for (const [x, y] of [[0, 0], [3, 1], [6, 3], [3, 2], [0, 3]] as const) expect(px(img, x, y)).toEqual(pad);
    expect(px(img, 1, 1)).toEqual(grey(0)); // -3, tile 0's min
    expect(px(img, 2, 1)).toEqual(grey(96)); // 0 → round(255 · 3/8)
    expect(px(img, 1, 2)).toEqual(grey(255)); // 5, tile 0's max
    expect(px(img, 4, 1)).toEqual(grey(0)); // 10, tile 1's min
    expect(px(img, 5, 2)).toEqual(grey(255)); // 20, tile 1's max
  });

  it('global: one range over all tiles shown; fixed and symmetric modes', () => {
    const g = imageGrid(tiles, { tileShape: [2, 2], normalise: 'global', cols: 2 });
    expect(px(g, 1, 1)).toEqual(grey(0));
    expect(px(g, 5, 2)).toEqual(grey(255));
    expect(px(g, 4, 1)).toEqual(grey(Math.round((255 * 13) / 23)));
    const fixed = imageGrid(tiles, { tileShape: [2, 2], normalise: { min: 0, max: 10 }, cols: 2 });
    expect([px(fixed, 1, 1), px(fixed, 1, 2), px(fixed, 5, 2)]).toEqual([grey(0), grey(128), grey(255)]);
    const sym = imageGrid(tiles, { tileShape: [2, 2], normalise: 'symmetric', cols: 2 });
    expect([px(sym, 1, 1), px(sym, 2, 1), px(sym, 1, 2)]).toEqual([grey(Math.round(127.5 - 127.5 * 0.6)), grey(128), grey(255)]);
  });

  it('scales, lays out rows and columns, and colours empty cells with the pad colour', () => {
    const img = imageGrid(tiles, { tileShape: [2, 2], rows: 1, cols: 3, scale: 3, padding: 2, padColour: [1, 2, 3] });
    expect([img.width, img.height]).toEqual([3 * 6 + 4 * 2, 6 + 2 * 2]);
    expect(px(img, 2, 2)).toEqual(grey(0));
    expect(px(img, 4, 4)).toEqual(grey(0)); // the same value, scaled to a 3×3 block
    expect(px(img, 5, 2)).toEqual(px(img, 7, 2)); // tile 0's second value across its block
    expect(px(img, 20, 3)).toEqual([1, 2, 3, 255]); // the empty third cell
    const d = imageGrid(loadDigits(), { count: 7, cols: 3 });
    expect([d.width, d.height]).toEqual([3 * 8 + 4, 3 * 8 + 4]);
  });

  it('rejects bad input: non-finite values with tile and index, wrong lengths, bad options', () => {
    let err: unknown;
    try {
      imageGrid([0, 1, 2, 3, 4, Number.NaN, 6, 7], { tileShape: [2, 2] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as NonFiniteError).details).toMatchObject({ tile: 1, index: 1 });
    expect(() => imageGrid([1, 2, 3], { tileShape: [2, 2] })).toThrow(ShapeError);
    expect(() => imageGrid([1, 2, 3, 4])).toThrow(ConfigError);
    expect(() => imageGrid(tiles, { tileShape: [2, 2], normalise: 'loud' as never })).toThrow(ConfigError);
    expect(() => imageGrid(tiles, { tileShape: [2, 2], normalise: { min: 1, max: 1 } })).toThrow(ConfigError);
    expect(() => imageGrid(tiles, { tileShape: [2, 2], scale: 0 })).toThrow(ConfigError);
    expect(() => imageGrid(tiles, { tileShape: [2, 2], padColour: [0, 0, 256] })).toThrow(ConfigError);
    expect(() => imageGrid(new Float64Array(4000), { tileShape: [2, 2], scale: 200 })).toThrow(TooLargeError);
  });
});

describe('filtersGrid', () => {
  // 4 visible units (2×2) × 2 hidden units: weights[i * 2 + j].
  const weights = [-2, 1, 0, 0.5, 1, -1, 2, 0.25];

  it('draws each hidden unit’s column as a tile, symmetric around 0 per tile', () => {
    const img = filtersGrid({ weights, rows: 4, cols: 2 }, { tileShape: [2, 2], cols: 2 });
    // Tile 0 = column 0 = [-2, 0; 1, 2]: −2 → 0, 0 → 128, +2 → 255.
    expect([px(img, 1, 1), px(img, 2, 1), px(img, 2, 2)]).toEqual([grey(0), grey(128), grey(255)]);
    // Tile 1 = column 1 = [1, 0.5; -1, 0.25]: m = 1.
    expect([px(img, 4, 1), px(img, 4, 2), px(img, 5, 1)]).toEqual([grey(255), grey(0), grey(Math.round(127.5 + 63.75))]);
    const rowsVisible = filtersGrid({ weights, rows: 2, cols: 4, visible: 'cols' }, { tileShape: [2, 2], cols: 2 });
    expect(px(rowsVisible, 1, 1)).toEqual(grey(0)); // tile 0 = row 0 = [-2, 1; 0, 0.5]
  });

  it('takes the visible side of a plan’s coupling and its image shape', () => {
    const r = compile(rbm(4, 3, { seed: 1, shape: [2, 2] }), { dtype: 'float64' });
    const w = r.weights[0]!.weights; // 4 × 3, visible rows
    const col = [w[0]!, w[3]!, w[6]!, w[9]!];
    const m = Math.max(...col.map(Math.abs));
    const img = filtersGrid(r, { cols: 3, padding: 0 });
    expect([img.width, img.height]).toEqual([6, 2]);
    expect(px(img, 1, 1)[0]).toBe(Math.round(127.5 + (127.5 * col[3]!) / m));
    const s = compile(sbn([4, 2], { seed: 2, shape: [2, 2] }), { dtype: 'float64' });
    const sw = s.weights[0]!.weights; // h1->v: 2 × 4, the tile side (v) is the columns
    const row = Array.from(sw.subarray(4, 8));
    const sm = Math.max(...row.map(Math.abs));
    const simg = filtersGrid(s, { cols: 2, padding: 0 });
    expect(px(simg, 2, 0)[0]).toBe(Math.round(127.5 + (127.5 * row[0]!) / sm));
    expect(() => filtersGrid(r, { coupling: 'nope' })).toThrow(ConfigError);
    expect(() => filtersGrid(r, { tileShape: [3, 3] })).toThrow(ShapeError);
  });

  it('rejects a weight matrix of the wrong length', () => {
    expect(() => filtersGrid({ weights: [1, 2, 3], rows: 2, cols: 2 })).toThrow(ShapeError);
    expect(() => filtersGrid({ weights: [1, 2, 3, 4], rows: 0, cols: 2 })).toThrow(ConfigError);
  });
});

describe('PNG', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stochnet-png-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('encodePng round-trips through fast-png’s decoder', () => {
    const img = imageGrid(tiles, { tileShape: [2, 2], normalise: 'per-tile', cols: 2 });
    const back = decode(encodePng(img.rgba, img.width, img.height));
    expect([back.width, back.height, back.channels, back.depth]).toEqual([7, 4, 4, 8]);
    expect(Array.from(back.data)).toEqual(Array.from(img.rgba));
    expect(() => encodePng(img.rgba, 7, 5)).toThrow(ShapeError);
    expect(() => encodePng(img.rgba, 0, 4)).toThrow(ConfigError);
  });

  it('writePng writes a file that decodes to the picture, leaving no temporary file', async () => {
    const img = imageGrid(tiles, { tileShape: [2, 2], normalise: 'per-tile', cols: 2, scale: 2 });
    const path = join(dir, 'grid.png');
    await writePng(path, img);
    await writePng(path, img); // replacing works too
    const back = decode(await readFile(path));
    expect(Array.from(back.data)).toEqual(Array.from(img.rgba));
    expect(px({ rgba: back.data as Uint8Array, width: back.width, height: back.height }, 1, 1)).toEqual(grey(0));
    expect(px({ rgba: back.data as Uint8Array, width: back.width, height: back.height }, 0, 0)).toEqual(pad);
    expect(await readdir(dir)).toEqual(['grid.png']);
    await expect(writePng(join(dir, 'no', 'such', 'dir.png'), img)).rejects.toBeInstanceOf(DataFileError);
    expect(await readdir(dir)).toEqual(['grid.png']);
  });
});

describe('learning curves', () => {
  const series = [
    { name: 'train', values: [-40, -30, -25, -23] },
    { name: 'test <&>', values: [-41, Number.NaN, -29, -28] },
    { name: 'valid', values: [-42, -35, -31, -30], x: [0, 2, 4, 6] },
  ];

  it('SVG: one path per series, a legend entry per name, gaps and escaping', () => {
    const svg = curveSvg(series, { title: 'LL', xLabel: 'epoch', yLabel: 'nats', width: 500, height: 300 });
    expect(svg.match(/<path /g)?.length).toBe(3);
    expect(svg.match(/class="legend-entry"/g)?.length).toBe(3);
    expect(svg).toContain('>train</text>');
    expect(svg).toContain('>test &lt;&amp;&gt;</text>');
    expect(svg).not.toContain('<&>');
    const d = /data-name="test &lt;&amp;&gt;" d="([^"]*)"/.exec(svg)![1]!;
    expect(d.match(/M/g)?.length).toBe(2); // a lone first point, then a run after the gap
    expect(svg).toContain(`stroke="${CURVE_COLOURS[2]}"`);
    for (const text of ['>LL</text>', '>epoch</text>', '>nats</text>', '>-45</text>', '>-20</text>']) expect(svg).toContain(text);
  });

  it('raster: white background, series colours on the plot, legend swatches', () => {
    const img = curveImage(series, { width: 400, height: 250 });
    expect(px(img, 0, 0)).toEqual([255, 255, 255, 255]);
    const count = (hex: string): number => {
      const v = Number.parseInt(hex.slice(1), 16);
      let n = 0;
      for (let q = 0; q < img.rgba.length; q += 4) {
        if (img.rgba[q] === v >> 16 && img.rgba[q + 1] === ((v >> 8) & 255) && img.rgba[q + 2] === (v & 255)) n++;
      }
      return n;
    };
    for (const c of CURVE_COLOURS.slice(0, 3)) expect(count(c)).toBeGreaterThan(40);
    expect(count(CURVE_COLOURS[3]!)).toBe(0);
    const back = decode(curvePng(series, { width: 400, height: 250 }));
    expect(Array.from(back.data)).toEqual(Array.from(img.rgba));
  });

  it('writeSvg writes the document atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stochnet-svg-'));
    const svg = curveSvg(series);
    await writeSvg(join(dir, 'c.svg'), svg);
    expect(await readFile(join(dir, 'c.svg'), 'utf8')).toBe(svg);
    expect(await readdir(dir)).toEqual(['c.svg']);
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects bad series and options', () => {
    expect(() => curveSvg([])).toThrow(ConfigError);
    expect(() => curveSvg([{ name: 3 as never, values: [1] }])).toThrow(ConfigError);
    expect(() => curveSvg([{ name: 'a', values: ['1' as never] }])).toThrow(ConfigError);
    expect(() => curveSvg([{ name: 'a', values: [1, 2], x: [0] }])).toThrow(ShapeError);
    expect(() => curveSvg([{ name: 'a', values: [1, 2] }], { width: 10 })).toThrow(ConfigError);
    expect(curveSvg([{ name: 'all gaps', values: [Number.NaN] }])).toContain('d=""');
  });
});
