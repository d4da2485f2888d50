/**
 * The `stochnet` program: runs the command line on the process's arguments
 * and sets the exit code.
 *
 * @module
 */
import { runCli } from './cli.js';
import { nodeIo } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
