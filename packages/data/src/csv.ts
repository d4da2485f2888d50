/**
 * A reader for numeric CSV: one example a line, an optional header line and
 * an optional label column.
 *
 * @module
 */
import { ShapeError } from '@stochnet/graph';
import { optionError, optionsObject } from './check.js';
import type { Dataset } from './dataset.js';
import { DataFormatError } from './errors.js';

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** The file's name, used in error details (default `'<csv>'`). */
  readonly name?: string | undefined;
  /**
   * Whether the first line is a header: `true`, `false`, or `'auto'`
   * (default: a header when any of its cells is not a number).
   */
  readonly header?: boolean | 'auto' | undefined;
  /**
   * The column holding class labels (integers 0..255), taken out of the
   * values: a 0-based index (negative counts from the end, −1 is the last)
   * or a header name. Default: none.
   */
  readonly labelColumn?: number | string | undefined;
  /** The cell separator, one character (default `','`). */
  readonly delimiter?: string | undefined;
  /** Picture shape `[height, width]` of an example (default `[1, cols]`). */
  readonly shape?: readonly [number, number] | undefined;
}

/** A data set read from CSV, with its header. */
export interface CsvDataset extends Dataset<Float64Array> {
  /** The header's cell names (the label column's included), or null without a header. */
  readonly header: readonly string[] | null;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isNumber(cell: string): boolean {
  return NUMBER.test(cell) && Number.isFinite(Number(cell));
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

function formatError(file: string, reason: string, line: number, column: number, what: string, expected: unknown, received: unknown): DataFormatError {
  return new DataFormatError(`${file}: ${what} at line ${line}, column ${column}; expected ${String(expected)}, got ${String(received)}`, {
    file,
    reason,
    line,
    column,
    expected,
    received,
  });
}

/**
 * Parses numeric CSV into a data set of float64 values.
 *
 * @remarks
 * Lines end with `\n` or `\r\n`; blank lines are skipped; cells are trimmed.
 * A cell must be a decimal number (`12`, `-0.5`, `1e-3`); quotes are allowed
 * only in the header. Every data line must have as many cells as the first
 * line. Lines and columns in errors are 1-based and count the text's
 * physical lines and the line's cells.
 *
 * @param text - the CSV text
 * @param options - header, label column, delimiter, shape, file name
 * @returns values (rows × cols, the label column removed), labels or null, header or null
 * @throws DataFormatError with `details.reason` `'ragged'`, `'not-a-number'`,
 *   `'label'` or `'empty'`, and `details.line` and `details.column`;
 *   ConfigError for bad options (an unknown label column name included);
 *   ShapeError when `shape` does not match the number of columns
 *
 * @example
 * ```ts
 * import { parseCsv } from '@stochnet/data';
 * const d = parseCsv('a,b,label\n0,1,3\n1,0,4\n', { labelColumn: 'label' });
 * console.log(d.rows, d.cols, Array.from(d.images), Array.from(d.labels ?? [])); // 2 2 [ 0, 1, 1, 0 ] [ 3, 4 ]
 * ```
 */
export function parseCsv(text: string, options?: ParseCsvOptions): CsvDataset {
  const fn = 'parseCsv';
  const o = optionsObject(fn, options);
  if (typeof text !== 'string') throw optionError(fn, 'text', 'a string', text);
  const file = o['name'] === undefined ? '<csv>' : String(o['name']);
  const delimiter = o['delimiter'] === undefined ? ',' : o['delimiter'];
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw optionError(fn, 'delimiter', 'one character', delimiter);
  const headerOpt = o['header'] ?? 'auto';
  if (typeof headerOpt !== 'boolean' && headerOpt !== 'auto') throw optionError(fn, 'header', "true, false or 'auto'", headerOpt);

  const lines: { cells: string[]; line: number }[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!.replace(/\r$/, '');
    if (l.trim() !== '') lines.push({ cells: l.split(delimiter).map((c) => c.trim()), line: i + 1 });
  }
  const first = lines[0];
  if (first === undefined) throw formatError(file, 'empty', 1, 1, 'no data', 'at least one data line', 'none');
  const hasHeader = headerOpt === 'auto' ? first.cells.some((c) => !isNumber(c)) : headerOpt;
  const header = hasHeader ? first.cells.map(unquote) : null;
  const body = hasHeader ? lines.slice(1) : lines;
  const width = first.cells.length;
  if (body.length === 0) throw formatError(file, 'empty', first.line + 1, 1, 'no data lines after the header', 'at least one data line', 'none');

  const label = labelIndex(fn, o['labelColumn'], header, width);
  const cols = label === null ? width : width - 1;
  if (cols === 0) throw formatError(file, 'empty', first.line, 1, 'no value columns besides the label', 'at least 2 columns', width);
  const shape = shapeOf(fn, o['shape'], cols);
  const rows = body.length;
  const images = new Float64Array(rows * cols);
  const labels = label === null ? null : new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const { cells, line } = body[r]!;
    if (cells.length !== width) {
      const column = Math.min(cells.length, width) + 1;
      throw formatError(file, 'ragged', line, column, `a line with ${cells.length} cells`, `${width} cells`, cells.length);
    }
    let c = 0;
    for (let k = 0; k < width; k++) {
      const cell = cells[k]!;
      if (!isNumber(cell)) throw formatError(file, 'not-a-number', line, k + 1, 'a cell that is not a finite number', 'a decimal number', JSON.stringify(cell));
      const v = Number(cell);
      if (k === label) {
        if (!Number.isInteger(v) || v < 0 || v > 255) throw formatError(file, 'label', line, k + 1, 'a bad label', 'an integer 0..255', cell);
        labels![r] = v;
      } else {
        images[r * cols + c++] = v;
      }
    }
  }
  return { images, labels, rows, cols, shape, header };
}

function labelIndex(fn: string, option: unknown, header: readonly string[] | null, width: number): number | null {
  if (option === undefined) return null;
  if (typeof option === 'number') {
    if (!Number.isInteger(option) || option >= width || option < -width) {
      throw optionError(fn, 'labelColumn', `an integer in [${-width}, ${width - 1}]`, option);
    }
    return option < 0 ? width + option : option;
  }
  if (typeof option === 'string') {
    const k = header === null ? -1 : header.indexOf(option);
    if (k < 0) throw optionError(fn, 'labelColumn', `a column index or one of the header names [${(header ?? []).join(', ')}]`, option);
    return k;
  }
  throw optionError(fn, 'labelColumn', 'a column index or a header name', option);
}

function shapeOf(fn: string, option: unknown, cols: number): [number, number] {
  if (option === undefined) return [1, cols];
  const ok = Array.isArray(option) && option.length === 2 && option.every((s) => Number.isInteger(s) && (s as number) >= 1);
  if (!ok || (option as number[])[0]! * (option as number[])[1]! !== cols) {
    throw new ShapeError(`${fn}: shape must be [height, width] with height × width = ${cols} columns`, {
      function: fn,
      option: 'shape',
      expected: `[h, w] with h·w = ${cols}`,
      received: Array.isArray(option) ? JSON.stringify(option) : String(option),
    });
  }
  return [(option as number[])[0]!, (option as number[])[1]!];
}
