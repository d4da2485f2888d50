/**
 * What stochnet does with a compiled network: seeded samplers over any
 * topology (block Gibbs with clamping, ancestral sampling with likelihood
 * weighting, posterior Gibbs for belief nets, DBN sampling), persistent
 * chains and mixing diagnostics.
 *
 * @packageDocumentation
 */
export { resolveEvidence } from './evidence.js';
export type { Evidence, EvidenceEntry, ResolvedEvidence } from './evidence.js';
