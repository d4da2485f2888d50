/**
 * Twins of every `@example` block in @stochnet/data and @stochnet/data/node:
 * the same code, with the commented outputs asserted.
 */
import { access, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, rbm } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import {
  barsAndStripes,
  binarize,
  binarizeInto,
  curveImage,
  curvePng,
  curveSvg,
  DataFileError,
  DataFormatError,
  digitsSplit,
  encodePng,
  filtersGrid,
  idxDataset,
  imageGrid,
  isGzip,
  loadDigits,
  minibatches,
  parseCsv,
  parseIdx,
  parseIdxDataset,
  prototypeMixture,
  sampleBinary,
  sampleBinaryInto,
  selectRows,
  shuffledIndices,
  shuffledIndicesInto,
  splitDataset,
  splitIndices,
} from '@stochnet/data';
import { readCsvFile, readIdxDataset, readIdxFile, readMnist, writePng, writeSvg } from '@stochnet/data/node';

describe('errors.ts examples', () => {
  it('DataFormatError', () => {
    let seen: unknown[] = [];
    try {
      parseIdx(new Uint8Array([1, 2, 3, 4]), { name: 'x.idx' });
    } catch (e) {
      if (e instanceof DataFormatError) seen = [e.details['reason'], e.details['offset']];
    }
    expect(seen).toEqual(['magic', 0]);
  });
  it('DataFileError', async () => {
    let cause: unknown;
    try {
      await readIdxFile('/no/such/file-idx3-ubyte');
    } catch (e) {
      if (e instanceof DataFileError) cause = e.details['cause'];
    }
    expect(cause).toBe('ENOENT');
  });
});

describe('dataset, digits, shuffle and split examples', () => {
  it('selectRows', () => {
    const firstTwo = selectRows(loadDigits(), [0, 1]);
    expect([firstTwo.rows, Array.from(firstTwo.labels ?? [])]).toEqual([2, [0, 1]]);
  });
  it('loadDigits', () => {
    const d = loadDigits({ binarize: true });
    expect([d.rows, d.cols, d.shape, d.labels[0]]).toEqual([1797, 64, [8, 8], 0]);
  });
  it('digitsSplit', () => {
    const { train, test } = digitsSplit(1, { binarize: true });
    expect([train.rows, test.rows]).toEqual([1500, 297]);
  });
  it('shuffledIndicesInto', () => {
    const out = shuffledIndicesInto(new Uint32Array(5), createRng(1));
    expect(Array.from(out).sort()).toEqual([0, 1, 2, 3, 4]);
  });
  it('shuffledIndices', () => {
    const a = shuffledIndices(10, 42), b = shuffledIndices(10, '42');
    expect(a.join() === b.join()).toBe(true);
  });
  it('splitIndices', () => {
    const s = splitIndices(10, { seed: 1, validation: 2, test: 0.3 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([5, 2, 3]);
  });
  it('splitDataset', () => {
    const { train, validation, test } = splitDataset(loadDigits({ binarize: true }), { seed: 7, validation: 0.1, test: 0.1 });
    expect([train.rows, validation.rows, test.rows]).toEqual([1437, 180, 180]);
  });
});

describe('binarize examples', () => {
  it('binarizeInto', () => {
    expect(Array.from(binarizeInto(new Uint8Array(3), [0, 8, 16], 7))).toEqual([0, 1, 1]);
  });
  it('binarize', () => {
    const b = binarize(loadDigits(), { threshold: 7 });
    expect(b.images.every((x) => x === 0 || x === 1)).toBe(true);
  });
  it('sampleBinaryInto', () => {
    expect(Array.from(sampleBinaryInto(new Uint8Array(2), [0, 16], 16, createRng(1)))).toEqual([0, 1]);
  });
  it('sampleBinary', () => {
    const a = sampleBinary(loadDigits(), { max: 16, seed: 3 });
    const b = sampleBinary(loadDigits(), { max: 16, seed: 3 });
    expect(a.images.every((x, i) => x === b.images[i])).toBe(true);
  });
});

describe('minibatch and synthetic examples', () => {
  it('minibatches', () => {
    const batches = minibatches(loadDigits({ binarize: true }), { batchSize: 100, seed: 1 });
    let rows = 0;
    for (const b of batches.epoch(0)) rows += b.rows;
    expect([batches.batchesPerEpoch, rows]).toEqual([18, 1797]);
  });
  it('barsAndStripes', () => {
    const bs = barsAndStripes(3);
    expect([bs.count, bs.logProb([1, 1, 1, 0, 0, 0, 1, 1, 1]) === -Math.log(14)]).toEqual([14, true]);
    const data = bs.sample(100, 5);
    expect([data.rows, data.cols]).toEqual([100, 9]);
  });
  it('prototypeMixture', () => {
    const mix = prototypeMixture({ shape: [2, 2], prototypes: [1, 1, 0, 0, 0, 0, 1, 1], flip: 0.1 });
    expect(mix.logProb([1, 1, 0, 0]).toFixed(4)).toBe('-1.1144');
    expect([mix.sample(10, 1).rows, mix.table().count]).toEqual([10, 16]);
  });
});

describe('idx and csv examples', () => {
  it('isGzip', () => {
    expect([isGzip(new Uint8Array([0x1f, 0x8b, 8])), isGzip(new Uint8Array([0, 0, 8, 1]))]).toEqual([true, false]);
  });
  it('parseIdx', () => {
    const bytes = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]);
    const idx = parseIdx(bytes);
    expect([idx.dtype, idx.dims, Array.from(idx.data)]).toEqual(['uint8', [3], [7, 8, 9]]);
  });
  it('idxDataset', () => {
    const images = { dtype: 'uint8', dims: [2, 1, 2], data: new Uint8Array([0, 255, 255, 0]) } as const;
    const labels = { dtype: 'uint8', dims: [2], data: new Uint8Array([3, 4]) } as const;
    const d = idxDataset(images, labels);
    expect([d.rows, d.cols, d.shape]).toEqual([2, 2, [1, 2]]);
  });
  it('parseIdxDataset', () => {
    const images = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20]);
    const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]);
    const d = parseIdxDataset(images, labels);
    expect([Array.from(d.images), Array.from(d.labels ?? [])]).toEqual([[10, 20], [7]]);
  });
  it('parseCsv', () => {
    const d = parseCsv('a,b,label\n0,1,3\n1,0,4\n', { labelColumn: 'label' });
    expect([d.rows, d.cols, Array.from(d.images), Array.from(d.labels ?? [])]).toEqual([2, 2, [0, 1, 1, 0], [3, 4]]);
  });
});

