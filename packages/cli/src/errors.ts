/**
 * Error classes of @stochnet/cli, subclasses of the shared hierarchy in
 * @stochnet/graph.
 *
 * @module
 */
import { StochnetError } from '@stochnet/graph';
import type { ErrorDetails } from '@stochnet/graph';

/**
 * A command line the CLI cannot act on: an unknown or malformed flag value,
 * flags that contradict each other, or a flag that a resumed run takes from
 * its checkpoint. Code `USAGE`; `details.option` names the flag.
 *
 * @example
 * ```ts
 * import { UsageError } from '@stochnet/cli';
 * const e = new UsageError('--hidden must be a positive integer, got -3', { option: '--hidden', received: '-3' });
 * console.log(e.code, e.details['option']); // USAGE --hidden
 * ```
 */
export class UsageError extends StochnetError {
  /**
   * @param message - a sentence naming the flag and what to do
   * @param details - the flag (`option`), what was expected and received
   */
  constructor(message: string, details: ErrorDetails = {}) {
    super('USAGE', message, details);
  }
}
