/**
 * Sampler throughput on the js backend: block-Gibbs sweeps per second on a
 * 784-500 RBM, ancestral samples per second on a 784-200-200 sigmoid belief
 * net, and Gibbs sweeps per second on a 1,000-unit sparse random Boltzmann
 * machine. Medians of 3 timed runs after one warm-up; figures only, nothing
 * asserted.
 *
 * Run alone: `node --import tsx bench/samplers.ts`.
 */
import { pathToFileURL } from 'node:url';
import { boltzmann, rbm } from '@stochnet/graph';
import { compile, jsBackend } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import { ancestralRate, median, seconds } from './speed-cases.js';

/** Sweeps per second (one sweep = every chain through every colour class once). */
function gibbsRate(plan: Plan, chains: number, sweeps: number): number {
  const state = initGibbs(plan, { chains, seed: 'bench', init: 'random' });
  const ws = createGibbsWorkspace(plan, chains);
  const once = (): number => seconds(() => {
    for (let s = 0; s < sweeps; s++) gibbsStep(state, ws);
  });
  once();
  const times = [once(), once(), once()];
  return (sweeps * chains) / median(times);
}

function line(label: string, rate: number, unit: string): void {
  console.log(`   ${label.padEnd(58)} ${rate.toFixed(0).padStart(9)} ${unit}`);
}

/** Prints the sampler figures. */
export function run(): void {
  const rbmPlan = compile(rbm(784, 500, { seed: 1 }), { dtype: 'float32' });
  line('RBM 784-500, block Gibbs, 100 chains (float32)', gibbsRate(rbmPlan, 100, 5), 'chain-sweeps/s');
  line('RBM 784-500, block Gibbs, 1 chain (float32)', gibbsRate(rbmPlan, 1, 100), 'chain-sweeps/s');

  line('SBN 784-200-200, ancestral, 1,000 samples a call (float32)', ancestralRate(jsBackend, 3), 'samples/s');

  const bm = compile(boltzmann(1000, { density: 0.01, seed: 1 }), { dtype: 'float32' });
  const steps = bm.schedules.gibbs.length;
  line(`sparse BM 1,000 units, density 0.01 (${steps} colour steps), 100 chains`, gibbsRate(bm, 100, 5), 'chain-sweeps/s');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
