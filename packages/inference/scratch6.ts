import { compile } from '@stochnet/model';
import { smallDbn } from '../../test/support/fixtures.js';
import { dbnSample } from './src/dbn.js';
const pd = compile(smallDbn(), { dtype: 'float64' });
const c0 = process.cpuUsage(); const t = performance.now();
dbnSample(pd, { samples: 200000, gibbsSteps: 20, seed: 1 });
console.log('cpu', process.cpuUsage(c0).user/1000, 'wall', performance.now() - t);
