/**
 * The IDX reader: plain and gzip files written here, every element type, and
 * corrupt files with their error class, reason and byte offset.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, TooLargeError } from '@stochnet/graph';
import { DataFileError, DataFormatError, idxDataset, isGzip, parseIdx, parseIdxDataset } from '@stochnet/data';
import { FASHION_MNIST_DIR, readIdxDataset, readIdxFile, readMnist } from '@stochnet/data/node';

/** An IDX file: type byte, dims, then values written big-endian. */
function idx(type: number, dims: number[], values: number[]): Uint8Array {
  const size = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[type]!;
  const out = new Uint8Array(4 + 4 * dims.length + size * values.length);
  const v = new DataView(out.buffer);
  out.set([0, 0, type, dims.length]);
  dims.forEach((d, k) => v.setUint32(4 + 4 * k, d, false));
  const start = 4 + 4 * dims.length;
  values.forEach((x, i) => {
    const at = start + size * i;
    if (type === 0x08) v.setUint8(at, x);
    else if (type === 0x09) v.setInt8(at, x);
    else if (type === 0x0b) v.setInt16(at, x, false);
    else if (type === 0x0c) v.setInt32(at, x, false);
    else if (type === 0x0d) v.setFloat32(at, x, false);
    else v.setFloat64(at, x, false);
  });
  return out;
}

const pixels = Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
const images = idx(0x08, [3, 2, 4], pixels);
const labels = idx(0x08, [3], [7, 0, 9]);

function caught(f: () => unknown): DataFormatError | ShapeError {
  try {
    f();
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a throw');
}

async function caughtAsync(f: () => Promise<unknown>): Promise<DataFormatError | ShapeError | DataFileError> {
  try {
    await f();
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a throw');
}

describe('parseIdx (bytes)', () => {
  it('reads every element type big-endian, plain and gzip', () => {
    const cases: [number, string, number[]][] = [
      [0x08, 'uint8', [0, 1, 255]],
      [0x09, 'int8', [-128, 0, 127]],
      [0x0b, 'int16', [-30000, 1, 30000]],
      [0x0c, 'int32', [-2e9, 258, 2e9]],
      [0x0d, 'float32', [-1.5, 0.25, 3e10]],
      [0x0e, 'float64', [Math.PI, -1e-300, 1e300]],
    ];
    for (const [type, dtype, values] of cases) {
      for (const bytes of [idx(type, [3], values), gzipSync(idx(type, [3], values))]) {
        const a = parseIdx(bytes, { name: dtype });
        expect([a.dtype, a.dims]).toEqual([dtype, [3]]);
        expect(Array.from(a.data)).toEqual(dtype === 'float32' ? values.map(Math.fround) : values);
      }
    }
  });

  it('names the file and the byte offset of wrong magic, bad dtype, truncation and trailing bytes', () => {
    const cases: [Uint8Array, string, number][] = [
      [Uint8Array.from([0x50, 0x4b, 3, 4]), 'magic', 0],
      [Uint8Array.from([0, 1, 8, 1]), 'magic', 1],
      [Uint8Array.from([0, 0, 0x07, 1, 0, 0, 0, 1, 5]), 'dtype', 2],
      [Uint8Array.from([0, 0, 8]), 'truncated', 3],
      [images.subarray(0, 10), 'truncated', 10],
      [images.subarray(0, images.length - 1), 'truncated', images.length - 1],
      [Uint8Array.from([...labels, 0]), 'trailing', labels.length],
    ];
    for (const [bytes, reason, offset] of cases) {
      const e = caught(() => parseIdx(bytes, { name: 'f.idx' }));
      expect(e).toBeInstanceOf(DataFormatError);
      expect(e.code).toBe('DATA_FORMAT');
      expect(e.details).toMatchObject({ file: 'f.idx', reason, offset, gzip: false });
    }
    const z = caught(() => parseIdx(gzipSync(images.subarray(0, 20)), { name: 'f.gz' }));
    expect(z.details).toMatchObject({ reason: 'truncated', offset: 20, gzip: true });
    const g = caught(() => parseIdx(gzipSync(images).subarray(0, 30), { name: 'f.gz' }));
    expect(g.details).toMatchObject({ file: 'f.gz', reason: 'gzip' });
  });

  it('refuses more than 2^31 − 1 elements before allocating', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0]))).toThrow(TooLargeError);
  });

  it('leaves its input unchanged', () => {
    const copy = images.slice();
    parseIdx(copy).data.fill(0);
    expect(Array.from(copy)).toEqual(Array.from(images));
  });
});

