import { sbn, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { trainSbn } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';
const split = digitsSplit(process.env.SPLIT ?? 1, { binarize: true });
const test = split.test;
for (const cfg of JSON.parse(process.argv[2]!)) {
  const { hidden, rows, every, ...rest } = cfg;
  const values = split.train.images.subarray(0, rows * 64);
  const plan = compile(sbn([64, hidden], { seed: 1, visibleBias: visibleBiasFromData(values, rows, 64) }), { dtype: 'float64' });
  const t0 = Date.now();
  const lls: string[] = [];
  const r = trainSbn(plan, { values, rows, cols: 64 }, { seed: 1, ...rest, onEpoch: ({ epoch, plan }) => { if ((epoch + 1) % (every ?? 5) === 0) lls.push(exactLogLikelihood(plan, test.images, test.rows).toFixed(2)); } });
  console.log(JSON.stringify(cfg), 'init', exactLogLikelihood(plan, test.images, test.rows).toFixed(2), 'test LL', lls.join(' '), `${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
