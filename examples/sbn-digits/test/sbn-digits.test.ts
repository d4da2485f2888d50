import { describe, expect, it } from 'vitest';
import { QUICK, runSbnDigits } from '../src/sbn-digits.js';

describe('sbn-digits example', () => {
  const lines: string[] = [];
  const result = runSbnDigits({ ...QUICK, hidden: 8, rows: 200, testRows: 50, epochs: 4, samples: 200 }, (l) => lines.push(l));

  it('the importance-sampled log-likelihood matches the exact one within a few standard errors', () => {
    for (const s of [result.initial, result.gibbs, result.wakeSleep, result.wakeSleepPrior]) {
      expect(s.exact).not.toBeNull();
      expect(Math.abs(s.estimate.logLikelihood - s.exact!)).toBeLessThan(5 * s.estimate.standardError + 0.05);
    }
  });

  it('both rules improve on the untrained net', () => {
    expect(result.gibbs.exact!).toBeGreaterThan(result.initial.exact! + 0.5);
    expect(result.wakeSleep.exact!).toBeGreaterThan(result.initial.exact!);
    expect(lines.join('\n')).toContain(result.gibbs.estimate.logLikelihood.toFixed(2));
  });
});
