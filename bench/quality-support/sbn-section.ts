/**
 * Quality benchmark, SBN part: sigmoid belief nets 64 ← 20 trained by
 * Gibbs-based learning (Neal 1992) and by wake-sleep, tuned on validation
 * rows, scored by the exact test log-likelihood (2^20 hidden configurations
 * per example, enumerated once for all rows), with the importance-sampled
 * estimate beside it as a cross-check.
 */
import { sbn, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { importanceLogLikelihood, trainSbn } from '@stochnet/inference';
import type { TrainSbnOptions, TrainSbnResult } from '@stochnet/inference';
import { fmt, now, since } from './evaluate.js';
import type { Rows } from './evaluate.js';

const EPOCHS = 60;
const common = { epochs: EPOCHS, batchSize: 10, weightDecay: 1e-4, seed: 'quality/sbn' } as const;

const GRID: readonly { label: string; options: TrainSbnOptions }[] = [
  { label: 'sbn-gibbs', options: { ...common, method: 'sbn-gibbs', sweeps: 1, burnIn: 10, learningRate: 0.02 } },
  { label: 'sbn-gibbs', options: { ...common, method: 'sbn-gibbs', sweeps: 1, burnIn: 10, learningRate: 0.05 } },
  { label: 'wake-sleep', options: { ...common, method: 'wake-sleep', learningRate: 0.02 } },
  { label: 'wake-sleep', options: { ...common, method: 'wake-sleep', learningRate: 0.05 } },
];

function describeOptions(o: TrainSbnOptions): string {
  const parts = [`lr ${o.learningRate}`, `epochs ${o.epochs}`, `batch ${o.batchSize}`, 'momentum 0.5→0.9 at epoch 5', `weight decay ${o.weightDecay}`];
  if (o.method === 'sbn-gibbs') parts.push(`persistent chain per example, ${o.sweeps} sweep per visit, burn-in ${o.burnIn}`);
  else parts.push('recognition rate = lr, fantasies = batch');
  return parts.join(', ');
}

/** Exact mean log-likelihoods of two data sets (a two-layer SBN enumerates its hidden states once per set). */
function exactPair(plan: Plan, a: Rows, b: Rows): [number, number] {
  return [exactLogLikelihood(plan, a.values, a.rows), exactLogLikelihood(plan, b.values, b.rows)];
}

/** Runs the SBN part and prints its lines; returns the test figures by label. */
export function sbnSection(fit: Rows, validation: Rows, test: Rows): Record<string, number> {
  console.log('\nSBN 64←20 (sizes [64, 20]), exact log-likelihood (nats per example; 2^20 hidden configurations enumerated, float64)');
  console.log('  tuning on the validation rows (exact), each candidate trained on the fit rows (test scored in the same pass, never used to choose):');
  const best = new Map<string, { options: TrainSbnOptions; val: number; test: number; result: TrainSbnResult; seconds: number; exactSeconds: number }>();
  for (const c of GRID) {
    const t0 = now();
    const net = sbn([64, 20], { seed: 'quality/sbn-init', visibleBias: visibleBiasFromData(fit.values, fit.rows, fit.cols) });
    const result = trainSbn(compile(net, { dtype: 'float64' }), fit, c.options);
    const seconds = since(t0);
    const t1 = now();
    const [v, t] = exactPair(result.plan, validation, test);
    const exactSeconds = since(t1);
    console.log(`    ${c.label.padEnd(10)} ${describeOptions(c.options).padEnd(120)} val ${fmt(v)}  (${fmt(seconds, 1, 5)} s train, ${fmt(exactSeconds, 1, 4)} s exact, ${validation.rows + test.rows} rows)`);
    const prev = best.get(c.label);
    if (prev === undefined || v > prev.val) best.set(c.label, { options: c.options, val: v, test: t, result, seconds, exactSeconds });
  }
  const out: Record<string, number> = {};
  console.log('  chosen settings, test log-likelihood:');
  for (const [label, b] of best) {
    out[label] = b.test;
    const proposal = b.result.recognition ?? 'prior';
    const est = importanceLogLikelihood(b.result.plan, test.values, test.rows, { samples: 2000, seed: 'quality/is', proposal });
    const which = proposal === 'prior' ? 'prior proposal' : 'recognition-net proposal';
    console.log(
      `    ${label.padEnd(10)} val ${fmt(b.val)}  test ${fmt(b.test)} exact;  importance-sampled ${fmt(est.logLikelihood)} ± ${est.standardError.toFixed(2)} (${which}, 2000 samples, ESS ${est.ess.toFixed(0)})   [${describeOptions(b.options)}; ${b.seconds.toFixed(1)} s train]`,
    );
  }
  return out;
}
