import { exactLogLikelihood } from '@stochnet/model';
import { trainDbn } from '@stochnet/inference';
import { teacherData } from './packages/inference/test/learn/support/belief-data.js';
const data = teacherData(120, 'dbn-rows');
for (let seed = 1; seed <= 5; seed++) {
  const r = trainDbn([6, 5, 4, 3], data, { epochs: 15, batchSize: 10, learningRate: 0.1, seed, propagate: 'samples' });
  console.log(seed, r.layers.map((l) => (exactLogLikelihood(l.rbm, l.data.values, l.data.rows) - exactLogLikelihood(l.initial, l.data.values, l.data.rows)).toFixed(3)).join(' '));
}
