import { describe, expect, it } from 'vitest';
import { QUICK, runAisEval } from '../src/ais-eval.js';

describe('ais-eval example', () => {
  const lines: string[] = [];
  const result = runAisEval({ ...QUICK, hidden: 12, steps: [300], runs: 30, burnIn: 100 }, (l) => lines.push(l));

  it('AIS estimates log Z and the test log-likelihood close to the exact values', () => {
    const est = result.estimates[0]!;
    expect(Math.abs(est.forward.logZ - result.exactLogZ)).toBeLessThan(0.1);
    expect(Math.abs(est.reverse!.logZ - result.exactLogZ)).toBeLessThan(0.1);
    expect(Math.abs(est.logLikelihood - result.exactLogLikelihood)).toBeLessThan(0.1);
    expect(est.bracket).toBe('sandwich');
    expect(lines.join('\n')).toContain(result.exactLogZ.toFixed(3));
  });
});
