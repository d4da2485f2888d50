/**
 * Version numbers: the library's, and the saved-network file format's.
 *
 * @module
 */
import type { VersionError } from './errors.js';

/**
 * The version of the stochnet packages, written into every saved network as
 * `libraryVersion` (informative only: loading never depends on it).
 *
 * @example
 * ```ts
 * import { LIBRARY_VERSION } from '@stochnet/graph';
 * console.log(LIBRARY_VERSION); // '0.1.0'
 * ```
 */
export const LIBRARY_VERSION = '0.1.0';

/**
 * The newest saved-network file format this library reads and the one it
 * writes (`formatVersion`). Files with a newer format are refused with a
 * {@link VersionError}; every older format stays loadable.
 *
 * @example
 * ```ts
 * import { NETWORK_FORMAT_VERSION } from '@stochnet/graph';
 * console.log(NETWORK_FORMAT_VERSION); // 1
 * ```
 */
export const NETWORK_FORMAT_VERSION = 1;
