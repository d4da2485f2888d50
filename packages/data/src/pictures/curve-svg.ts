/**
 * Learning curves as SVG: axes, ticks, gridlines, one path per series, a
 * legend.
 *
 * @module
 */
import { layoutCurves } from './curve-layout.js';
import type { CurveOptions, CurveSeries } from './curve-layout.js';

/** Escapes text for SVG content and attributes. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/**
 * Draws learning curves (several series) as an SVG document.
 *
 * @remarks
 * Each series is one `<path class="series">` (x defaults to 0, 1, 2, …;
 * NaN and ±Infinity values leave gaps). Axes, ticks and gridlines are
 * `<line>` elements; tick values follow a 1-2-5 rule and the axes span
 * whole ticks. The legend, right of the plot, has one `<g
 * class="legend-entry">` per series in series order, with the series'
 * colour. Text is escaped.
 *
 * @param series - the lines, `{ name, values, x? }`
 * @param options - title, axis labels, width, height
 * @returns the SVG document as a string
 * @throws ConfigError for no series or bad options; ShapeError for an x of
 *   the wrong length
 *
 * @example
 * ```ts
 * import { curveSvg } from '@stochnet/data';
 * const svg = curveSvg(
 *   [{ name: 'train', values: [-40, -30, -25] }, { name: 'test', values: [-41, -33, -29] }],
 *   { title: 'log-likelihood', xLabel: 'epoch', yLabel: 'nats' },
 * );
 * console.log(svg.startsWith('<svg'), svg.split('<path').length - 1); // true 2
 * ```
 */
export function curveSvg(series: readonly CurveSeries[], options?: CurveOptions): string {
  const L = layoutCurves('curveSvg', series, options);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${L.width}" height="${L.height}" fill="#ffffff"/>`,
  );
  if (L.title !== '') out.push(`<text class="title" x="${n((L.left + L.right) / 2)}" y="24" font-size="14" text-anchor="middle">${esc(L.title)}</text>`);
  out.push('<g class="grid" stroke="#e6e6e6">');
  for (const t of L.xTicks) out.push(`<line x1="${n(t.at)}" y1="${L.top}" x2="${n(t.at)}" y2="${L.bottom}"/>`);
  for (const t of L.yTicks) out.push(`<line x1="${L.left}" y1="${n(t.at)}" x2="${L.right}" y2="${n(t.at)}"/>`);
  out.push('</g>', '<g class="axes" stroke="#000000">');
  out.push(`<line x1="${L.left}" y1="${L.bottom}" x2="${L.right}" y2="${L.bottom}"/>`);
  out.push(`<line x1="${L.left}" y1="${L.top}" x2="${L.left}" y2="${L.bottom}"/>`);
  for (const t of L.xTicks) out.push(`<line x1="${n(t.at)}" y1="${L.bottom}" x2="${n(t.at)}" y2="${L.bottom + 5}"/>`);
  for (const t of L.yTicks) out.push(`<line x1="${L.left - 5}" y1="${n(t.at)}" x2="${L.left}" y2="${n(t.at)}"/>`);
  out.push('</g>', '<g class="tick-labels" fill="#000000">');
  for (const t of L.xTicks) out.push(`<text x="${n(t.at)}" y="${L.bottom + 17}" text-anchor="middle">${esc(t.label)}</text>`);
  for (const t of L.yTicks) out.push(`<text x="${L.left - 8}" y="${n(t.at + 4)}" text-anchor="end">${esc(t.label)}</text>`);
  out.push('</g>');
  if (L.xLabel !== '') {
    out.push(`<text class="x-label" x="${n((L.left + L.right) / 2)}" y="${L.height - 10}" font-size="12" text-anchor="middle">${esc(L.xLabel)}</text>`);
  }
  if (L.yLabel !== '') {
    const cy = n((L.top + L.bottom) / 2);
    out.push(`<text class="y-label" x="16" y="${cy}" font-size="12" text-anchor="middle" transform="rotate(-90 16 ${cy})">${esc(L.yLabel)}</text>`);
  }
  for (const s of L.series) {
    // Runs of finite points; a lone point is drawn as a zero-length line (a dot with round caps).
    let d = '';
    let run: string[] = [];
    const flush = (): void => {
      if (run.length === 1) run.push(run[0]!);
      if (run.length > 0) d += `M${run.join(' L')} `;
      run = [];
    };
    for (const p of s.points) {
      if (p === null) flush();
      else run.push(`${n(p.x)} ${n(p.y)}`);
    }
    flush();
    out.push(
      `<path class="series" data-name="${esc(s.name)}" d="${d.trim()}" fill="none" stroke="${s.colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
    );
  }
  out.push('<g class="legend">');
  L.series.forEach((s, k) => {
    const y = L.legendY + k * L.legendRow + 9;
    out.push(
      `<g class="legend-entry"><line x1="${L.legendX}" y1="${y}" x2="${L.legendX + 20}" y2="${y}" stroke="${s.colour}" stroke-width="2"/>` +
        `<text x="${L.legendX + 26}" y="${y + 4}">${esc(s.name)}</text></g>`,
    );
  });
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}