describe('idxDataset and parseIdxDataset', () => {
  it('pairs images and labels', () => {
    const d = parseIdxDataset(images, labels);
    expect([d.rows, d.cols, d.shape]).toEqual([3, 8, [2, 4]]);
    expect(Array.from(d.images)).toEqual(pixels);
    expect(Array.from(d.labels!)).toEqual([7, 0, 9]);
    expect(parseIdxDataset(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]), null).shape).toEqual([1, 3]);
  });

  it('rejects a label count that differs from the image count, naming the file and offset 4', () => {
    const e = caught(() => parseIdxDataset(images, idx(0x08, [2], [1, 2]), { imagesName: 'img', labelsName: 'lab' }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.code).toBe('SHAPE');
    expect(e.details).toMatchObject({ file: 'lab', imagesFile: 'img', offset: 4, expected: 3, received: 2 });
  });

  it('rejects files of the wrong kind: wrong dims or dtype', () => {
    const dims = caught(() => parseIdxDataset(labels, null, { imagesName: 'img' }));
    expect(dims).toBeInstanceOf(DataFormatError);
    expect(dims.details).toMatchObject({ file: 'img', reason: 'dims', offset: 3 });
    const swapped = caught(() => parseIdxDataset(images, images, { labelsName: 'lab' }));
    expect(swapped.details).toMatchObject({ file: 'lab', reason: 'dims', offset: 3 });
    const dtype = caught(() => idxDataset(parseIdx(idx(0x0d, [1, 2], [0.5, 1])), null));
    expect(dtype.details).toMatchObject({ reason: 'dtype', offset: 2, received: 'float32' });
  });

  it('rejects values that are not parsed IDX files, and data that disagrees with its dims', () => {
    for (const bad of [null, 3, {}, { dtype: 'uint8', dims: [1, 2] }]) expect(() => idxDataset(bad as never, null)).toThrow(ConfigError);
    const short = { dtype: 'uint8', dims: [2, 1, 2], data: new Uint8Array(3) } as const;
    expect(caught(() => idxDataset(short, null))).toBeInstanceOf(ShapeError);
    const labels3 = { dtype: 'uint8', dims: [2], data: new Uint8Array(3) } as const;
    expect(caught(() => idxDataset({ ...short, data: new Uint8Array(4) }, labels3))).toBeInstanceOf(ShapeError);
    expect(() => isGzip(null as never)).toThrow(ConfigError);
    expect(isGzip(new Uint8Array(0))).toBe(false); // control: empty bytes are fine
  });
});

describe('readIdxFile and readIdxDataset (node)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stochnet-idx-'));
    await writeFile(join(dir, 'train-images-idx3-ubyte'), images);
    await writeFile(join(dir, 'train-labels-idx1-ubyte'), labels);
    await writeFile(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(images));
    await writeFile(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(labels));
    await writeFile(join(dir, 'truncated.gz'), gzipSync(images.subarray(0, images.length - 3)));
    await writeFile(join(dir, 'short-labels'), idx(0x08, [4], [1, 2, 3, 4]));
    await writeFile(join(dir, 'bad-magic'), Uint8Array.from([1, 8, 0, 0]));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads plain and gzip files the same (gzip through node:zlib)', async () => {
    const plain = await readIdxDataset(join(dir, 'train-images-idx3-ubyte'), join(dir, 'train-labels-idx1-ubyte'));
    const gz = await readIdxDataset(join(dir, 't10k-images-idx3-ubyte.gz'), join(dir, 't10k-labels-idx1-ubyte.gz'));
    expect(Array.from(gz.images)).toEqual(Array.from(plain.images));
    expect(Array.from(gz.labels!)).toEqual([7, 0, 9]);
    expect((await readMnist(dir, 't10k')).rows).toBe(3);
    expect((await readMnist(dir)).rows).toBe(3);
    await expect(readMnist(dir, 'test' as never)).rejects.toBeInstanceOf(ConfigError);
  });

  it('names the path and offset in format errors', async () => {
    const t = await caughtAsync(() => readIdxFile(join(dir, 'truncated.gz')));
    expect(t).toBeInstanceOf(DataFormatError);
    expect(t.details).toMatchObject({ file: join(dir, 'truncated.gz'), reason: 'truncated', offset: images.length - 3, gzip: true });
    const m = await caughtAsync(() => readIdxFile(join(dir, 'bad-magic')));
    expect(m.details).toMatchObject({ file: join(dir, 'bad-magic'), reason: 'magic', offset: 0 });
    const s = await caughtAsync(() => readIdxDataset(join(dir, 'train-images-idx3-ubyte'), join(dir, 'short-labels')));
    expect(s).toBeInstanceOf(ShapeError);
    expect(s.details).toMatchObject({ file: join(dir, 'short-labels'), offset: 4, expected: 3, received: 4 });
  });

  it('reports missing files as DataFileError with the cause and a hint', async () => {
    const e = await caughtAsync(() => readIdxFile(join(dir, 'nope')));
    expect(e).toBeInstanceOf(DataFileError);
    expect(e.details).toMatchObject({ file: join(dir, 'nope'), cause: 'ENOENT' });
    const m = await caughtAsync(() => readMnist(join(dir, 'empty')));
    expect(m).toBeInstanceOf(DataFileError);
    expect(m.code).toBe('DATA_FILE');
    expect(typeof m.details['hint']).toBe('string');
  });

  const fashion = existsSync(join(FASHION_MNIST_DIR, 't10k-images-idx3-ubyte.gz')) || existsSync(join(FASHION_MNIST_DIR, 't10k-images-idx3-ubyte'));
  it.skipIf(!fashion)(
    `reads Fashion-MNIST's test set when installed (skipped: ${FASHION_MNIST_DIR} absent; apt-get install dataset-fashion-mnist)`,
    async () => {
      const d = await readMnist(FASHION_MNIST_DIR, 't10k');
      expect([d.rows, d.cols, d.shape]).toEqual([10_000, 784, [28, 28]]);
      expect(d.labels![0]).toBe(9); // the first t10k item is an ankle boot
      expect(Math.max(...d.images.subarray(0, 784))).toBeGreaterThan(0);
    },
  );
});
