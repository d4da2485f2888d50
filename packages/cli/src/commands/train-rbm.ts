/**
 * Training an RBM (CD-k, PCD-k, parallel tempering) in checkpointed chunks:
 * every few epochs the run's whole state is saved, so an interrupted or
 * extended run resumed from the file equals the uninterrupted one, byte for
 * byte.
 *
 * @module
 */
import { checkpoint, resumeTraining, train } from '@stochnet/inference';
import type { EpochEvent, BatchEvent, TrainCheckpoint, TrainingData, TrainOptions, TrainResult } from '@stochnet/inference';
import type { Backend, Plan } from '@stochnet/model';
import type { ProgressLine } from '../progress.js';

/** How to run the chunks. */
export interface RbmRunOptions {
  /** A fresh run: the initial plan and the train options (epochs and callbacks are set here). */
  readonly fresh?: { readonly plan: Plan; readonly options: Omit<TrainOptions, 'epochs'> } | undefined;
  /** A resumed run: the checkpoint it continues. */
  readonly resume?: TrainCheckpoint | undefined;
  /** Training rows. */
  readonly data: TrainingData;
  /** Held-out rows whose reconstruction error the history records, or null. */
  readonly validation: TrainingData | null;
  /** Total epochs. */
  readonly epochs: number;
  /** Epochs between checkpoints. */
  readonly every: number;
  /** The progress display. */
  readonly progress: ProgressLine;
  /** The kernels of a resumed run's plan (a fresh plan carries its own). */
  readonly backend: Backend;
  /** Saves a checkpoint (atomically). */
  readonly save: (saved: TrainCheckpoint) => Promise<void>;
}

/** @internal Runs the chunks and returns the final result. */
export async function runRbmTraining(o: RbmRunOptions): Promise<TrainResult> {
  const { data, epochs, progress } = o;
  const batchSize = o.fresh?.options.batchSize ?? o.resume?.options.batchSize ?? 1;
  const batches = Math.ceil(data.rows / Math.min(batchSize, data.rows));
  const total = Math.max(1, epochs * batches);
  let recon = '';
  const callbacks = {
    onBatch: (e: BatchEvent) => progress.update((e.epoch * batches + e.batch + 1) / total, `epoch ${e.epoch + 1}/${epochs}${recon}`),
    onEpoch: (e: EpochEvent) => {
      const r = e.record.train['reconstruction'];
      const v = e.record.validation?.['reconstruction'];
      recon = `  recon ${r?.toFixed(4) ?? '?'}${v === undefined ? '' : ` (held out ${v.toFixed(4)})`}`;
      progress.update(((e.epoch + 1) * batches) / total, `epoch ${e.epoch + 1}/${epochs}${recon}`);
      progress.note((e.epoch + 1) / Math.max(1, epochs), `epoch ${e.epoch + 1}/${epochs}${recon}`);
    },
    ...(o.validation === null ? {} : { validation: o.validation }),
  };
  let saved = o.resume;
  let done = saved?.epoch ?? 0;
  let result: TrainResult | null = null;
  while (result === null || done < epochs) {
    const next = Math.min(epochs, (Math.floor(done / o.every) + 1) * o.every);
    if (saved === undefined) {
      const fresh = o.fresh!;
      result = train(fresh.plan, data, { ...fresh.options, ...callbacks, epochs: next } as TrainOptions);
    } else {
      result = resumeTraining(saved, data, { ...callbacks, epochs: next, backend: o.backend });
    }
    saved = checkpoint(result.state);
    await o.save(saved);
    if (result.state.epoch === done) break;
    done = result.state.epoch;
  }
  return result;
}
