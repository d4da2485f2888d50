/**
 * The β schedule: Salakhutdinov & Murray's 14,500 steps by default, the
 * same shape for other counts; the default schedule run once on a small
 * model.
 */
import { describe, expect, it } from 'vitest';
import { exactLogZ } from '@stochnet/model';
import { AIS_DEFAULT_STEPS, aisBetaSchedule, aisLogZ } from '@stochnet/inference';
import { rbmPlan } from './support.js';

describe('aisBetaSchedule', () => {
  it('default: 1e-3 steps to 0.5, 1e-4 to 0.9, 1e-5 to 1', () => {
    const b = aisBetaSchedule();
    expect(b.length).toBe(AIS_DEFAULT_STEPS + 1);
    expect([b[0], b[500], b[4500], b[14_500]]).toEqual([0, 0.5, 0.9, 1]);
    for (let k = 1; k <= 14_500; k++) {
      const step = k <= 500 ? 1e-3 : k <= 4500 ? 1e-4 : 1e-5;
      expect(Math.abs(b[k]! - b[k - 1]! - step)).toBeLessThan(1e-12);
    }
  });

  it('other counts keep the shape: about 3.4% / 27.6% / 69% of the steps per segment', () => {
    const b = aisBetaSchedule(1000);
    expect(b.length).toBe(1001);
    expect([b[0], b[1000]]).toEqual([0, 1]);
    const count = (lo: number, hi: number): number => b.filter((x) => x > lo && x <= hi).length;
    expect(count(0, 0.5)).toBe(34);
    expect(count(0.5, 0.9)).toBe(276);
    expect(count(0.9, 1)).toBe(690);
    for (let k = 1; k <= 1000; k++) expect(b[k]).toBeGreaterThan(b[k - 1]!);
    expect(Array.from(aisBetaSchedule(1))).toEqual([0, 1]);
    const two = aisBetaSchedule(2); // t = 1/2 lies on the last segment, [4500/14500, 1] → [0.9, 1]
    expect([two[0], two[2]]).toEqual([0, 1]);
    expect(two[1]).toBeCloseTo(0.9 + 0.1 * ((0.5 - 4500 / 14_500) / (10_000 / 14_500)), 15);
  });

  it('the default schedule on a small model (6 × 4, W sd 1, 20 runs) is within 0.05 nats', () => {
    const plan = rbmPlan(6, 4, 1, 'default-schedule');
    const est = aisLogZ(plan, { seed: 8, runs: 20 });
    expect(est.steps).toBe(14_500);
    expect(Math.abs(est.logZ - exactLogZ(plan))).toBeLessThan(0.05);
  });
});
