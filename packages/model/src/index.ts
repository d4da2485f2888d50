/**
 * What a stochnet network computes: compile a Network into a Plan of dense
 * kernels, and the math on plans (energies, conditionals, exact enumeration,
 * gradients) over a pluggable kernel Backend.
 *
 * @packageDocumentation
 */
export type * from './backend.js';
export type * from './plan.js';
export { sigmoid, softplus, logSigmoid, logSumExp, logBernoulli } from './numerics.js';
