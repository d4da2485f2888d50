import { describe, expect, it } from 'vitest';
import { QUICK, runDbnClassify } from '../src/dbn-classify.js';

describe('dbn-classify example', () => {
  const lines: string[] = [];
  const result = runDbnClassify({ ...QUICK }, (l) => lines.push(l));

  it('classifies held-out digits far above chance (0.1)', () => {
    expect(result.testAccuracy).toBeGreaterThan(0.75);
    expect(result.bestEpoch).not.toBeNull();
    expect(lines.join('\n')).toContain(result.testAccuracy.toFixed(3));
  });
});
