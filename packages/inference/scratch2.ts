import { createRng } from '@stochnet/graph';
import { AleaStreams } from './src/alea-streams.js';
const base = createRng('abc');
const s = new AleaStreams(1000);
let bad = 0;
for (let c = 0; c < 1000; c++) s.seed(c, `abc/chain/${c}`);
for (let c = 0; c < 1000; c += 37) { const r = base.fork('chain/' + c); for (let i = 0; i < 500; i++) if (r.next() !== s.next(c)) bad++; }
console.log('bad', bad);
let t = performance.now();
const big = new AleaStreams(200000);
for (let c = 0; c < 200000; c++) big.seed(c, `abc/chain/${c}`);
console.log('seed 2e5 ms', performance.now() - t);
t = performance.now();
const u = new Float64Array(200000);
let acc = 0;
for (let k = 0; k < 200; k++) { big.fill(u, 1); acc += u[5]!; }
console.log('200 fills ms', performance.now() - t, acc);
