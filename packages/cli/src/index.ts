/**
 * The stochnet command line — `stochnet train|sample|eval|inspect` — as a
 * function that tests and programs can call in-process.
 *
 * @packageDocumentation
 */
export { runCli, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from './cli.js';
export { nodeIo } from './io.js';
export type { CliIo, CliStream } from './io.js';
export { UsageError } from './errors.js';
export { ProgressLine } from './progress.js';
