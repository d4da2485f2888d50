import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { DIGITS_DEMO, digitsDemo } from '../src/digits.js';

let dir = '';
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('the digits part of the demo, tiny', () => {
  it('trains, reports an exact held-out log-likelihood and leaves every picture and the model', async () => {
    dir = await mkdtemp(join(tmpdir(), 'stochnet-demo-'));
    const printed: string[] = [];
    const tiny = { ...DIGITS_DEMO, hidden: 4, epochs: 2, k: 1, chains: 10, samples: 10, sweeps: 10 };
    const r = await digitsDemo(tiny, dir, { write: (s: string) => void printed.push(s), isTTY: false });
    expect(printed.join('')).toMatch(/on the wasm \(WebAssembly (relaxed )?SIMD, [12] threads?\) kernels/);
    expect(r.testLogLikelihood).toBeLessThan(0);
    expect(r.baselineLogLikelihood).toBeLessThan(0);
    expect(r.curve).toHaveLength(2);
    expect(printed.join('')).toContain('train 100%  epoch 2/2');
    const size = async (name: string): Promise<[number, number]> => {
      const png = decode(await readFile(join(dir, name)));
      return [png.width, png.height];
    };
    // 8×8 tiles drawn 64 pixels wide with 4 pixels of padding, ten a row.
    expect(await size('samples.png')).toEqual([684, 72]);
    expect(await size('filters.png')).toEqual([4 * 64 + 5 * 4, 72]);
    expect(await size('reconstructions.png')).toEqual([684, 4 * 64 + 5 * 4]);
    expect(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'))).toHaveProperty('groups');
  });
});
