import { rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { train } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';
const split = digitsSplit('rbm-digits', { binarize: true });
const test = split.test;
for (const [nh, rows, epochs, bs, lr] of JSON.parse(process.argv[2]!)) {
  const values = split.train.images.subarray(0, rows * 64);
  const plan = compile(rbm(64, nh, { seed: 'rbm-digits', shape: [8, 8], visibleBias: visibleBiasFromData(values, rows, 64) }), { dtype: 'float64' });
  const t0 = Date.now();
  const lls: string[] = [];
  train(plan, { values, rows, cols: 64 }, { method: 'cd', epochs, batchSize: bs, learningRate: lr, momentum: 0, seed: 'rbm-digits', onEpoch: ({ plan }) => { lls.push(exactLogLikelihood(plan, test.images, test.rows).toFixed(2)); } });
  console.log(nh, rows, epochs, bs, lr, exactLogLikelihood(plan, test.images, test.rows).toFixed(2), lls.join(' '), Date.now() - t0, 'ms');
}
