/**
 * Files written whole or not at all: each goes to a temporary file beside
 * its target, then a rename, so an interrupted or failed run leaves no
 * partial file; a command computes everything before it writes anything.
 *
 * @module
 */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerializationError } from '@stochnet/graph';

let counter = 0;

/** @internal Writes `data` to `path` through a temporary file and a rename; creates the folder. */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const cause = String((e as { code?: unknown }).code ?? 'unknown');
    throw new SerializationError(`cannot write ${path} (${cause}); check that its folder can be created and written`, { file: path, cause }, 'FILE');
  }
}

/** @internal Writes every file, each atomically, in order. */
export async function writeAll(files: readonly (readonly [string, Uint8Array | string])[]): Promise<void> {
  for (const [path, data] of files) await writeAtomic(path, data);
}
