/**
 * The learning curve: the reconstruction errors of every epoch so far,
 * drawn with curveSvg into a container.
 *
 * @module
 */
import { curveSvg } from '@stochnet/data';

/** The errors of one run, one entry per epoch. */
export interface CurveHistory {
  readonly epochs: number[];
  readonly train: number[];
  readonly test: number[];
}

/** An empty history. */
export function emptyHistory(): CurveHistory {
  return { epochs: [], train: [], test: [] };
}

/**
 * Draws the history into `container`, as wide as the container.
 *
 * @param container - the element the SVG replaces the contents of
 * @param history - the epochs and errors so far (at least one epoch)
 */
export function drawCurve(container: HTMLElement, history: CurveHistory): void {
  const width = Math.max(320, Math.floor(container.clientWidth));
  const svg = curveSvg(
    [
      { name: 'train', values: history.train, x: history.epochs },
      { name: 'test', values: history.test, x: history.epochs },
    ],
    { xLabel: 'epoch', yLabel: 'reconstruction error', width, height: 280 },
  );
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  container.replaceChildren(document.importNode(doc.documentElement, true));
}
