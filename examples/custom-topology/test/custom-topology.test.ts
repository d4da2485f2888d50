import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setWeights } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { describe, expect, it } from 'vitest';
import { chainGraph, runCustomTopology, sampleChainGraph } from '../src/custom-topology.js';

const OPTS = { chains: 1000, burnIn: 20, sweeps: 10, seed: 'test' };

/** TV distance between the empirical joint of `samples` and exp(logp). */
function tvAgainst(samples: Float64Array, n: number, logp: Float64Array): number {
  const count = samples.length / n;
  const freq = new Float64Array(logp.length);
  for (let s = 0; s < count; s++) {
    let x = 0;
    for (let i = 0; i < n; i++) if (samples[s * n + i] === 1) x |= 1 << i;
    freq[x]! += 1 / count;
  }
  let tv = 0;
  for (let x = 0; x < logp.length; x++) tv += Math.abs(freq[x]! - Math.exp(logp[x]!)) / 2;
  return tv;
}

describe('custom-topology example', () => {
  const lines: string[] = [];
  const result = runCustomTopology(OPTS, (l) => lines.push(l));

  it('compiles the mixed network as a chain graph with three components', () => {
    expect(result.kind).toBe('general');
    expect(result.components).toEqual([['sunny'], ['friend'], ['photo']]);
  });

  it('samples the exact joint', () => {
    // 1000 independent weather draws dominate the error; a correct sampler stays well inside 0.06.
    expect(result.tv).toBeLessThan(0.06);
    for (let i = 0; i < result.exact.length; i++) expect(Math.abs(result.sampled[i]! - result.exact[i]!)).toBeLessThan(0.05);
    expect(lines.join('\n')).toContain(result.tv.toFixed(4));
  });

  it('negative control: the same samples are far from a network without the friends\' couplings', () => {
    const plan = compile(chainGraph(), { dtype: 'float64' });
    const pairs = plan.weights.find((w) => w.coupling === 'friend--friend')!.weights.length;
    const uncoupled = compile(setWeights(chainGraph(), 'friend--friend', new Float64Array(pairs)), { dtype: 'float64' });
    const samples = sampleChainGraph(plan, OPTS);
    expect(tvAgainst(samples, plan.size, exactLogProbabilities(uncoupled))).toBeGreaterThan(0.1);
    expect(tvAgainst(samples, plan.size, exactLogProbabilities(plan))).toBeLessThan(0.06);
  });

  it('runs from the command line', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', main, '--chains', '50', '--sweeps', '2'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(out).toContain('plan kind general');
  });
});
