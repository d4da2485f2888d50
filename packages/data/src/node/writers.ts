/**
 * Pictures to files (Node only), written atomically: a temporary file
 * beside the target, then a rename, so a reader never sees half a file.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import { encodePng } from '@stochnet/data';
import type { RgbaImage } from '@stochnet/data';
import { writeAtomic } from './files.js';

/**
 * Encodes an RGBA picture as PNG and writes it to `path` atomically.
 *
 * @param path - the file to write (replaced if it exists)
 * @param image - the picture (`imageGrid`, `filtersGrid`, `curveImage`)
 * @returns when the file is in place
 * @throws ConfigError, ShapeError, TooLargeError as `encodePng`;
 *   DataFileError when the file cannot be written (nothing is left behind)
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { imageGrid, loadDigits } from '@stochnet/data';
 * import { writePng } from '@stochnet/data/node';
 * await writePng(join(tmpdir(), 'stochnet-digits.png'), imageGrid(loadDigits(), { count: 100, scale: 3 }));
 * ```
 */
export async function writePng(path: string, image: RgbaImage): Promise<void> {
  if (image === null || typeof image !== 'object') {
    throw new ConfigError('writePng: image must be { rgba, width, height }', { function: 'writePng', option: 'image' });
  }
  await writeAtomic(path, encodePng(image.rgba, image.width, image.height));
}

/**
 * Writes an SVG document (from `curveSvg`) to `path` atomically, as UTF-8.
 *
 * @param path - the file to write (replaced if it exists)
 * @param svg - the SVG text
 * @returns when the file is in place
 * @throws ConfigError when `svg` is not a string; DataFileError when the
 *   file cannot be written
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { curveSvg } from '@stochnet/data';
 * import { writeSvg } from '@stochnet/data/node';
 * await writeSvg(join(tmpdir(), 'stochnet-curve.svg'), curveSvg([{ name: 'train', values: [1, 0.5, 0.25] }]));
 * ```
 */
export async function writeSvg(path: string, svg: string): Promise<void> {
  if (typeof svg !== 'string') throw new ConfigError('writeSvg: svg must be a string', { function: 'writeSvg', option: 'svg' });
  await writeAtomic(path, svg);
}
