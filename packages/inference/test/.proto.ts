import { boltzmann, normal, rbm } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { initGibbs, gibbsStep, runGibbs, createGibbsWorkspace } from '../src/index.js';
const net = boltzmann(6, { seed: 'M1', init: normal(0, 0.5), bias: normal(0, 0.5) });
const plan = compile(net, { dtype: 'float64' });
console.log(plan.kind, plan.schedules.gibbs.map(s => s.parts.map(p => [p.block, p.units && Array.from(p.units)])));
const lp = exactLogProbabilities(plan);
const p = Array.from(lp, Math.exp);
const C = 20000;
let t = performance.now();
const st = initGibbs(plan, { chains: C, seed: 's3' });
console.log('init ms', performance.now() - t);
const ws = createGibbsWorkspace(plan, C);
t = performance.now();
runGibbs(st, 50, { workspace: ws });
console.log('50 sweeps ms', performance.now() - t, 'per unit-update ns', (performance.now() - t) * 1e6 / (C * 50 * 6));
const h = new Float64Array(64);
for (let c = 0; c < C; c++) { let k = 0; for (let i = 0; i < 6; i++) k |= st.states[c * 6 + i]! << i; h[k]!++; }
let tv = 0; for (let k = 0; k < 64; k++) tv += Math.abs(h[k]! / C - p[k]!); console.log('tv', tv / 2);
// rbm
const r = compile(rbm(100, 50, { seed: 1, init: normal(0, 0.1) }));
const sr = initGibbs(r, { chains: 1000, seed: 1 });
const wr = createGibbsWorkspace(r, 1000);
t = performance.now();
runGibbs(sr, 20, { workspace: wr });
console.log('rbm 100x50 1000 chains 20 sweeps ms', performance.now() - t);
