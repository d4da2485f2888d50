import { compile } from '@stochnet/model';
import { m3 } from '../../test/support/fixtures.js';
import { initPosterior, posteriorStep, createPosteriorWorkspace } from './src/posterior.js';
const plan = compile(m3(), { dtype: 'float64' });
const st = initPosterior(plan, { chains: 2000, seed: 1, evidence: [], init: new Float64Array(6) });
const ws = createPosteriorWorkspace(st);
const c0 = process.cpuUsage(); const t = performance.now();
for (let i = 0; i < 1535; i++) posteriorStep(st, ws);
console.log('cpu', process.cpuUsage(c0).user/1000, 'wall', performance.now() - t);
