/**
 * The command line as a function: `runCli(argv, io)` parses, runs one
 * command and returns the exit code, so tests call it in-process and
 * `main.ts` calls it for the process.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import type { OutputConfiguration } from 'commander';
import { LIBRARY_VERSION, StochnetError } from '@stochnet/graph';
import { evalCommand } from './commands/eval.js';
import { inspectCommand } from './commands/inspect.js';
import { sampleCommand } from './commands/sample.js';
import { trainCommand } from './commands/train.js';
import { UsageError } from './errors.js';
import { nodeIo, println } from './io.js';
import type { CliIo } from './io.js';

/** Exit code of a run that succeeded. */
export const EXIT_OK = 0;
/** Exit code of a run that failed on bad data, files or a failed computation. */
export const EXIT_FAILURE = 1;
/** Exit code of a command line that could not be parsed or made sense of. */
export const EXIT_USAGE = 2;

function oneLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/ is invalid\. /, ' is invalid: ')
    .replace(/\s*\(Did you mean (.*)\?\)/, '; did you mean $1?')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function output(io: CliIo, name: string): OutputConfiguration {
  return {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`${name}: ${oneLine(s)} (see ${name} --help)\n`),
  };
}

function program(io: CliIo, state: { command: string }): Command {
  const root = new Command('stochnet')
    .description('train, sample, evaluate and inspect networks of stochastic binary units')
    .version(LIBRARY_VERSION, '--version', 'print the version')
    .option('--verbose', 'on an error, print its details and stack too')
    .addHelpText('after', '\nExamples:\n  stochnet train --hidden 20 --out run        an RBM on the embedded digits\n  stochnet sample run/model.json --inpaint 20  complete the lower halves of held-out digits\n  stochnet eval run/model.json                 held-out log-likelihood\n  stochnet inspect run/model.json --json       the compiled plan, as JSON');
  for (const sub of [trainCommand(io), sampleCommand(io), evalCommand(io), inspectCommand(io)]) {
    sub.hook('preAction', () => {
      state.command = `stochnet ${sub.name()}`;
    });
    root.addCommand(sub);
  }
  for (const cmd of [root, ...root.commands]) {
    const name = cmd === root ? 'stochnet' : `stochnet ${cmd.name()}`;
    cmd.exitOverride().configureOutput(output(io, name)).showSuggestionAfterError(true).allowExcessArguments(false);
  }
  return root;
}

function describe(e: unknown, verbose: boolean): string[] {
  if (e instanceof StochnetError) {
    const lines = [`${oneLine(e.message)} [${e.code}]`];
    if (verbose) {
      lines.push(`details: ${JSON.stringify(e.details)}`);
      for (const other of e.issues.slice(1)) lines.push(`also: ${oneLine(other.message)} [${other.code}]`);
    }
    return lines;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return [`${oneLine(err.message)}${typeof code === 'string' ? ` [${code}]` : ''}${verbose ? '' : ' (run with --verbose for the stack)'}`];
}

/**
 * Runs the stochnet command line: `train`, `sample`, `eval` or `inspect`.
 *
 * @remarks
 * Never throws and never exits the process. Output goes to `io.stdout`;
 * a failure prints one line to `io.stderr` (with `--verbose`, the error's
 * details and stack follow) and returns a non-zero code: 2 for a command
 * line that cannot be parsed or contradicts itself (unknown flag, bad
 * value, missing argument), 1 for everything else (missing or corrupt
 * files, bad data, a failed computation). Every file is written through a
 * temporary file and a rename, so a failed run leaves no partial file.
 *
 * @param argv - the arguments after the program name, e.g. `['inspect', 'model.json']`
 * @param io - streams and working folder (default: the process's)
 * @returns the exit code: 0 on success
 *
 * @example
 * ```ts
 * import { runCli } from '@stochnet/cli';
 * const out: string[] = [];
 * const err: string[] = [];
 * const io = { stdout: { write: (s: string) => void out.push(s) }, stderr: { write: (s: string) => void err.push(s) }, cwd: process.cwd() };
 * const code = await runCli(['inspect', '--no-such-flag', 'model.json'], io);
 * console.log(code, err.join('').split('\n').length); // 2 2
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const state = { command: 'stochnet' };
  const verbose = argv.includes('--verbose');
  try {
    await program(io, state).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      return e.code === 'commander.help' ? EXIT_USAGE : e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const [first, ...rest] = describe(e, verbose);
    println(io.stderr, `${state.command}: ${first}`);
    for (const line of rest) println(io.stderr, line);
    if (verbose && e instanceof Error && e.stack !== undefined) println(io.stderr, e.stack);
    return e instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
}
