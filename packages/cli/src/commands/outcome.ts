/**
 * What a training runner hands back to `stochnet train`, whatever the model.
 *
 * @module
 */
import type { CurveSeries } from '@stochnet/data';
import type { Network } from '@stochnet/graph';
import type { Plan, SigmoidNet } from '@stochnet/model';

/** A chart to draw: its series, title and y label. */
export interface Chart {
  readonly series: readonly CurveSeries[];
  readonly title: string;
  readonly yLabel: string;
}

/** The result of one training runner. */
export interface TrainOutcome {
  /** The trained network. */
  readonly network: Network;
  /** The trained plan. */
  readonly plan: Plan;
  /** The learning curve. */
  readonly curve: Chart;
  /** The fine-tuning curve of a DBN classifier, or null. */
  readonly fineTuneCurve: Chart | null;
  /** A wake-sleep recognition net (the IS proposal), or null. */
  readonly recognition: SigmoidNet | null;
  /** A fine-tuned DBN classifier, or null. */
  readonly classifier: SigmoidNet | null;
  /** Extra result lines (e.g. a test accuracy). */
  readonly lines: readonly string[];
}

/** @internal x values 1..n for n epochs. */
export function epochAxis(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i + 1);
}
