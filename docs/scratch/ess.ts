import { boltzmann, normal, constant } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { effectiveSampleSize, initGibbs, runGibbs } from '@stochnet/inference';
const ess = (n: number, sd: number, seed: number): number => {
  const plan = compile(boltzmann(n, { seed, init: normal(0, sd) }));
  const state = initGibbs(plan, { seed: 'ess', init: 'random' });
  runGibbs(state, 500);
  const run = runGibbs(state, 5000, { trace: 'energy' });
  return effectiveSampleSize(run.energy!);
};
for (const n of [10, 16]) for (const sd of [0.2, 1, 2, 4]) console.log(n, sd, [1, 2, 3, 4].map((s) => Math.round(ess(n, sd, s))).join(' '));
