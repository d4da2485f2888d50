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
export { MAX_CHAINS, MAX_CHAIN_ENTRIES, chainRng } from './chains.js';
export type { RandomnessOptions } from './chains.js';
export { fillUniforms } from './uniforms.js';
export { stepPartFieldsInto } from './part-field.js';
export type { PartFieldOptions } from './part-field.js';
export { createGibbsWorkspace } from './gibbs-workspace.js';
export type { GibbsWorkspace } from './gibbs-workspace.js';
export { initGibbs } from './gibbs-init.js';
export type { GibbsInit, GibbsOptions, GibbsState } from './gibbs-init.js';
export { gibbsStep } from './gibbs.js';
export type { GibbsInfo, GibbsStepOptions } from './gibbs.js';
export { MAX_SWEEPS, runGibbs } from './run-gibbs.js';
export type { GibbsRun, RunGibbsOptions } from './run-gibbs.js';
export { PersistentChains, restoreChains, saveChains } from './persistent.js';
export type { SavedChains } from './persistent.js';
export { autocorrelation, chainEnergiesInto, effectiveSampleSize, integratedAutocorrelationTime } from './diagnostics.js';
