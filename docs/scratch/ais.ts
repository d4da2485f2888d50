import { normal, rbm } from '@stochnet/graph';
import { compile, exactLogZ } from '@stochnet/model';
import { aisLogZ, reverseAisLogZ } from '@stochnet/inference';
for (const [nv, nh, sd] of [[12, 8, 1], [16, 10, 2], [20, 10, 1.5]] as const) {
  const model = compile(rbm(nv, nh, { seed: 6, init: normal(0, sd) }), { dtype: 'float64' });
  const exact = exactLogZ(model);
  for (const betas of [10, 100, 1000]) {
    const t0 = Date.now();
    const f = aisLogZ(model, { seed: 1, runs: 100, betas });
    const t1 = Date.now();
    const r = reverseAisLogZ(model, { seed: 1, runs: 100, betas, burnIn: 100 });
    console.log(nv, nh, sd, betas, (f.logZ - exact).toFixed(3), (r.logZ - exact).toFixed(3), f.ess.toFixed(0), r.ess.toFixed(0), t1 - t0, Date.now() - t1, 'ms');
  }
}
