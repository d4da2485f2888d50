import { dbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { fineTuneDbn, trainDbn } from '@stochnet/inference';
import { digitsSplit } from '@stochnet/data';
const { train, test } = digitsSplit(process.env.SPLIT ?? 1, { binarize: true });
for (const cfg of JSON.parse(process.argv[2]!)) {
  const { layers, rows, pre, tune, random } = cfg;
  const fit = Math.round(rows * 0.8);
  const part = (a: number, b: number) => ({ data: { values: train.images.subarray(a * 64, b * 64), rows: b - a, cols: 64 }, labels: train.labels.subarray(a, b) });
  const tr = part(0, fit), va = part(fit, rows);
  const te = { data: { values: test.images, rows: test.rows, cols: 64 }, labels: test.labels };
  const t0 = Date.now();
  const start = random ? compile(dbn([64, ...layers], { seed: 1 }), { dtype: 'float64' }) : trainDbn([64, ...layers], tr.data, { seed: 1, ...pre });
  const t1 = Date.now();
  const r = fineTuneDbn(start as any, tr.data, tr.labels, { seed: 1, classes: 10, validation: va, test: te, ...tune });
  console.log(JSON.stringify(cfg), 'test', r.testAccuracy!.toFixed(3), 'best', r.bestEpoch, 'epochs', r.history.length, 'train', r.history.at(-1)!.trainAccuracy.toFixed(3), `pre ${((t1 - t0) / 1000).toFixed(1)}s tune ${((Date.now() - t1) / 1000).toFixed(1)}s`);
}
