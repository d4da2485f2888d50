/**
 * The data a command works on: the embedded digits (the seeded 1500/297
 * split), or IDX or CSV files, binarised to 0/1.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DIGITS_THRESHOLD, binarize, digitsSplit } from '@stochnet/data';
import type { Dataset, PixelArray } from '@stochnet/data';
import { readCsvFile, readIdxDataset } from '@stochnet/data/node';
import { UsageError } from './errors.js';
import { finiteNumber, shapeFlag } from './flags.js';

/** The seed of the documented digits split (see digitsSplit). */
export const DIGITS_SPLIT_SEED = 1;

/** Where data comes from, as saved in a checkpoint (paths absolute). */
export type DataSpec =
  | { readonly kind: 'digits'; readonly threshold: number }
  | { readonly kind: 'idx'; readonly images: string; readonly labels: string | null; readonly threshold: number | null }
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly threshold: number | null;
      readonly labelColumn: string | null;
      readonly shape: readonly [number, number] | null;
    };

/** The data flags shared by train, sample and eval. */
export interface DataFlags {
  readonly idx?: string | undefined;
  readonly csv?: string | undefined;
  readonly binarize?: number | undefined;
  readonly labelColumn?: string | undefined;
  readonly shape?: [number, number] | undefined;
}

/** Loaded 0/1 data: what to train on and what to report on. */
export interface LoadedData {
  /** Training rows (the digits' 1500, or the whole file). */
  readonly train: Dataset<Uint8Array>;
  /** Held-out rows (the digits' 297), or null for files. */
  readonly test: Dataset<Uint8Array> | null;
  /** A phrase for messages, e.g. "the embedded digits". */
  readonly name: string;
}

/** @internal The data spec the flags ask for. */
export function dataSpecOf(flags: DataFlags, cwd: string): DataSpec {
  if (flags.idx !== undefined && flags.csv !== undefined) {
    throw new UsageError('give either --idx or --csv, not both', { option: '--idx/--csv' });
  }
  const threshold = flags.binarize ?? null;
  if (flags.idx !== undefined) {
    const [images, labels, ...rest] = flags.idx.split(',').map((s) => s.trim());
    if (images === undefined || images === '' || rest.length > 0 || labels === '') {
      throw new UsageError('--idx takes IMAGES or IMAGES,LABELS (two IDX files, gzip or not)', { option: '--idx', received: flags.idx });
    }
    return { kind: 'idx', images: resolve(cwd, images), labels: labels === undefined ? null : resolve(cwd, labels), threshold };
  }
  if (flags.csv !== undefined) {
    return { kind: 'csv', path: resolve(cwd, flags.csv), threshold, labelColumn: flags.labelColumn ?? null, shape: flags.shape ?? null };
  }
  if (flags.labelColumn !== undefined || flags.shape !== undefined) {
    throw new UsageError('--label-column and --shape apply to --csv data only', { option: flags.labelColumn !== undefined ? '--label-column' : '--shape' });
  }
  return { kind: 'digits', threshold: threshold ?? DIGITS_THRESHOLD };
}

function toBinary(data: Dataset<PixelArray>, threshold: number | null, file: string): Dataset<Uint8Array> {
  if (threshold !== null) return binarize(data, { threshold });
  const v = data.images;
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== 0 && v[i] !== 1) {
      throw new UsageError(`${file} holds values other than 0 and 1 (row ${Math.floor(i / data.cols)}, column ${i % data.cols} is ${v[i]}); pass --binarize THRESHOLD (a value becomes 1 when it is > THRESHOLD)`, {
        option: '--binarize',
        file,
        row: Math.floor(i / data.cols),
        column: i % data.cols,
        received: v[i],
      });
    }
  }
  return { ...data, images: Uint8Array.from(v) };
}

function squareShape(cols: number): [number, number] {
  const s = Math.round(Math.sqrt(cols));
  return s * s === cols ? [s, s] : [1, cols];
}

/** @internal Reads and binarises the data of a spec. */
export async function loadData(spec: DataSpec): Promise<LoadedData> {
  if (spec.kind === 'digits') {
    const { train, test } = digitsSplit(DIGITS_SPLIT_SEED, { binarize: { threshold: spec.threshold } });
    return { train, test, name: `the embedded digits (pixel > ${spec.threshold})` };
  }
  if (spec.kind === 'idx') {
    const raw = await readIdxDataset(spec.images, spec.labels ?? undefined);
    return { train: toBinary(raw, spec.threshold, spec.images), test: null, name: spec.images };
  }
  const raw = await readCsvFile(spec.path, spec.labelColumn === null ? {} : { labelColumn: /^-?\d+$/.test(spec.labelColumn) ? Number(spec.labelColumn) : spec.labelColumn });
  const shape = spec.shape ?? squareShape(raw.cols);
  if (shape[0] * shape[1] !== raw.cols) {
    throw new UsageError(`--shape ${shape[0]}x${shape[1]} does not fit the ${raw.cols} columns of ${spec.path}`, { option: '--shape', expected: raw.cols, received: shape[0] * shape[1] });
  }
  return { train: toBinary({ ...raw, shape }, spec.threshold, spec.path), test: null, name: spec.path };
}

/** @internal Adds the data flags to a command. */
export function addDataOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--idx <files>', `${what} from IDX files (MNIST format, gzip or not): IMAGES or IMAGES,LABELS`)
    .option('--csv <file>', `${what} from a CSV file, one example a row`)
    .option('--binarize <threshold>', 'a value becomes 1 when it is > THRESHOLD (digits: 7; files must be 0/1 without it)', finiteNumber)
    .option('--label-column <column>', 'CSV: the column holding class labels (index or header name)')
    .option('--shape <HxW>', 'CSV: the picture shape of an example, e.g. 8x8 (default: square when possible)', shapeFlag);
}
