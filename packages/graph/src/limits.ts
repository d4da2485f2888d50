/**
 * Size limits checked before anything is allocated, so a bad size is a
 * {@link TooLargeError} instead of an out-of-memory crash.
 *
 * @module
 */

/** Most units one group may have: 2^24 (16 777 216). */
export const MAX_GROUP_SIZE = 2 ** 24;

/** Most weights one dense or masked coupling may have: 2^27 (134 217 728, 1 GiB of float64). */
export const MAX_DENSE_WEIGHTS = 2 ** 27;
