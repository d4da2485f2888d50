import { rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import { train } from '@stochnet/inference';
import { loadDigits } from '@stochnet/data';
const d = loadDigits({ binarize: true });
const plan = compile(rbm(d.cols, 100, { seed: 1 }), { backend: jsBackend });
const t0 = performance.now();
train(plan, { values: d.images, rows: d.rows, cols: d.cols }, { method: 'cd', k: 1, epochs: 10, batchSize: 10, learningRate: 0.05, momentum: 0, seed: 3 });
console.log((performance.now() - t0) / 1000);
