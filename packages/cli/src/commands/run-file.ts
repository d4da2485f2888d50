/**
 * The checkpoint file of `stochnet train`: the library's training
 * checkpoint plus what the command needs to continue it (model, rule, data
 * source, target epochs).
 *
 * @module
 */
import { SchemaError, SerializationError } from '@stochnet/graph';
import type { TrainCheckpoint } from '@stochnet/inference';
import { writeAtomic } from '../atomic.js';
import type { DataSpec } from '../data-source.js';
import { readText } from '../model-file.js';
import type { TrainConfig } from './train-config.js';

const FORMAT = 'stochnet-train-run';

/** The checkpoint file's content. */
export interface RunFile {
  readonly format: typeof FORMAT;
  readonly version: 1;
  /** The configuration the run started with. */
  readonly config: TrainConfig;
  /** The epochs the run was asked for. */
  readonly target: number;
  /** Where the data came from. */
  readonly data: DataSpec;
  /** Settings of the pictures. */
  readonly pictures: { readonly samples: number; readonly sweeps: number };
  /** The library's checkpoint. */
  readonly train: TrainCheckpoint;
}

/** @internal Writes a checkpoint file atomically. */
export async function writeRunFile(path: string, run: Omit<RunFile, 'format' | 'version'>): Promise<void> {
  await writeAtomic(path, `${JSON.stringify({ format: FORMAT, version: 1, ...run })}\n`);
}

/** @internal Reads a checkpoint file, checking its outline (the library checks the rest). */
export async function readRunFile(path: string): Promise<RunFile> {
  const text = await readText(path, 'checkpoint');
  let doc: Partial<RunFile> | null;
  try {
    doc = JSON.parse(text) as Partial<RunFile> | null;
  } catch (e) {
    throw new SerializationError(`${path}: not JSON (${(e as Error).message}); give the checkpoint.json that stochnet train wrote`, { file: path }, 'PARSE');
  }
  if (doc === null || typeof doc !== 'object' || doc.format !== FORMAT || doc.version !== 1) {
    throw new SchemaError(`${path}: not a ${FORMAT} checkpoint of version 1; give the checkpoint.json that stochnet train wrote`, { file: path, path: 'format' });
  }
  const c = doc.config as Partial<TrainConfig> | undefined;
  const ok =
    c !== undefined && c !== null && c.model === 'rbm' && Array.isArray(c.hidden) && typeof c.method === 'object' && c.method !== null &&
    typeof doc.target === 'number' && doc.data !== undefined && doc.data !== null && typeof doc.data.kind === 'string' &&
    doc.pictures !== undefined && typeof doc.train === 'object' && doc.train !== null;
  if (!ok) throw new SchemaError(`${path}: the checkpoint is incomplete (config, target, data, pictures, train); it cannot be resumed`, { file: path, path: 'config' });
  return doc as RunFile;
}
