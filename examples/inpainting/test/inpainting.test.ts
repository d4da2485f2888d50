import { describe, expect, it } from 'vitest';
import { QUICK, runInpainting } from '../src/inpainting.js';

describe('inpainting example', () => {
  const lines: string[] = [];
  const result = runInpainting({ ...QUICK, images: 100, burnIn: 20, sweeps: 20 }, (l) => lines.push(l));

  it('fills in the bottom half better than the most common value of each pixel', () => {
    expect(result.posteriorMean).toBeGreaterThan(result.baseline + 0.02);
    expect(result.posteriorMean).toBeGreaterThan(result.oneSample);
    expect(lines.join('\n')).toContain(result.posteriorMean.toFixed(3));
  });
});
