import { rbm, normal } from '@stochnet/graph';
import { compile, exactLogZ } from '@stochnet/model';
const p = compile(rbm(64, 20, { seed: 1, init: normal(0, 0.1) }), { dtype: 'float64' });
const t = process.cpuUsage(); exactLogZ(p); console.log((process.cpuUsage(t).user / 1e6).toFixed(2), 's cpu');
