import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK, runRbmDigits } from '../src/rbm-digits.js';

const out = mkdtempSync(join(tmpdir(), 'stochnet-rbm-digits-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('rbm-digits example', async () => {
  const lines: string[] = [];
  const result = await runRbmDigits({ ...QUICK, hidden: 10, samples: 16, gibbsSteps: 50, out }, (l) => lines.push(l));

  it('learns: the exact test log-likelihood rises above the independent-pixel start', () => {
    expect(result.testLogLikelihood).toBeGreaterThan(result.initialTestLogLikelihood + 1);
    expect(result.reconstruction).toHaveLength(QUICK.epochs);
    expect(lines.join('\n')).toContain(result.testLogLikelihood.toFixed(2));
  });

  it('writes the filters and samples as PNG and the curve as SVG into the folder given', () => {
    expect(result.files.every((f) => f.startsWith(out))).toBe(true);
    const png = readFileSync(result.files[0]!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(readFileSync(result.files[1]!).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(readFileSync(result.files[2]!, 'utf8').startsWith('<svg')).toBe(true);
  });
});
