import { writeFileSync } from 'node:fs';
import { encodePng } from '@stochnet/data';
import { startSession } from './src/session.js';
import { SETTINGS } from './src/settings.js';
const lr = Number(process.argv[2] ?? 0.05), bs = Number(process.argv[3] ?? 20), n = Number(process.argv[4] ?? 10), tag = process.argv[5] ?? 'a';
const s = startSession('2024', { ...SETTINGS, learningRate: lr, batchSize: bs }, () => performance.now());
let r;
for (let e = 0; e < n; e++) { r = s.epoch(); console.log(r.epoch, r.trainError.toFixed(4), r.testError.toFixed(4), r.samplesPerSecond.toFixed(0)); }
const stack = [s.started.data, r!.filters, r!.particles, r!.probabilities];
const W = stack.reduce((a, p) => a + p.width + 10, 0), H = Math.max(...stack.map((p) => p.height));
const out = new Uint8Array(W * H * 4).fill(200);
let x0 = 0;
for (const p of stack) { for (let y = 0; y < p.height; y++) out.set(p.rgba.subarray(y * p.width * 4, (y + 1) * p.width * 4), (y * W + x0) * 4); x0 += p.width + 10; }
writeFileSync(`/tmp/exp-${tag}.png`, encodePng(out, W, H));
