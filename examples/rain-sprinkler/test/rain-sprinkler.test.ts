import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUICK, runRainSprinkler } from '../src/rain-sprinkler.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** p(rain | evidence) summed by hand from the four CPDs, independently of the library. */
function byHand(given: { wet?: 0 | 1; sprinkler?: 0 | 1 }): number {
  let num = 0;
  let den = 0;
  for (let x = 0; x < 16; x++) {
    const [c, r, s, w] = [x & 1, (x >> 1) & 1, (x >> 2) & 1, (x >> 3) & 1];
    if (given.wet !== undefined && w !== given.wet) continue;
    if (given.sprinkler !== undefined && s !== given.sprinkler) continue;
    const bern = (p: number, v: number): number => (v === 1 ? p : 1 - p);
    const p = bern(sigmoid(0), c) * bern(sigmoid(-1.5 + 3 * c), r) * bern(sigmoid(0.5 - 2.5 * c), s) * bern(sigmoid(-4 + 5 * r + 4.5 * s), w);
    den += p;
    num += r * p;
  }
  return num / den;
}

describe('rain-sprinkler example', () => {
  const lines: string[] = [];
  const result = runRainSprinkler({ ...QUICK, samples: 20_000, chains: 400, sweeps: 20 }, (l) => lines.push(l));

  it('enumerates the same posteriors as a hand computation', () => {
    expect(result.exactRain).toBeCloseTo(byHand({ wet: 1 }), 12);
    expect(result.exactRainGivenSprinkler).toBeCloseTo(byHand({ wet: 1, sprinkler: 1 }), 12);
  });

  it('samples agree with the exact values', () => {
    // Hoeffding at α = 1e-6 for 20 000 independent draws: 0.019.
    expect(Math.abs(result.sampledWet - result.exactWet)).toBeLessThan(0.019);
    // 400 independent chains, each averaged over 20 sweeps: a generous bound.
    expect(Math.abs(result.gibbsRain - result.exactRain)).toBeLessThan(0.05);
    expect(Math.abs(result.gibbsRainGivenSprinkler - result.exactRainGivenSprinkler)).toBeLessThan(0.05);
    expect(Math.abs(result.weightedRain - result.exactRain)).toBeLessThan(0.05);
  });

  it('shows explaining away', () => {
    expect(result.exactRainGivenSprinkler).toBeLessThan(result.exactRain - 0.2);
    expect(result.gibbsRainGivenSprinkler).toBeLessThan(result.gibbsRain - 0.2);
  });

  it('prints both the exact and the sampled value', () => {
    expect(lines.join('\n')).toContain(result.exactRain.toFixed(4));
    expect(lines.join('\n')).toContain(result.gibbsRain.toFixed(4));
  });

  it('runs from the command line', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', main, '--quick', '--samples', '2000', '--chains', '50'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(out).toContain('p(rain | wet)');
  });
});
