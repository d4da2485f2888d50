/**
 * What stochnet does with a compiled network: seeded samplers over any
 * topology (block Gibbs with clamping, ancestral sampling with likelihood
 * weighting, posterior Gibbs for belief nets, DBN sampling), persistent
 * chains and mixing diagnostics; learning rules (CD-k, PCD-k, parallel
 * tempering, SBN Gibbs learning, wake-sleep, DBN training and fine-tuning),
 * the optimiser and training loop with checkpoints; and estimators
 * (reconstruction error, pseudo-likelihood, AIS, importance sampling).
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
export { TrainingDivergedError } from './errors.js';
export { MAX_GIBBS_STEPS, MAX_REPLICAS } from './learn/options.js';
export type { CdOptions, CommonLearnOptions, LearnOptions, PcdOptions, PositivePhase, PtOptions } from './learn/options.js';
export type { BatchArray } from './learn/batch-check.js';
export { createLearner } from './learn/learner.js';
export { restoreLearner } from './learn/restore.js';
export type { Learner, LearnerInfo, LearnerOptions, LearnerSnapshot } from './learn/learner.js';
export type { SavedTempering } from './learn/tempering.js';
export { DEFAULT_MOMENTUM } from './train/optimiser-options.js';
export type { LearningRateSchedule, MomentumSchedule, OptimiserOptions, SparsityOptions } from './train/optimiser-options.js';
export { Optimiser, createOptimiser } from './train/optimiser.js';
export type { OptimiserState, StepInfo, StepPlace } from './train/optimiser.js';
export type { BatchEvent, EarlyStoppingOptions, EpochEvent, EpochRecord, Metric, TrainingData, TrainOptions } from './train/options.js';
export type { EarlyStoppingState } from './train/monitor.js';
export { train } from './train/train.js';
export type { TrainResult, TrainState } from './train/train.js';
export { checkpoint, resumeTraining } from './train/checkpoint.js';
export type { ResumeOptions, SavedNumber, SavedTrainOptions, TrainCheckpoint } from './train/checkpoint.js';
export type { PackedArray } from './train/base64.js';
export { ZeroProbabilityEvidenceError } from './errors.js';
export { ancestralSample, ancestralSampleInto } from './ancestral.js';
export type { AncestralOptions, AncestralResult } from './ancestral.js';
export { initPosterior, posteriorStep, runPosterior, createPosteriorWorkspace } from './posterior.js';
export type { PosteriorOptions, PosteriorState, PosteriorInfo } from './posterior.js';
export type { PosteriorWorkspace } from './posterior-workspace.js';
export { dbnSample } from './dbn.js';
export type { DbnSampleOptions, DbnSample } from './dbn.js';
export type { DataRows } from './estimate/checks.js';
export { reconstructionError } from './estimate/reconstruction.js';
export type { ReconstructionLoss, ReconstructionOptions } from './estimate/reconstruction.js';
export { pseudoLogLikelihood } from './estimate/pseudo-likelihood.js';
export type { PseudoLikelihood, PseudoLikelihoodOptions } from './estimate/pseudo-likelihood.js';
export { pseudoLogLikelihoodGradient, pseudoLogLikelihoodGradientInto } from './estimate/pseudo-likelihood-gradient.js';
export { freeEnergyGap } from './estimate/free-energy-gap.js';
export type { FreeEnergyGap } from './estimate/free-energy-gap.js';
export { AIS_DEFAULT_STEPS, aisBetaSchedule } from './estimate/ais-schedule.js';
export { baseRateBiases } from './estimate/ais-base.js';
export type { BaseRateOptions } from './estimate/ais-base.js';
export { aisLogZ } from './estimate/ais.js';
export type { AisOptions, AisResult } from './estimate/ais.js';
export { reverseAisLogZ } from './estimate/reverse-ais.js';
export type { ReverseAisOptions } from './estimate/reverse-ais.js';
export { aisLogLikelihood } from './estimate/ais-likelihood.js';
export type { AisLikelihood, AisLikelihoodOptions } from './estimate/ais-likelihood.js';
export { importanceLogLikelihood } from './estimate/importance.js';
export type { ImportanceEstimate, ImportanceOptions } from './estimate/importance.js';
export type { ImportanceProposal, RecognitionFunction } from './estimate/recognition.js';
export type { BeliefNetLearner, BeliefNetLearnerInfo, BeliefNetRuleOptions, SbnGibbsOptions, WakeSleepOptions } from './learn/sbn-options.js';
export { createSbnGibbsLearner } from './learn/sbn-gibbs.js';
export { createRecognitionNet } from './learn/recognition-net.js';
export type { RecognitionNetOptions } from './learn/recognition-net.js';
export { createWakeSleepLearner } from './learn/wake-sleep.js';
export type { WakeSleepLearner } from './learn/wake-sleep.js';
export { trainSbn } from './learn/sbn-train.js';
export type { SbnLoopOptions, TrainSbnOptions, TrainSbnResult } from './learn/sbn-train.js';
export { trainDbn } from './learn/dbn-train.js';
export type { DbnLayerOverrides, DbnLayerResult, TrainDbnOptions, TrainDbnResult } from './learn/dbn-train.js';
export { classify, classificationAccuracy } from './learn/classify.js';
export { fineTuneDbn } from './learn/finetune.js';
export type { FineTuneResult } from './learn/finetune.js';
export type { FineTuneEpoch, FineTuneOptions, LabelledData } from './learn/finetune-options.js';
