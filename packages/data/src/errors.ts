/**
 * Error classes of @stochnet/data, subclasses of the shared hierarchy in
 * @stochnet/graph.
 *
 * @module
 */
import { SerializationError } from '@stochnet/graph';
import type { ErrorDetails } from '@stochnet/graph';

/**
 * The bytes or text of a data file are not in the expected format. Code
 * `DATA_FORMAT`.
 *
 * @remarks
 * `details.file` names the file (the path, or the `name` option of a parser
 * given bytes), `details.reason` says what is wrong — `'magic'` (not an IDX
 * file), `'dtype'` (unknown IDX element type), `'dims'` (a zero or
 * unexpected dimension), `'truncated'` (the file ends early), `'trailing'`
 * (bytes after the data), `'gzip'` (a corrupt gzip stream), `'ragged'` (a CSV
 * row with the wrong number of cells), `'not-a-number'` (a CSV cell that is
 * not a finite number), `'label'` (a label that is not an integer 0..255),
 * `'empty'` (no data rows) — and where: `details.offset` (byte offset, IDX)
 * or `details.line` and `details.column` (1-based, CSV), with `expected` and
 * `received` where they apply.
 *
 * @example
 * ```ts
 * import { parseIdx, DataFormatError } from '@stochnet/data';
 * try {
 *   parseIdx(new Uint8Array([1, 2, 3, 4]), { name: 'x.idx' });
 * } catch (e) {
 *   if (e instanceof DataFormatError) console.log(e.details['reason'], e.details['offset']); // 'magic' 0
 * }
 * ```
 */
export class DataFormatError extends SerializationError {
  /**
   * @param message - a sentence naming the file, the place and what to do
   * @param details - the file, reason, offset or line and column, expected, received
   */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'DATA_FORMAT');
  }
}

/**
 * A data file cannot be read or written (missing, unreadable, a directory).
 * Code `DATA_FILE`; `details.file` names the path, `details.cause` the
 * system's error code (such as `'ENOENT'`), and `details.hint`, where there
 * is one, how to get the file.
 *
 * @example
 * ```ts
 * import { DataFileError } from '@stochnet/data';
 * import { readIdxFile } from '@stochnet/data/node';
 * try {
 *   await readIdxFile('/no/such/file-idx3-ubyte');
 * } catch (e) {
 *   if (e instanceof DataFileError) console.log(e.details['cause']); // 'ENOENT'
 * }
 * ```
 */
export class DataFileError extends SerializationError {
  /**
   * @param message - a sentence naming the file and what to do
   * @param details - the file, the system error code, a hint
   */
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details, 'DATA_FILE');
  }
}