describe('picture examples', () => {
  it('imageGrid', () => {
    const grid = imageGrid(loadDigits(), { count: 20, cols: 10, scale: 2 });
    expect([grid.width, grid.height, grid.rgba.length === grid.width * grid.height * 4]).toEqual([171, 35, true]);
  });
  it('filtersGrid', () => {
    const plan = compile(rbm(64, 20, { seed: 1 }));
    const grid = filtersGrid(plan, { cols: 5, scale: 2 });
    expect([grid.width, grid.height]).toEqual([86, 69]);
  });
  it('encodePng', () => {
    const grid = imageGrid(loadDigits(), { count: 10 });
    const png = encodePng(grid.rgba, grid.width, grid.height);
    expect(Array.from(png.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });
  it('curveSvg', () => {
    const svg = curveSvg(
      [{ name: 'train', values: [-40, -30, -25] }, { name: 'test', values: [-41, -33, -29] }],
      { title: 'log-likelihood', xLabel: 'epoch', yLabel: 'nats' },
    );
    expect([svg.startsWith('<svg'), svg.split('<path').length - 1]).toEqual([true, 2]);
  });
  it('curveImage', () => {
    const img = curveImage([{ name: 'loss', values: [3, 2, 1.5, 1.2] }], { width: 320, height: 200 });
    expect([img.width, img.height, img.rgba.length]).toEqual([320, 200, 256000]);
  });
  it('curvePng', () => {
    const png = curvePng([{ name: 'loss', values: [3, 2, 1.5] }]);
    expect([png[0], png.length > 100]).toEqual([137, true]);
  });
});

describe('node entry examples', () => {
  it('readIdxFile', async () => {
    const path = join(tmpdir(), 'stochnet-example-labels-idx1-ubyte');
    await writeFile(path, new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 5, 6]));
    const idx = await readIdxFile(path);
    expect([idx.dims, Array.from(idx.data)]).toEqual([[2], [5, 6]]);
  });
  it('readIdxDataset', async () => {
    const images = join(tmpdir(), 'stochnet-example-images-idx3-ubyte');
    await writeFile(images, new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255]));
    const d = await readIdxDataset(images);
    expect([d.rows, d.shape, Array.from(d.images)]).toEqual([1, [1, 2], [0, 255]]);
  });
  it('readMnist', async () => {
    let isFileError = false;
    try {
      await readMnist('/no/such/folder', 't10k');
    } catch (e) {
      isFileError = e instanceof DataFileError;
    }
    expect(isFileError).toBe(true);
  });
  it('readCsvFile', async () => {
    const path = join(tmpdir(), 'stochnet-example.csv');
    await writeFile(path, '0,1,1\n1,0,0\n');
    const d = await readCsvFile(path, { labelColumn: -1 });
    expect([d.rows, d.cols, Array.from(d.labels ?? [])]).toEqual([2, 2, [1, 0]]);
  });
  it('writePng', async () => {
    const path = join(tmpdir(), 'stochnet-digits.png');
    await writePng(path, imageGrid(loadDigits(), { count: 100, scale: 3 }));
    await expect(access(path)).resolves.toBeUndefined();
  });
  it('writeSvg', async () => {
    const path = join(tmpdir(), 'stochnet-curve.svg');
    await writeSvg(path, curveSvg([{ name: 'train', values: [1, 0.5, 0.25] }]));
    expect((await readFile(path, 'utf8')).startsWith('<svg')).toBe(true);
  });
});
