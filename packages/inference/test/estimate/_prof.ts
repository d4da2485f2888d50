import { rbm, normal } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { aisLogZ } from '@stochnet/inference';
const plan = compile(rbm(16, 12, { seed: 's', init: normal(0, 0.5) }), { dtype: 'float64' });
const t = performance.now();
aisLogZ(plan, { seed: 1, runs: 100, betas: 2000 });
console.log(performance.now() - t);
