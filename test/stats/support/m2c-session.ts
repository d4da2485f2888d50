/**
 * The exact RBM M2c (4 visible × 3 hidden, W sd 1) in float64, with the
 * conditional probabilities and statistics the session tests take
 * expectations of, and a biased stream for their negative controls.
 */
import { createRng } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import { compile, hasRbmSession } from '@stochnet/model';
import type { Backend, RbmSessionKernels } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';
import { m2c } from '../../support/fixtures.js';

/** Visible units of M2c. */
export const NV = 4;
/** Hidden units of M2c. */
export const NH = 3;

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

/** The fixture's parameters in float64: W (visible × hidden), b, c. */
function parameters(): { w: Float64Array; b: Float64Array; c: Float64Array } {
  const plan = compile(m2c(), { dtype: 'float64' });
  const v = plan.blocks.find((blk) => blk.role === 'visible')!;
  const h = plan.blocks.find((blk) => blk.role !== 'visible')!;
  const wb = plan.weights[0]!;
  if (wb.from !== plan.blocks.indexOf(v)) throw new Error('M2c is expected to store W visible × hidden');
  return { w: Float64Array.from(wb.weights), b: Float64Array.from(plan.bias.subarray(v.offset, v.offset + NV)), c: Float64Array.from(plan.bias.subarray(h.offset, h.offset + NH)) };
}

/** M2c's parameters: W (visible × hidden, row-major), b, c. */
export const P = parameters();

/** p(h_j = 1 | v) for every hidden unit. */
export function hiddenProbs(v: ArrayLike<number>): number[] {
  return Array.from({ length: NH }, (_, j) => {
    let a = P.c[j]!;
    for (let i = 0; i < NV; i++) a += v[i]! * P.w[i * NH + j]!;
    return sigma(a);
  });
}

/** p(v_i = 1 | h) for every visible unit. */
export function visibleProbs(h: ArrayLike<number>): number[] {
  return Array.from({ length: NV }, (_, i) => {
    let a = P.b[i]!;
    for (let j = 0; j < NH; j++) a += h[j]! * P.w[i * NH + j]!;
    return sigma(a);
  });
}

/** Statistics (W, b, c flattened: 12 + 4 + 3) of a visible vector and its hidden probabilities. */
export function stats(v: ArrayLike<number>): number[] {
  const ph = hiddenProbs(v);
  const out: number[] = [];
  for (let i = 0; i < NV; i++) for (let j = 0; j < NH; j++) out.push(v[i]! * ph[j]!);
  for (let i = 0; i < NV; i++) out.push(v[i]!);
  return [...out, ...ph];
}

/** Every binary vector of length p.length with its probability under independent unit probabilities p. */
export function binaryStates(p: readonly number[]): { x: number[]; weight: number }[] {
  return Array.from({ length: 2 ** p.length }, (_, s) => {
    const x = p.map((_, j) => (s >> j) & 1);
    return { x, weight: x.reduce((w, b, j) => w * (b === 1 ? p[j]! : 1 - p[j]!), 1) };
  });
}

/** A stream whose draws are squared: biased toward 0 (the negative controls). */
export function squaredStream(seed: string): Rng {
  const base = createRng(seed);
  return {
    ...base,
    seed: base.seed,
    next: () => base.next() ** 2,
    fill: <T extends Float32Array | Float64Array>(out: T): T => {
      for (let i = 0; i < out.length; i++) out[i] = base.next() ** 2;
      return out;
    },
    fork: (label: string) => squaredStream(`${seed}/${label}`),
  };
}

/** The wasm backend with 'counter' and with 'stream' session uniforms. */
export async function sessionBackends(): Promise<{ counter: Backend & RbmSessionKernels; stream: Backend & RbmSessionKernels }> {
  const counter = await createWasmBackend();
  const stream = await createWasmBackend({ random: 'stream' });
  if (!hasRbmSession(counter) || !hasRbmSession(stream)) throw new Error('the wasm backend has no rbmSession');
  return { counter, stream };
}
