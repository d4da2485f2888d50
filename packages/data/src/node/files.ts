/**
 * Reading and writing files for @stochnet/data/node: read errors become
 * DataFileError, and writes are atomic (a temporary file, then a rename).
 *
 * @module
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataFileError, DataFormatError } from '@stochnet/data';

const gunzipAsync = promisify(gunzip);
let counter = 0;

function causeOf(e: unknown): string {
  return e !== null && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'UNKNOWN';
}

/** The bytes of a file; a DataFileError naming the path and the system error otherwise. */
export async function readBytes(path: string, hint?: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path === '') throw new DataFileError('the path must be a non-empty string', { file: String(path), cause: 'EINVAL' });
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    const cause = causeOf(e);
    throw new DataFileError(`cannot read ${path} (${cause})${hint === undefined ? '' : `; ${hint}`}`, {
      file: path,
      cause,
      ...(hint === undefined ? {} : { hint }),
    });
  }
}

/** Gunzips with node:zlib; a corrupt stream is a DataFormatError with reason 'gzip'. */
export async function gunzipFile(bytes: Uint8Array, path: string): Promise<Uint8Array> {
  try {
    const out = await gunzipAsync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    throw new DataFormatError(`${path}: the gzip stream is corrupt or truncated (${causeOf(e)}); download the file again`, {
      file: path,
      reason: 'gzip',
      received: bytes.length,
    });
  }
}

/** Writes `data` to `path` atomically: a temporary file beside it, then a rename. */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new DataFileError('the path must be a non-empty string', { file: String(path), cause: 'EINVAL' });
  const tmp = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const cause = causeOf(e);
    throw new DataFileError(`cannot write ${path} (${cause}); check that the folder exists and is writable`, { file: path, cause });
  }
}
