/**
 * The words of the page's status line, kept apart from the DOM so they can
 * be tested anywhere.
 *
 * @module
 */
import type { EpochReport, StartedReport, StoppedReport } from './protocol.js';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An error value with 4 decimals, or an em dash for a missing one. */
function error(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : '—';
}

/**
 * The status after an epoch.
 *
 * @param r - the epoch's report
 * @returns e.g. "epoch 3 / 200 · reconstruction error 0.0931 train, 0.0948 test · 5,120 samples/s on wasm (WebAssembly SIMD, 2 threads)"
 */
export function epochStatus(r: EpochReport): string {
  return `epoch ${r.epoch} / ${r.epochs} · reconstruction error ${error(r.trainError)} train, ${error(r.testError)} test · ${whole.format(r.samplesPerSecond)} samples/s on ${r.kernels}`;
}

/**
 * The status once a run is set up.
 *
 * @param r - the opening report
 * @returns e.g. "seed 2024 · 1,500 training and 297 test digits · training on wasm (WebAssembly SIMD, 2 threads)…"
 */
export function startedStatus(r: StartedReport): string {
  return `seed ${r.seed} · ${whole.format(r.trainRows)} training and ${whole.format(r.testRows)} test digits · training on ${r.kernels}…`;
}

/**
 * The status once a run has ended, keeping the last epoch's figures.
 *
 * @param r - the closing report
 * @param last - the last epoch's status, or null before the first epoch
 * @returns e.g. "stopped · epoch 3 / 200 · …"
 */
export function stoppedStatus(r: StoppedReport, last: string | null): string {
  const word = r.reason === 'finished' ? 'finished' : 'stopped';
  return last === null ? `${word} before the first epoch` : `${word} · ${last}`;
}
