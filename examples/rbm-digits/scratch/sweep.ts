import { rbm, visibleBiasFromData } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { train } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';

const split = digitsSplit(1, { binarize: true });
const data = { values: split.train.images, rows: split.train.rows, cols: 64 };
const test = split.test;
const configs = JSON.parse(process.argv[2]!);
const EPOCHS = Number(process.argv[3] ?? 30), EVERY = Number(process.argv[4] ?? 10);
for (const cfg of configs) {
  const nh = cfg.hidden ?? 20;
  const net = rbm(64, nh, { seed: 1, shape: [8, 8], visibleBias: visibleBiasFromData(data.values, data.rows, 64) });
  const plan = compile(net, { dtype: 'float64' });
  const t0 = Date.now();
  const lls: string[] = [];
  const res = train(plan, data, { epochs: EPOCHS, batchSize: 20, seed: 1, ...cfg, hidden: undefined,
    onEpoch: ({ epoch, plan }) => { if ((epoch + 1) % EVERY === 0) lls.push(exactLogLikelihood(plan, test.images, test.rows).toFixed(2)); } } as any);
  console.log(JSON.stringify(cfg), 'init', exactLogLikelihood(plan, test.images, test.rows).toFixed(2), `test LL every ${EVERY} ep`, lls.join(' '), 'train', exactLogLikelihood(res.plan, data.values, data.rows).toFixed(2), 'recon', res.history.at(-1)!.train.reconstruction!.toFixed(4), `${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
