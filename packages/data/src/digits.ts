/**
 * The UCI handwritten digits (8×8, 1797 examples) shipped inside the
 * package, and their documented train/test split.
 *
 * @module
 */
import type { Rng, Seed } from '@stochnet/graph';
import { InvariantError } from '@stochnet/graph';
import { finiteOption, optionError, optionsObject } from './check.js';
import type { Dataset } from './dataset.js';
import { selectRows } from './dataset.js';
import { DIGITS_FNV1A, DIGITS_TEXT } from './digits-asset.js';
import { DIGITS_COLS, DIGITS_RECORD, DIGITS_ROWS, decodeLetters, fnv1a32 } from './digits-codec.js';
import { splitIndices } from './split.js';

/** The largest digits intensity: pixels run from 0 to 16. */
export const DIGITS_MAX = 16;
/** The usual binarisation threshold of the digits: a pixel is on when it is > 7. */
export const DIGITS_THRESHOLD = 7;
/** Test rows of {@link digitsSplit}: 297 of the 1797 (the other 1500 train). */
export const DIGITS_TEST_ROWS = 297;

/** The digits: labels always present, shape 8×8. */
export interface Digits extends Dataset<Uint8Array> {
  /** The digit (0..9) of each row. */
  readonly labels: Uint8Array;
}

/** Options of {@link loadDigits}. */
export interface LoadDigitsOptions {
  /**
   * `false` (default): raw intensities 0..16. `true`: 0/1 with pixel > 7.
   * `{ threshold }`: 0/1 with pixel > threshold.
   */
  readonly binarize?: boolean | { readonly threshold: number } | undefined;
}

/** The train/test split of the digits. */
export interface DigitsSplit {
  /** 1500 training digits. */
  readonly train: Digits;
  /** 297 test digits. */
  readonly test: Digits;
  /** Source rows of `train`, ascending. */
  readonly trainIndices: Uint32Array;
  /** Source rows of `test`, ascending. */
  readonly testIndices: Uint32Array;
}

let decoded: Uint8Array | null = null;

function records(): Uint8Array {
  if (decoded === null) {
    const bytes = decodeLetters(DIGITS_TEXT);
    if (bytes === null || bytes.length !== DIGITS_ROWS * DIGITS_RECORD || fnv1a32(bytes) !== DIGITS_FNV1A) {
      throw new InvariantError('the embedded digits asset is corrupt; rebuild it with packages/data/scripts/build-digits.ts', {
        length: bytes?.length ?? null,
      });
    }
    decoded = bytes;
  }
  return decoded;
}

function thresholdOf(fn: string, option: unknown): number | null {
  if (option === undefined || option === false) return null;
  if (option === true) return DIGITS_THRESHOLD;
  if (option !== null && typeof option === 'object' && !Array.isArray(option)) {
    return finiteOption(fn, 'binarize.threshold', (option as Record<string, unknown>)['threshold']);
  }
  throw optionError(fn, 'binarize', 'a boolean or { threshold }', option);
}

/**
 * The 1797 UCI handwritten digits embedded in this package, as 8×8 images.
 *
 * @remarks
 * Source: the test set of the UCI "Optical Recognition of Handwritten
 * Digits" data set (E. Alpaydin, C. Kaynak, 1998), licensed CC BY 4.0, in
 * the copy scikit-learn distributes as `load_digits`. Rows keep the
 * original order. Intensities run 0..16 ({@link DIGITS_MAX}); the usual
 * binarisation for binary units is pixel > 7 ({@link DIGITS_THRESHOLD}).
 * Label counts 0..9: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180.
 *
 * @param options - whether and how to binarise
 * @returns fresh arrays: images (1797 × 64 bytes), labels (1797), rows 1797, cols 64, shape [8, 8]
 * @throws ConfigError for a bad `binarize` option
 *
 * @example
 * ```ts
 * import { loadDigits } from '@stochnet/data';
 * const d = loadDigits({ binarize: true });
 * console.log(d.rows, d.cols, d.shape, d.labels[0]); // 1797 64 [ 8, 8 ] 0
 * ```
 */
export function loadDigits(options?: LoadDigitsOptions): Digits {
  const fn = 'loadDigits';
  const threshold = thresholdOf(fn, optionsObject(fn, options)['binarize']);
  const bytes = records();
  const images = new Uint8Array(DIGITS_ROWS * DIGITS_COLS);
  const labels = new Uint8Array(DIGITS_ROWS);
  for (let r = 0; r < DIGITS_ROWS; r++) {
    const src = r * DIGITS_RECORD;
    const dst = r * DIGITS_COLS;
    for (let c = 0; c < DIGITS_COLS; c++) {
      const v = bytes[src + c]!;
      images[dst + c] = threshold === null ? v : v > threshold ? 1 : 0;
    }
    labels[r] = bytes[src + DIGITS_COLS]!;
  }
  return { images, labels, rows: DIGITS_ROWS, cols: DIGITS_COLS, shape: [8, 8] };
}

/**
 * The documented seeded split of the digits into 1500 training and 297 test
 * examples.
 *
 * @remarks
 * It is `splitIndices(1797, { seed, test: 297 })`: the Fisher–Yates
 * permutation p of 0..1796 drawn from `createRng(seed)` (see
 * {@link shuffledIndicesInto}); train is p[0, 1500) and test p[1500, 1797),
 * each sorted ascending. Another tool reproduces it with seedrandom's Alea
 * seeded by the canonical seed string and `j = floor((i + 1) · alea())` for
 * i = 1796 down to 1.
 *
 * @param seed - a string or safe integer, or an Rng
 * @param options - binarisation, as for {@link loadDigits}
 * @returns the two parts and their source rows
 * @throws SeedError for a bad seed; ConfigError for bad options
 *
 * @example
 * ```ts
 * import { digitsSplit } from '@stochnet/data';
 * const { train, test } = digitsSplit(1, { binarize: true });
 * console.log(train.rows, test.rows); // 1500 297
 * ```
 */
export function digitsSplit(seed: Seed | Rng, options?: LoadDigitsOptions): DigitsSplit {
  const all = loadDigits(options);
  const parts = splitIndices(DIGITS_ROWS, { seed, test: DIGITS_TEST_ROWS });
  return {
    train: selectRows(all, parts.train) as Digits,
    test: selectRows(all, parts.test) as Digits,
    trainIndices: parts.train,
    testIndices: parts.test,
  };
}
