import { rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { train, checkpoint, resumeTraining } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';
const nh = Number(process.argv[2] ?? 64), lr = Number(process.argv[3] ?? 0.05), bs = Number(process.argv[4] ?? 20);
const { train: tr, test } = digitsSplit('1', { binarize: true });
const data = { values: tr.images, rows: tr.rows, cols: tr.cols };
const val = { values: test.images, rows: test.rows, cols: test.cols };
const net = rbm(64, nh, { seed: '1', shape: [8, 8], visibleBias: visibleBiasFromData(tr.images, tr.rows, tr.cols) });
const plan = compile(net);
const opts = { method: (process.argv[5] ?? 'pcd') as 'pcd', k: 1, epochs: 1, batchSize: bs, learningRate: lr, seed: '1', chains: 64, validation: val } as const;
let t = performance.now();
let r = train(plan, data, opts);
console.log(0, r.history[0]!.train, r.history[0]!.validation, (performance.now() - t).toFixed(1));
for (let e = 1; e < 15; e++) {
  t = performance.now();
  const c = checkpoint(r.state);
  const t1 = performance.now();
  r = resumeTraining(c, data, { epochs: e + 1, validation: val });
  const h = r.history[e]!;
  if (e % 3 === 0) console.log(e, h.train['reconstruction']!.toFixed(4), h.validation!['reconstruction']!.toFixed(4), (t1 - t).toFixed(1), (performance.now() - t).toFixed(1));
}
const c = checkpoint(r.state);
console.log(Object.keys(c.learner), c.learner.chains?.states.length, c.learner.chains?.layout);
