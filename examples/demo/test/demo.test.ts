import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

describe('the demo', () => {
  it('runs end to end and prints the figures it returns', () => {
    const lines: string[] = [];
    const result = runDemo((l) => lines.push(l));
    expect(result.rejectedCode).toBe('CYCLE');
    expect(result.pWet).toBeGreaterThan(0);
    expect(result.pWet).toBeLessThan(1);
    expect(Number.isFinite(result.rbmLogZ)).toBe(true);
    expect(lines.join('\n')).toContain(result.pWet.toFixed(6));
  });
});
