/**
 * PNG encoding of RGBA pictures (fast-png: pure JavaScript, runs in browsers
 * and Node alike).
 *
 * @module
 */
import { encode } from 'fast-png';
import { ShapeError } from '@stochnet/graph';
import { intOption, optionError } from '../check.js';
import { checkPictureSize } from './image-grid.js';

/**
 * Encodes an RGBA pixel buffer as an 8-bit RGBA PNG file.
 *
 * @param rgba - width × height × 4 bytes, row-major from the top left (not modified)
 * @param width - pixels per row, an integer ≥ 1
 * @param height - rows of pixels, an integer ≥ 1
 * @returns the PNG file's bytes
 * @throws ConfigError for a bad size or buffer type; ShapeError when the
 *   buffer's length is not width × height × 4; TooLargeError for a huge picture
 *
 * @example
 * ```ts
 * import { encodePng, imageGrid, loadDigits } from '@stochnet/data';
 * const grid = imageGrid(loadDigits(), { count: 10 });
 * const png = encodePng(grid.rgba, grid.width, grid.height);
 * console.log(Array.from(png.subarray(1, 4), (c) => String.fromCharCode(c)).join('')); // 'PNG'
 * ```
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const fn = 'encodePng';
  if (!(rgba instanceof Uint8Array) && !((rgba as unknown) instanceof Uint8ClampedArray)) {
    throw optionError(fn, 'rgba', 'a Uint8Array or Uint8ClampedArray', rgba);
  }
  intOption(fn, 'width', width, 1);
  intOption(fn, 'height', height, 1);
  checkPictureSize(fn, width, height);
  if (rgba.length !== width * height * 4) {
    throw new ShapeError(`${fn}: rgba has ${rgba.length} bytes, expected width × height × 4 = ${width * height * 4}`, {
      function: fn,
      option: 'rgba',
      expected: width * height * 4,
      received: rgba.length,
    });
  }
  return encode({ width, height, data: rgba, channels: 4, depth: 8 });
}
