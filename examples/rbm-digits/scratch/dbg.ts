import { rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { digitsSplit } from '@stochnet/data';
const split = digitsSplit('rbm-digits', { binarize: true });
const test = split.test;
for (const rows of [400, 500]) {
const values = split.train.images.subarray(0, rows * 64);
const plan = compile(rbm(64, 10, { seed: 'rbm-digits', shape: [8, 8], visibleBias: visibleBiasFromData(values, rows, 64) }), { dtype: 'float64' });
console.log(rows, exactLogLikelihood(plan, test.images, test.rows));
}
