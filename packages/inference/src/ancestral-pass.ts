/**
 * The ancestral pass shared by ancestral sampling, DBN sampling and the
 * posterior sampler's initial state: blocks visited in a given order, each
 * drawn from σ(field) as [u < p] (the bernoulli kernel's rule) on supplied uniforms,
 * observed units set to their values (and, optionally, their log-likelihoods
 * accumulated for likelihood weighting).
 *
 * Randomness: rows are processed in tiles of ROW_CHUNK; a fill function
 * supplies `plan.size` uniforms per row (uniform g feeds unit g) from that
 * row's own stream, so row r's draws depend on r alone: adding rows never
 * changes existing ones.
 *
 * @module
 */
import type { Rng } from '@stochnet/graph';
import { blockFieldInto, FieldWorkspace, logBernoulli } from '@stochnet/model';
import type { FloatArray, Plan } from '@stochnet/model';
import { AleaStreams } from './alea-streams.js';
import type { ResolvedEvidence } from './evidence.js';
import { ROW_CHUNK, stateBuffer } from './sample-options.js';

/** @internal Writes the uniforms of rows row0 .. row0+count−1 into `uni`, plan.size per row. */
export type UniformFill = (uni: Float64Array, row0: number, count: number) => void;

/**
 * @internal Uniforms from per-row substreams: row r reads `size` draws from
 * `root.fork(label + '/' + r)` (held as {@link AleaStreams}, bit-identical).
 */
export function forkUniforms(root: Rng, label: string, size: number): UniformFill {
  const streams = new AleaStreams(ROW_CHUNK);
  const prefix = `${root.seed}/${label}/`;
  return (uni, row0, count) => {
    for (let r = 0; r < count; r++) streams.seed(r, prefix + String(row0 + r));
    streams.fill(uni, size, count);
  };
}

/** @internal Uniforms from persistent streams: row r reads its next `size` draws from stream r. */
export function streamUniforms(streams: AleaStreams, size: number): UniformFill {
  return (uni, row0, count) => streams.fillStreams(row0, count, size, uni, 0, size);
}

/** tile[r·n + off + i] = [uni[r·n + off + i] < prob[r·m + i]] (the bernoulli kernel's rule) for r < rows, i < m. */
function sampleInto(tile: FloatArray, uni: Float64Array, prob: FloatArray, rows: number, n: number, m: number, off: number): void {
  for (let r = 0; r < rows; r++) {
    const at = r * n + off;
    const pr = r * m;
    for (let i = 0; i < m; i++) tile[at + i] = +(uni[at + i]! < prob[pr + i]!);
  }
}

/** Observed units of one block: local indices and their columns in the evidence values. */
interface BlockObserved {
  readonly local: Int32Array;
  readonly column: Int32Array;
}

/** @internal Scratch buffers and evidence layout for ancestral passes over one plan. */
export class AncestralPass {
  readonly plan: Plan;
  private readonly ws: FieldWorkspace;
  private readonly field: FloatArray;
  private readonly prob: FloatArray;
  private readonly zero: FloatArray;
  private readonly uni: Float64Array;
  private readonly ev: ResolvedEvidence | null;
  private readonly observed: readonly BlockObserved[];

  /**
   * @param plan - the compiled plan
   * @param ev - resolved evidence (observed units are set, not drawn), or null
   */
  constructor(plan: Plan, ev: ResolvedEvidence | null) {
    this.plan = plan;
    this.ev = ev;
    const maxBlock = plan.blocks.reduce((m, b) => Math.max(m, b.size), 0);
    this.ws = new FieldWorkspace(plan, ROW_CHUNK);
    this.field = stateBuffer(plan, ROW_CHUNK * maxBlock);
    this.prob = stateBuffer(plan, ROW_CHUNK * maxBlock);
    this.zero = stateBuffer(plan, maxBlock);
    // Float64 uniforms: float32 would round some u up to 1, and p = 1 must always fire.
    this.uni = new Float64Array(ROW_CHUNK * plan.size);
    this.observed = plan.blocks.map((blk) => {
      const local: number[] = [];
      const column: number[] = [];
      if (ev !== null) {
        ev.units.forEach((g, j) => {
          if (g >= blk.offset && g < blk.offset + blk.size) {
            local.push(g - blk.offset);
            column.push(j);
          }
        });
      }
      return { local: Int32Array.from(local), column: Int32Array.from(column) };
    });
  }

  /**
   * Runs the pass over `rows` rows of `states` (rows × plan.size), chunk by
   * chunk, visiting `order`. Blocks not in `order` are read, never written.
   *
   * @param states - the states, rows × plan.size; blocks in `order` are overwritten
   * @param rows - number of rows
   * @param fill - writes the uniforms of rows row0 .. row0+count−1 (plan.size each, unit order) into `uni`
   * @param order - block indices, parents before children
   * @param logW - when not null, log p(observed | parents) is added per row
   */
  run(states: FloatArray, rows: number, fill: UniformFill, order: readonly number[], logW: Float64Array | null): void {
    const n = this.plan.size;
    for (let row0 = 0; row0 < rows; row0 += ROW_CHUNK) {
      const count = Math.min(ROW_CHUNK, rows - row0);
      fill(this.uni, row0, count);
      const tile = states.subarray(row0 * n, (row0 + count) * n);
      for (const b of order) this.block(tile, count, row0, b, logW);
    }
  }

  private block(tile: FloatArray, count: number, row0: number, b: number, logW: Float64Array | null): void {
    const plan = this.plan;
    const n = plan.size;
    const blk = plan.blocks[b]!;
    const m = blk.size;
    const off = blk.offset;
    const field = this.field.subarray(0, count * m);
    blockFieldInto(field, plan, tile, count, b, { workspace: this.ws });
    const prob = this.prob;
    plan.backend.biasSigmoid(prob, field, this.zero, count, m);
    sampleInto(tile, this.uni, prob, count, n, m, off);
    const obs = this.observed[b]!;
    const ev = this.ev;
    if (ev === null || obs.local.length === 0) return;
    const k = ev.units.length;
    for (let q = 0; q < obs.local.length; q++) {
      const i = obs.local[q]!;
      const j = obs.column[q]!;
      for (let r = 0; r < count; r++) {
        const v = ev.values[(ev.rows === 1 ? 0 : row0 + r) * k + j]!;
        tile[r * n + off + i] = v;
        if (logW !== null) logW[row0 + r]! += logBernoulli(field[r * m + i]!, v);
      }
    }
  }
}
