import { sbn } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { trainSbn, importanceLogLikelihood } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';
{
const plan = compile(sbn([4, 2], { seed: 1 }), { dtype: 'float64' });
const values = Uint8Array.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1);
const data = { values, rows: 4, cols: 4 };
for (const method of ['sbn-gibbs', 'wake-sleep'] as const) {
const result = trainSbn(plan, data, { method, epochs: 100, batchSize: 2, learningRate: 0.1, momentum: 0.5, seed: 3 });
console.log(method, exactLogLikelihood(result.plan, values, 4), exactLogLikelihood(plan, values, 4));
}
}
const { train, test } = digitsSplit(1, { binarize: true });
const d = { values: train.images, rows: train.rows, cols: 64 };
for (const method of ['sbn-gibbs', 'wake-sleep'] as const) {
  const plan = compile(sbn([64, 20], { seed: 1 }), { dtype: 'float64' });
  let t = Date.now();
  const r = trainSbn(plan, d, { method, epochs: 5, batchSize: 10, learningRate: 0.05, seed: 1 } as any);
  console.log(method, 'train 5 epochs ms', Date.now() - t);
  t = Date.now();
  const est = importanceLogLikelihood(r.plan, test.images, test.rows, { samples: 1000, seed: 2, ...(r.recognition ? { proposal: r.recognition } : {}) });
  console.log(est.logLikelihood, est.standardError, est.ess, 'IS ms', Date.now() - t);
}
