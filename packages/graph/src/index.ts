/**
 * What a stochnet network is: groups of stochastic units, couplings and their
 * parameters, as immutable values; the builder, presets, edits, validation,
 * graph queries, JSON, and the seeded randomness every package shares.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export type * from './types.js';
export { canonicalSeed, createRng, restoreRng } from './rng.js';
export type { Seed, Rng, RngState } from './rng.js';
export {
  graphView,
  findDirectedCycle,
  topologicalGroups,
  isUndirectedBipartite,
  connectedComponents,
  markovBlanket,
} from './view.js';
export type { GroupGraph, GroupAttributes, CouplingAttributes, BipartiteResult, BlanketUnit } from './view.js';
export { toJSON, parseNetwork, fromJSON } from './json.js';
export type { ToJSONOptions } from './json.js';
export { LIBRARY_VERSION, NETWORK_FORMAT_VERSION } from './version.js';
export {
  emptyNetwork,
  findGroup,
  getGroup,
  findCoupling,
  getCoupling,
  resolveUnit,
  groupId,
  couplingId,
} from './network.js';
export type { UnitAddress } from './network.js';
export { validateNetwork, assertValidNetwork, makeNetwork } from './validate.js';
export {
  zeros,
  constant,
  normal,
  uniform,
  smallRandom,
  visibleBiasFromData,
  initialise,
  isInitialiser,
  isRandomInitialiser,
} from './init.js';
export type { Initialiser } from './init.js';
export { network } from './builder.js';
export type { NetworkBuilder, BuilderOptions, LayerOptions, UnitOptions, EdgeOptions } from './builder.js';
export type { BiasInput, CouplingOptions, WeightsInput, MaskInput } from './coupling-params.js';
export type { SparsePair } from './sparse.js';
export { rbm, sbn, dbn, boltzmann } from './presets.js';
export type { PresetOptions, RbmOptions, BoltzmannOptions } from './presets.js';
export {
  mutate,
  addGroup,
  removeGroup,
  addCoupling,
  removeCoupling,
  setBias,
  setBiasAt,
  setWeights,
  setWeight,
  addEdge,
  setRole,
} from './edit.js';
export type { EditOptions } from './edit.js';
export type { NetworkDraft, WeightValues } from './edit-draft.js';
export { compareIds } from './compare-ids.js';
export { encodeBase64, decodeBase64 } from './base64.js';
