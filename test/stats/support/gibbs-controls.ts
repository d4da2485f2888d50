/**
 * A block-Gibbs sweep assembled in the test folder from the library's public
 * building blocks (the plan's schedule, stepPartFieldsInto, fillUniforms,
 * the backend's biasSigmoid and bernoulli), with at most one thing wrong.
 *
 * With fault 'none' it reproduces gibbsStep byte for byte (checked in the
 * statistical tests), so each negative control differs from the library in
 * exactly the one place its name says:
 * - 'synchronous': every step reads the state from the start of the sweep
 *   (all units updated at once, from the previous sweep's values);
 * - 'missing-bias': one unit's field lacks its bias (the unit with the
 *   largest |b|, so the control is as visible as the model allows);
 * - 'stale-neighbour': the last step of the sweep reads the state from the
 *   start of the sweep (an RBM samples h from the stale v);
 * - 'resampled-evidence': clamped units are resampled like free ones during
 *   the sweep and put back to their observed values at its end;
 * - 'ignored-evidence': clamped units are resampled and left as drawn;
 * - 'deterministic-flip': every free unit flips instead of being drawn.
 */
import { FieldWorkspace } from '@stochnet/model';
import type { FloatArray, StepPart } from '@stochnet/model';
import { fillUniforms, stepPartFieldsInto } from '@stochnet/inference';
import type { GibbsState } from '@stochnet/inference';

export type Fault = 'none' | 'synchronous' | 'missing-bias' | 'stale-neighbour' | 'resampled-evidence' | 'ignored-evidence' | 'deterministic-flip';

/** A broken (or, with 'none', faithful) sweep over a GibbsState, with its own scratch buffers. */
export class ControlSampler {
  private readonly field: FieldWorkspace;
  private readonly start: FloatArray;
  private readonly buffers = new Map<number, { pre: FloatArray; prob: FloatArray; u: Float64Array; draw: Uint8Array; zero: FloatArray }>();
  /** The unit whose bias 'missing-bias' drops. */
  readonly biasUnit: number;
  /** Every part of the sweep in order: its global unit indices, and whether it belongs to the last step. */
  private readonly parts: { part: StepPart; units: Int32Array; last: boolean }[] = [];
  private sweepUniforms = new Float64Array(0);

  constructor(
    readonly state: GibbsState,
    readonly fault: Fault,
  ) {
    const plan = state.plan;
    this.field = new FieldWorkspace(plan, state.chains);
    this.start = plan.dtype === 'float64' ? new Float64Array(state.states.length) : new Float32Array(state.states.length);
    let best = 0;
    for (let i = 1; i < plan.size; i++) if (Math.abs(plan.bias[i]!) > Math.abs(plan.bias[best]!)) best = i;
    this.biasUnit = best;
    const steps = plan.schedules.gibbs;
    steps.forEach((step, s) => {
      for (const part of step.parts) {
        const blk = plan.blocks[part.block]!;
        const local = part.units ?? Int32Array.from({ length: blk.size }, (_, i) => i);
        this.parts.push({ part, units: Int32Array.from(local, (i) => blk.offset + i), last: s === steps.length - 1 });
      }
    });
  }

  private buffersFor(k: number): { pre: FloatArray; prob: FloatArray; u: Float64Array; draw: Uint8Array; zero: FloatArray } {
    let b = this.buffers.get(k);
    if (b === undefined) {
      const n = this.state.chains * k;
      const f = (m: number): FloatArray => (this.state.plan.dtype === 'float64' ? new Float64Array(m) : new Float32Array(m));
      b = { pre: f(n), prob: f(n), u: new Float64Array(n), draw: new Uint8Array(n), zero: f(k) };
      this.buffers.set(k, b);
    }
    return b;
  }

  /** One sweep, in place. */
  sweep(): void {
    const { plan, chains, states, rngs, evidence } = this.state;
    const size = plan.size;
    const observed = evidence === null ? null : evidence.isObserved;
    const keepClamped = this.fault !== 'resampled-evidence' && this.fault !== 'ignored-evidence';
    this.start.set(states);
    // The library skips fully clamped parts and draws nothing for them; it
    // reads each chain's stream once per sweep, in part order.
    const active = this.parts.map(({ units }) => !keepClamped || observed === null || units.some((g) => observed[g] === 0));
    const total = this.parts.reduce((a, { units }, q) => a + (active[q] ? units.length : 0), 0);
    if (this.sweepUniforms.length !== chains * total) this.sweepUniforms = new Float64Array(chains * total);
    fillUniforms(this.sweepUniforms, rngs, total);
    let offset = 0;
    for (const [q, { part, units, last }] of this.parts.entries()) {
      if (!active[q]) continue;
      const k = units.length;
      const { pre, prob, u, draw, zero } = this.buffersFor(k);
      for (let r = 0; r < chains; r++) for (let t = 0; t < k; t++) u[r * k + t] = this.sweepUniforms[r * total + offset + t]!;
      offset += k;
      const stale = this.fault === 'synchronous' || (this.fault === 'stale-neighbour' && last);
      stepPartFieldsInto(pre, plan, stale ? this.start : states, chains, part, { workspace: this.field });
      if (this.fault === 'missing-bias') {
        const t = units.indexOf(this.biasUnit);
        if (t >= 0) for (let r = 0; r < chains; r++) pre[r * k + t] = pre[r * k + t]! - plan.bias[this.biasUnit]!;
      }
      plan.backend.biasSigmoid(prob, pre, zero, chains, k);
      plan.backend.bernoulli(draw, prob, u, chains * k);
      const flip = this.fault === 'deterministic-flip';
      for (let r = 0; r < chains; r++) {
        for (let t = 0; t < k; t++) {
          const g = units[t]!;
          if (keepClamped && observed !== null && observed[g] === 1) continue;
          const at = r * size + g;
          states[at] = flip ? 1 - states[at]! : draw[r * k + t]!;
        }
      }
    }
    if (this.fault === 'resampled-evidence' && evidence !== null) {
      const m = evidence.units.length;
      for (let r = 0; r < chains; r++) {
        for (let j = 0; j < m; j++) states[r * size + evidence.units[j]!] = evidence.values[(evidence.rows === 1 ? 0 : r) * m + j]!;
      }
    }
    this.state.sweeps++;
  }
}
