import { sbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { exactLogProbabilities } from '../model/src/math/exact.js';
import { ancestralSample, } from './src/ancestral.js';
import { initPosterior, runPosterior } from './src/posterior.js';
const plan = compile(sbn([2, 2, 2], { seed: 3 }), { dtype: 'float64' });
console.log(plan.kind, plan.blocks.map(b => b.group), plan.schedules.ancestral);
const lp = exactLogProbabilities(plan);
const N = 200000;
let t = performance.now();
const { states } = ancestralSample(plan, { samples: N, seed: 1 });
console.log('anc ms', performance.now() - t);
const hist = new Float64Array(64);
for (let r = 0; r < N; r++) { let x = 0; for (let i = 0; i < 6; i++) x |= states[r*6+i]! << i; hist[x]++; }
let tv = 0; for (let k = 0; k < 64; k++) tv += Math.abs(hist[k]/N - Math.exp(lp[k]!)); console.log('tv', tv/2);
t = performance.now();
const st = initPosterior(plan, { chains: N, seed: 2, evidence: [] });
console.log('init ms', performance.now() - t);
t = performance.now();
const cu = process.cpuUsage(); runPosterior(st, 50); console.log('cpu', process.cpuUsage(cu).user/1000);
console.log('50 sweeps ms', performance.now() - t);
hist.fill(0);
for (let r = 0; r < N; r++) { let x = 0; for (let i = 0; i < 6; i++) x |= st.states[r*6+i]! << i; hist[x]++; }
tv = 0; for (let k = 0; k < 64; k++) tv += Math.abs(hist[k]/N - Math.exp(lp[k]!)); console.log('tv post', tv/2);
