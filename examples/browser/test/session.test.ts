/**
 * The worker's training session and the status line, run in Node with tiny
 * settings so they cannot rot where Chromium is missing.
 */
import { SeedError } from '@stochnet/graph';
import { describe, expect, it } from 'vitest';
import type { Picture } from '../src/protocol.js';
import { startSession } from '../src/session.js';
import type { RunSettings } from '../src/settings.js';
import { epochStatus, startedStatus, stoppedStatus } from '../src/status.js';

const TINY: RunSettings = { hidden: 16, k: 1, batchSize: 100, learningRate: 0.02, chains: 16, epochs: 2, tilesPerRow: 4, scale: 1 };
// 4 × 4 tiles of 8 × 8 pixels with 2-pixel gaps.
const SIDE = 4 * 8 + 5 * 2;
const clock = (): number => 0;

/** The grey levels inside the tiles (gaps left out). */
function tileGreys(p: Picture): Set<number> {
  const greys = new Set<number>();
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const inGap = (x % 10) < 2 || (y % 10) < 2;
      if (!inGap) greys.add(p.rgba[4 * (y * p.width + x)]!);
    }
  }
  return greys;
}

function expectSquare(p: Picture): void {
  expect([p.width, p.height, p.rgba.length]).toEqual([SIDE, SIDE, SIDE * SIDE * 4]);
}

describe('startSession', () => {
  it('splits the digits and draws the first training digits as black and white tiles', () => {
    const s = startSession('7', TINY, clock);
    expect(s.started).toMatchObject({ type: 'started', seed: '7', trainRows: 1500, testRows: 297 });
    expectSquare(s.started.data);
    expect([...tileGreys(s.started.data)].sort((a, b) => a - b)).toEqual([0, 255]);
    expect(s.epochsDone).toBe(0);
    expect(s.done).toBe(false);
  });

  it('trains one epoch at a time and reports errors, speed and three pictures', () => {
    const s = startSession(7, TINY, clock);
    const first = s.epoch();
    expect(first).toMatchObject({ type: 'epoch', epoch: 1, epochs: 2 });
    for (const e of [first.trainError, first.testError]) {
      expect(e).toBeGreaterThan(0);
      expect(e).toBeLessThan(0.25);
    }
    expect(first.samplesPerSecond).toBe(1500 / 1e-3); // a stopped clock: the floor of 1 ms
    for (const p of [first.filters, first.particles, first.probabilities]) expectSquare(p);
    // Particles are binary states; filters and mean-field probabilities are shades of grey.
    expect([...tileGreys(first.particles)].every((g) => g === 0 || g === 255)).toBe(true);
    expect(tileGreys(first.filters).size).toBeGreaterThan(10);
    expect(tileGreys(first.probabilities).size).toBeGreaterThan(10);
    expect(s.epoch().epoch).toBe(2);
    expect(s.done).toBe(true);
  });

  it('is reproducible from the seed, and another seed gives another run', () => {
    const run = (seed: string): Picture => {
      const s = startSession(seed, TINY, clock);
      s.epoch();
      return s.epoch().particles;
    };
    const a = run('3');
    expect(Buffer.from(run('3').rgba).equals(Buffer.from(a.rgba))).toBe(true);
    expect(Buffer.from(run('4').rgba).equals(Buffer.from(a.rgba))).toBe(false);
  });

  it('rejects a seed that is not a string or safe integer', () => {
    expect(() => startSession(1.5, TINY, clock)).toThrow(SeedError);
  });
});

describe('status line', () => {
  it('says epoch, errors and speed, and keeps them when stopped', () => {
    const s = startSession('7', TINY, clock);
    const report = { ...s.epoch(), trainError: 0.09314, testError: Number.NaN, samplesPerSecond: 51234.4 };
    const line = epochStatus(report);
    expect(line).toBe('epoch 1 / 2 · reconstruction error 0.0931 train, — test · 51,234 samples/s on js');
    expect(startedStatus(s.started)).toBe('seed 7 · 1,500 training and 297 test digits · training on js…');
    expect(stoppedStatus({ type: 'stopped', reason: 'stopped', epoch: 1 }, line)).toBe(`stopped · ${line}`);
    expect(stoppedStatus({ type: 'stopped', reason: 'finished', epoch: 0 }, null)).toBe('finished before the first epoch');
  });
});
