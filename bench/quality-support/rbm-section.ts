/**
 * Quality benchmark, RBM part: RBMs with 20 hidden units trained by CD-1,
 * PCD and parallel tempering, each tuned on the validation rows, and the
 * scikit-learn BernoulliRBM default recipe, scored by the exact test
 * log-likelihood (log Z enumerated over 2^20 hidden states, float64).
 */
import { rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { train } from '@stochnet/inference';
import type { TrainOptions } from '@stochnet/inference';
import { fmt, now, rbmLogLikelihoods, since } from './evaluate.js';
import type { Rows } from './evaluate.js';

interface Candidate {
  readonly label: string;
  readonly options: TrainOptions;
  readonly dataBias: boolean;
}

const EPOCHS = 50;
const common = { epochs: EPOCHS, batchSize: 10, weightDecay: 1e-4, seed: 'quality/rbm' } as const;

/** Our tuned rules: a small grid per rule, chosen by validation log-likelihood. */
const GRID: readonly Candidate[] = [
  ...[0.01, 0.02, 0.05].map((learningRate): Candidate => ({ label: 'CD-1', dataBias: true, options: { ...common, method: 'cd', k: 1, learningRate } })),
  ...[0.002, 0.005, 0.01].map((learningRate): Candidate => ({ label: 'PCD-1', dataBias: true, options: { ...common, method: 'pcd', k: 1, chains: 100, learningRate } })),
  ...[0.002, 0.005, 0.01].map((learningRate): Candidate => ({ label: 'PT', dataBias: true, options: { ...common, method: 'pt', k: 1, chains: 10, replicas: 10, learningRate } })),
];

/**
 * scikit-learn's BernoulliRBM defaults (n_components=20, learning_rate=0.1,
 * batch_size=10, n_iter=10): PCD-1 with one persistent chain per batch row
 * (10 chains), plain SGD on the batch-mean gradient (no momentum, no weight
 * decay), weights N(0, 0.01²), zero biases. Differences that remain: our
 * loop shuffles the rows every epoch and starts the chains at random states
 * (sklearn keeps the row order and starts its hidden chains at 0).
 */
const SKLEARN: Candidate = {
  label: 'sklearn-equivalent recipe',
  dataBias: false,
  options: { method: 'pcd', k: 1, chains: 10, learningRate: 0.1, batchSize: 10, epochs: 10, momentum: 0, weightDecay: 0, seed: 'quality/rbm' },
};

function describeOptions(o: TrainOptions): string {
  const parts = [`lr ${o.learningRate}`, `epochs ${o.epochs}`, `batch ${o.batchSize}`];
  if (o.chains !== undefined) parts.push(`chains ${o.chains}`);
  if (o.replicas !== undefined) parts.push(`replicas ${o.replicas}`);
  parts.push(typeof o.momentum === 'number' ? `momentum ${o.momentum}` : 'momentum 0.5→0.9 at epoch 5');
  parts.push(`weight decay ${o.weightDecay ?? 0}`);
  return parts.join(', ');
}

function fitOne(c: Candidate, fit: Rows, sets: readonly Rows[]): { values: number[]; seconds: number; logZSeconds: number } {
  const t0 = now();
  const net = rbm(64, 20, { seed: 'quality/rbm-init', ...(c.dataBias ? { visibleBias: visibleBiasFromData(fit.values, fit.rows, fit.cols) } : {}) });
  const result = train(compile(net, { dtype: 'float64' }), fit, c.options);
  const seconds = since(t0);
  const { values, logZSeconds } = rbmLogLikelihoods(result.plan, sets);
  return { values, seconds, logZSeconds };
}

/** Runs the RBM part and prints its lines; returns the test figures by label. */
export function rbmSection(fit: Rows, validation: Rows, test: Rows): Record<string, number> {
  console.log('\nRBM 64×20, exact log-likelihood (nats per example; log Z by enumerating 2^20 hidden states, float64)');
  console.log('  tuning on the validation rows (each candidate trained on the fit rows; test scored too but never used to choose):');
  const best = new Map<string, { c: Candidate; val: number; test: number }>();
  for (const c of GRID) {
    const r = fitOne(c, fit, [validation, test]);
    console.log(`    ${c.label.padEnd(6)} ${describeOptions(c.options).padEnd(78)} val ${fmt(r.values[0]!)}  (${fmt(r.seconds, 1, 5)} s train, ${fmt(r.logZSeconds, 1, 4)} s log Z)`);
    const prev = best.get(c.label);
    if (prev === undefined || r.values[0]! > prev.val) best.set(c.label, { c, val: r.values[0]!, test: r.values[1]! });
  }
  const sk = fitOne(SKLEARN, fit, [validation, test]);
  best.set(SKLEARN.label, { c: SKLEARN, val: sk.values[0]!, test: sk.values[1]! });
  const out: Record<string, number> = {};
  console.log('  chosen settings, test log-likelihood:');
  for (const { c, val, test: t } of best.values()) {
    out[c.label] = t;
    console.log(`    ${c.label.padEnd(26)} val ${fmt(val)}  test ${fmt(t)}   [${describeOptions(c.options)}${c.dataBias ? ', visible bias log(p/(1−p)) of the data' : ', zero biases'}]`);
  }
  const ours = Math.max(out['CD-1']!, out['PCD-1']!, out['PT']!);
  console.log(`  gain of our best rule over the sklearn-equivalent recipe: ${fmt(ours - out[SKLEARN.label]!, 2, 0)} nats per example`);
  return out;
}
