/**
 * Where the CLI reads and writes: two text streams and a working folder,
 * passed in so tests can run it in-process and capture what a person sees.
 *
 * @module
 */

/** A text output stream: a terminal, a pipe, or a test's buffer. */
export interface CliStream {
  /** Writes text as given (the CLI adds its own newlines). */
  write(text: string): void;
  /** Whether the stream is a terminal; progress bars are drawn only then. */
  readonly isTTY?: boolean | undefined;
  /** Terminal width in characters, when known. */
  readonly columns?: number | undefined;
}

/** The streams and folder of one CLI run. */
export interface CliIo {
  /** Results and progress. */
  readonly stdout: CliStream;
  /** Error lines (one per failure; the stack only with --verbose). */
  readonly stderr: CliStream;
  /** The folder relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * The process's own streams and working folder.
 *
 * @returns an io object over process.stdout, process.stderr and process.cwd()
 *
 * @example
 * ```ts
 * import { nodeIo } from '@stochnet/cli';
 * const io = nodeIo();
 * console.log(io.cwd === process.cwd()); // true
 * ```
 */
export function nodeIo(): CliIo {
  const stream = (s: NodeJS.WriteStream): CliStream => ({
    write: (text: string) => void s.write(text),
    get isTTY() {
      return s.isTTY === true;
    },
    get columns() {
      return s.columns;
    },
  });
  return { stdout: stream(process.stdout), stderr: stream(process.stderr), cwd: process.cwd() };
}

/** @internal Writes one line to a stream. */
export function println(stream: CliStream, line = ''): void {
  stream.write(`${line}\n`);
}
