/**
 * The fixture zoo (M1–M6 and extras), shared with the cross-package suites:
 * the definitions live in the top-level `test/support/fixtures.ts`.
 */
export * from '../../../../test/support/fixtures.js';
