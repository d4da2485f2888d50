/**
 * The posterior-Gibbs kernel for directed nets: one sweep of single-site
 * Markov-blanket updates over many chains, with cached pre-activations (and
 * their logistic values) updated by rank-1 changes when a unit flips.
 *
 * @module
 */
import { sigmoid } from '@stochnet/model';
import type { FloatArray } from '@stochnet/model';
import type { AleaStreams } from './alea-streams.js';
import type { DirectedUnitGraph } from './posterior-graph.js';
import type { PosteriorWorkspace } from './posterior-workspace.js';

/** |δ| above which a child's term is computed from softplus directly (exp(±δ) would lose range). */
const FAST_LIMIT = 30;
/** Products of likelihood ratios are folded into log space when they leave [1e-100, 1e100]. */
const FOLD_HI = 1e100;
const FOLD_LO = 1e-100;

/** softplus(x) = log(1 + e^x), finite for finite x. */
function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * @internal One sweep over `order` for every chain; returns the number of
 * flips. Needs a valid cache (`prepareCache`) first; leaves it valid.
 *
 * @remarks
 * For unit i with current value s_i and child k, let a_k be k's cached
 * pre-activation (it includes s_i·w_ik) and a' = a_k + (1 − 2s_i)·w_ik the
 * pre-activation with s_i flipped. The child's likelihood ratio is
 * r_k = p(s_k | a_k) / p(s_k | a') = q_k + π_k·e^δ, where q_k = p(s_k | a_k)
 * and π_k = 1 − q_k are the cached logistic values σ(±a_k) (each computed
 * directly, so neither loses precision near 0 or 1) and δ = (1 − 2s_i)(1 −
 * 2s_k)·w_ik, with e^(±w) cached per edge. Then p(s_i = 1 | rest) =
 * N·σ(a_i) / (N·σ(a_i) + M·σ(−a_i)) with N = Π r_k over children when s_i = 1
 * (else 1) and M likewise when s_i = 0: the Markov-blanket conditional
 * σ(a_i + Σ_k [log p(s_k | s_i = 1) − log p(s_k | s_i = 0)]) without any
 * exp or log in the common case. Terms with |w| > 30, products outside
 * [1e-100, 1e100] and |a_i| beyond ~230 go through log space instead.
 * A child whose a_k is infinite (its value does not depend on s_i) adds
 * nothing; a unit whose logit is NaN (both values impossible, only with
 * infinite parameters) keeps its value. The draw goes through the backend's
 * bernoulli kernel, one uniform per chain from that chain's stream. A flip
 * adds (s_new − s_old)·w_ik to each child's a_k and refreshes its logistic
 * values: O(children), one exp per child.
 */
export function sweep(ws: PosteriorWorkspace, g: DirectedUnitGraph, states: FloatArray, order: Int32Array, streams: AleaStreams): number {
  const plan = ws.plan;
  const chains = ws.chains;
  const n = plan.size;
  const { act, pOn, pOff, weights: w, expPos, expNeg, u, p, bits, s8 } = ws;
  const { childPtr, child } = g;
  let flips = 0;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    const e0 = childPtr[i]!;
    const e1 = childPtr[i + 1]!;
    for (let c = 0; c < chains; c++) u[c] = streams.next(c);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const si = s8[base + i]!;
      let num = 1;
      let den = 1;
      let acc = 0;
      for (let e = e0; e < e1; e++) {
        const k = base + child[e]!;
        const ak = act[k]!;
        if (ak - ak !== 0) continue;
        const sk = s8[k]!;
        const plus = si === sk;
        const wd = plus ? w[e]! : -w[e]!;
        if (wd <= FAST_LIMIT && wd >= -FAST_LIMIT) {
          const r = sk === 1 ? pOn[k]! + pOff[k]! * (plus ? expPos[e]! : expNeg[e]!) : pOff[k]! + pOn[k]! * (plus ? expPos[e]! : expNeg[e]!);
          if (si === 1) num *= r;
          else den *= r;
          if (num > FOLD_HI || num < FOLD_LO || den > FOLD_HI || den < FOLD_LO) {
            acc += Math.log(num) - Math.log(den);
            num = 1;
            den = 1;
          }
        } else {
          const z = sk === 1 ? -ak : ak;
          const d = softplus(z) - softplus(z + wd);
          acc += si === 1 ? -d : d;
        }
      }
      const on = pOn[base + i]!;
      const off = pOff[base + i]!;
      if (acc === 0 && on > FOLD_LO && off > FOLD_LO) {
        const x = num * on;
        p[c] = x / (x + den * off);
      } else {
        const logit = act[base + i]! + acc + Math.log(num) - Math.log(den);
        p[c] = logit === logit ? sigmoid(logit) : si;
      }
    }
    plan.backend.bernoulli(bits, p, u, chains);
    for (let c = 0; c < chains; c++) {
      const base = c * n;
      const d = bits[c]! - s8[base + i]!;
      if (d === 0) continue;
      s8[base + i] = bits[c]!;
      flips++;
      for (let e = e0; e < e1; e++) {
        const k = base + child[e]!;
        const a = (act[k] = act[k]! + d * w[e]!);
        // σ(a) and σ(−a) from one exp, each without cancellation (as setLogistic).
        const ex = Math.exp(-Math.abs(a));
        const big = 1 / (1 + ex);
        const small = ex / (1 + ex);
        pOn[k] = a >= 0 ? big : small;
        pOff[k] = a >= 0 ? small : big;
      }
    }
  }
  for (let x = 0; x < chains * n; x++) states[x] = s8[x]!;
  ws.sinceRefresh++;
  return flips;
}
