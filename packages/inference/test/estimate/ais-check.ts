/**
 * The checks the AIS tests share: agreement within 0.5 nats and the
 * sandwich with its stated slack.
 *
 * Slack: forward AIS under-estimates log Z and reverse AIS over-estimates
 * it only in expectation (Jensen). One seeded estimate scatters around its
 * expectation with the standard error of log(mean weight), so each side
 * of the sandwich is checked with a slack of 5 such standard errors
 * (delta method: sd(w) / (√R · mean w)). For a normal fluctuation the
 * chance that a correct estimator breaks one side is below 3e-7, and the
 * Jensen bias (≈ se²/2 on the safe side) only lowers it. The slacks
 * measured here are 0.02–0.3 nats.
 */
import { expect } from 'vitest';
import type { AisResult } from '@stochnet/inference';

/** Standard error of log mean e^{logw}, by the delta method. */
export function logMeanSe(logw: Float64Array): number {
  const R = logw.length;
  const m = Math.max(...logw);
  const w = Array.from(logw, (x) => Math.exp(x - m));
  const mean = w.reduce((a, b) => a + b, 0) / R;
  const v = w.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
  return Math.sqrt(v / R) / mean;
}

/** The sandwich: forward ≤ exact + 5 se_f and reverse ≥ exact − 5 se_r; both within 0.5 nats. */
export function expectSandwich(exact: number, fwd: AisResult, rev: AisResult): { slackF: number; slackR: number } {
  const slackF = 5 * logMeanSe(fwd.logWeights);
  const slackR = 5 * logMeanSe(rev.logWeights);
  expect(Math.abs(fwd.logZ - exact), 'forward within 0.5 nats').toBeLessThan(0.5);
  expect(Math.abs(rev.logZ - exact), 'reverse within 0.5 nats').toBeLessThan(0.5);
  expect(fwd.logZ, 'forward ≤ exact + slack').toBeLessThanOrEqual(exact + slackF);
  expect(rev.logZ, 'reverse ≥ exact − slack').toBeGreaterThanOrEqual(exact - slackR);
  expect(slackF).toBeLessThan(0.5);
  expect(slackR).toBeLessThan(0.5);
  return { slackF, slackR };
}
