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
import { boltzmann, rbm, sbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { ancestralSampleInto, createGibbsWorkspace, gibbsStep, initGibbs } from '@stochnet/inference';
import type { AncestralResult } from '@stochnet/inference';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function seconds(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

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

/** Ancestral samples per second. */
function ancestralRate(plan: Plan, samples: number): number {
  const out: AncestralResult = {
    states: plan.dtype === 'float64' ? new Float64Array(samples * plan.size) : new Float32Array(samples * plan.size),
  };
  let k = 0;
  const once = (): number => seconds(() => ancestralSampleInto(out, plan, { samples, seed: `bench/${k++}` }));
  once();
  return samples / median([once(), once(), once()]);
}

function line(label: string, rate: number, unit: string): void {
  console.log(`   ${label.padEnd(58)} ${rate.toFixed(0).padStart(9)} ${unit}`);
}

/** Prints the sampler figures. */
export function run(): void {
  const rbmPlan = compile(rbm(784, 500, { seed: 1 }), { dtype: 'float32' });
  line('RBM 784-500, block Gibbs, 100 chains (float32)', gibbsRate(rbmPlan, 100, 5), 'chain-sweeps/s');
  line('RBM 784-500, block Gibbs, 1 chain (float32)', gibbsRate(rbmPlan, 1, 100), 'chain-sweeps/s');

  const sbnPlan = compile(sbn([784, 200, 200], { seed: 1 }), { dtype: 'float32' });
  line('SBN 784-200-200, ancestral, 1,000 samples a call (float32)', ancestralRate(sbnPlan, 1000), 'samples/s');

  const bm = compile(boltzmann(1000, { density: 0.01, seed: 1 }), { dtype: 'float32' });
  const steps = bm.schedules.gibbs.length;
  line(`sparse BM 1,000 units, density 0.01 (${steps} colour steps), 100 chains`, gibbsRate(bm, 100, 5), 'chain-sweeps/s');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
