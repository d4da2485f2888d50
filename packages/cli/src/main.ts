/**
 * The `stochnet` program: runs the command line on the process's arguments
 * and sets the exit code.
 *
 * @module
 */
import { runCli } from './cli.js';
import { nodeIo } from './io.js';

// A reader that closed early (`stochnet inspect m.json | head -1`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
