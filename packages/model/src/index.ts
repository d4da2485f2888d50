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
export { jsBackend } from './kernels/js/index.js';
export { kernelNames } from './kernels/kernel-names.js';
export type { KernelName } from './kernels/kernel-names.js';
export { compile, compileEither } from './compile.js';
export type { CompileOptions } from './options.js';
export { MAX_PLAN_WEIGHTS, MAX_PLAN_UNITS } from './limits.js';
export { describePlan } from './describe.js';
export type { PlanSummary, BlockSummary, WeightSummary, StepPartSummary } from './describe.js';
export { writeBack } from './write-back.js';
export { accumulateStatistics, createStatisticsWorkspace, dataMinusModel } from './math/statistics.js';
export type { StatisticsWorkspace } from './math/statistics.js';
export { sbnGradientInto } from './math/sbn-gradient.js';
export { applyGradient } from './math/apply-gradient.js';
export { createSigmoidNet, zeroSigmoidNetGradient, appendOutputLayer } from './math/sigmoid-net.js';
export type { OutputKind, SigmoidLayer, SigmoidNet, SigmoidNetGradient, SigmoidLayerGradient, AppendOutputOptions } from './math/sigmoid-net.js';
export { createBackpropWorkspace, forward, forwardInto, lossAndGradient } from './math/backprop.js';
export type { BackpropWorkspace } from './math/backprop.js';
export { unrollDbn } from './math/unroll-dbn.js';
export { zeroGradient } from './math/gradient.js';
export type { Gradient } from './math/gradient.js';
export { DEFAULT_MAX_STATES } from './math/state.js';
export type { StateArray, ExactOptions, ValueCheck } from './math/state.js';
export { blockFieldInto, FieldWorkspace } from './math/field.js';
export type { FieldOptions } from './math/field.js';
export { energy, freeEnergy, freeEnergyBatchInto } from './math/energy.js';
export { conditional, hiddenGivenVisible, hiddenGivenVisibleInto, visibleGivenHidden, visibleGivenHiddenInto } from './math/conditionals.js';
export type { LayerConditionalOptions } from './math/conditionals.js';
export { logProb } from './math/log-prob.js';
export {
  exactLogZ,
  exactLogProbabilities,
  exactLogProbabilitiesInto,
  exactMarginals,
  exactMarginalsInto,
  exactMoments,
  exactMomentsInto,
} from './math/exact.js';
export type { ExactMoments } from './math/exact.js';
export { exactGradient, exactGradientInto } from './math/exact-gradient.js';
export { exactLogLikelihood } from './math/exact-likelihood.js';
export { clonePlan } from './clone.js';
export { BINARY_DENSITY_LIMIT, hasBinaryStateKernels } from './backend-binary.js';
export type { BinaryStateKernels } from './backend-binary.js';
export { kernelChecks } from './kernel-checks.js';
export type { KernelChecks } from './kernel-checks.js';
export { hasRbmSession } from './backend-rbm-session.js';
export type { RbmSessionArrays, RbmSessionKernels, RbmSessionOptions, RbmStepResult, RbmStepSettings, RbmTrainingSession } from './backend-rbm-session.js';
