import { rbm, normal } from '@stochnet/graph';
import { compile, exactLogZ } from '@stochnet/model';
import { aisLogZ, reverseAisLogZ } from '@stochnet/inference';

function run(nv: number, nh: number, sd: number, seed: string, betas: number, runs: number) {
  const plan = compile(rbm(nv, nh, { seed, init: normal(0, sd), visibleBias: normal(0, 0.5), hiddenBias: normal(0, 0.5) }), { dtype: 'float64' });
  let t = performance.now();
  const ex = exactLogZ(plan);
  const tEx = performance.now() - t;
  t = performance.now();
  const f = aisLogZ(plan, { seed: 1, runs, betas });
  const tF = performance.now() - t;
  t = performance.now();
  const r = reverseAisLogZ(plan, { seed: 1, runs, betas, burnIn: 200 });
  const tR = performance.now() - t;
  console.log(`${nv}x${nh} sd${sd} K=${betas} R=${runs}: exact ${ex.toFixed(4)} fwd ${(f.logZ - ex).toFixed(4)} [${(f.logZLow - ex).toFixed(3)},${(f.logZHigh - ex).toFixed(3)}] ess ${f.ess.toFixed(1)} | rev ${(r.logZ - ex).toFixed(4)} [${(r.logZLow - ex).toFixed(3)},${(r.logZHigh - ex).toFixed(3)}] ess ${r.ess.toFixed(1)} | t ex ${tEx.toFixed(0)} f ${tF.toFixed(0)} r ${tR.toFixed(0)} ms`);
}
const args = process.argv.slice(2).map(Number);
run(args[0]!, args[1]!, args[2]!, 'S' + args[5], args[3]!, args[4]!);
