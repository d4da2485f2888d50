/**
 * The layout of a learning-curve chart, shared by the SVG and the raster
 * renderer: checked series, domains, ticks, the plot box and the legend.
 *
 * @module
 */
import { ConfigError, ShapeError } from '@stochnet/graph';
import { intOption, optionError, optionsObject } from '../check.js';

/** One line of a chart. */
export interface CurveSeries {
  /** The legend entry. */
  readonly name: string;
  /** y values; NaN and ±Infinity leave a gap (a diverged run shows as a broken line). */
  readonly values: ArrayLike<number>;
  /** x values, finite, one per y value (default 0, 1, 2, …). */
  readonly x?: ArrayLike<number> | undefined;
}

/** Options of {@link curveSvg} and {@link curvePng}. */
export interface CurveOptions {
  /** Title above the plot (SVG only). */
  readonly title?: string | undefined;
  /** Label of the x axis (SVG only). */
  readonly xLabel?: string | undefined;
  /** Label of the y axis (SVG only). */
  readonly yLabel?: string | undefined;
  /** Picture width in pixels (default 640, at least 200). */
  readonly width?: number | undefined;
  /** Picture height in pixels (default 400, at least 150). */
  readonly height?: number | undefined;
}

/** Line colours, in series order (Tableau 10), as CSS hex and RGB. */
export const CURVE_COLOURS: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];

/** A laid-out series: pixel points, null for a gap. */
export interface PlacedSeries {
  readonly name: string;
  readonly colour: string;
  readonly points: readonly ({ readonly x: number; readonly y: number } | null)[];
}

/** Everything a renderer needs, in pixels. */
export interface CurveLayout {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The plot box. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** Ticks: value, pixel position, label. */
  readonly xTicks: readonly { readonly value: number; readonly at: number; readonly label: string }[];
  readonly yTicks: readonly { readonly value: number; readonly at: number; readonly label: string }[];
  readonly series: readonly PlacedSeries[];
  /** Legend: top-left corner of the first entry, and the height of one entry. */
  readonly legendX: number;
  readonly legendY: number;
  readonly legendRow: number;
}

/** A 1-2-5 step near range / target. */
function niceStep(range: number, target: number): number {
  const raw = range / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

function ticks(lo: number, hi: number): { lo: number; hi: number; values: number[]; decimals: number } {
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = niceStep(hi - lo, 5);
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.ceil(hi / step - 1e-9) * step;
  const n = Math.round((b - a) / step);
  const values = Array.from({ length: n + 1 }, (_, k) => a + k * step);
  const decimals = Math.min(10, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return { lo: a, hi: b, values, decimals };
}

function label(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

function checkSeries(fn: string, series: unknown): readonly CurveSeries[] {
  if (!Array.isArray(series) || series.length === 0) throw optionError(fn, 'series', 'a non-empty array of { name, values }', series);
  series.forEach((s: unknown, k) => {
    const r = s as Record<string, unknown> | null;
    if (r === null || typeof r !== 'object') throw optionError(fn, `series[${k}]`, '{ name, values }', s);
    if (typeof r['name'] !== 'string') throw optionError(fn, `series[${k}].name`, 'a string', r['name']);
    const values = r['values'] as ArrayLike<unknown> | null | undefined;
    if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
      throw optionError(fn, `series[${k}].values`, 'an array of numbers', values);
    }
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number') throw optionError(fn, `series[${k}].values[${i}]`, 'a number', values[i]);
    }
    const x = r['x'] as ArrayLike<unknown> | null | undefined;
    if (x === undefined) return;
    if (x === null || typeof x !== 'object' || x.length !== values.length) {
      throw new ShapeError(`${fn}: series[${k}].x must have one finite number per value (${values.length})`, {
        function: fn,
        option: `series[${k}].x`,
        expected: values.length,
        received: x === null || typeof x !== 'object' ? String(x) : x.length,
      });
    }
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw optionError(fn, `series[${k}].x[${i}]`, 'a finite number', v);
    }
  });
  return series as readonly CurveSeries[];
}

function textOption(fn: string, option: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw optionError(fn, option, 'a string', value);
  return value;
}

/**
 * Checks the series and options and lays the chart out.
 *
 * @throws ConfigError for bad options or series; ShapeError for x of the wrong length
 */
export function layoutCurves(fn: string, seriesIn: unknown, options: unknown): CurveLayout {
  const o = optionsObject(fn, options);
  const series = checkSeries(fn, seriesIn);
  const width = o['width'] === undefined ? 640 : intOption(fn, 'width', o['width'], 200, 8192);
  const height = o['height'] === undefined ? 400 : intOption(fn, 'height', o['height'], 150, 8192);
  const title = textOption(fn, 'title', o['title']);
  const xLabel = textOption(fn, 'xLabel', o['xLabel']);
  const yLabel = textOption(fn, 'yLabel', o['yLabel']);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  const xOf = (s: CurveSeries, i: number): number => (s.x === undefined ? i : s.x[i]!);
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      const y = s.values[i]!;
      if (!Number.isFinite(y)) continue;
      const x = xOf(s, i);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x0 === Infinity) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const xt = ticks(x0, x1);
  const yt = ticks(y0, y1);
  const longest = Math.max(...series.map((s) => s.name.length));
  const legendWidth = Math.min(Math.floor(width / 3), 40 + 7 * longest);
  const left = 64;
  const top = title === '' ? 16 : 40;
  const right = width - 16 - legendWidth;
  const bottom = height - (xLabel === '' ? 32 : 48);
  if (right - left < 40 || bottom - top < 40) {
    throw new ConfigError(`${fn}: a ${width} × ${height} picture leaves no room for the plot; make it larger or the names shorter`, {
      function: fn,
      option: 'width',
      received: width,
    });
  }
  const sx = (x: number): number => left + ((x - xt.lo) / (xt.hi - xt.lo)) * (right - left);
  const sy = (y: number): number => bottom - ((y - yt.lo) / (yt.hi - yt.lo)) * (bottom - top);
  const placed: PlacedSeries[] = series.map((s, k) => ({
    name: s.name,
    colour: CURVE_COLOURS[k % CURVE_COLOURS.length]!,
    points: Array.from({ length: s.values.length }, (_, i) =>
      Number.isFinite(s.values[i]!) ? { x: sx(xOf(s, i)), y: sy(s.values[i]!) } : null,
    ),
  }));
  return {
    width,
    height,
    title,
    xLabel,
    yLabel,
    left,
    top,
    right,
    bottom,
    xTicks: xt.values.map((v) => ({ value: v, at: sx(v), label: label(v, xt.decimals) })),
    yTicks: yt.values.map((v) => ({ value: v, at: sy(v), label: label(v, yt.decimals) })),
    series: placed,
    legendX: right + 12,
    legendY: top,
    legendRow: 18,
  };
}
