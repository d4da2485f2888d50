/**
 * The CSV reader: headers, label columns, and bad input with line and column.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '@stochnet/graph';
import { DataFileError, DataFormatError, parseCsv } from '@stochnet/data';
import { readCsvFile } from '@stochnet/data/node';

function caught(f: () => unknown): DataFormatError {
  try {
    f();
  } catch (e) {
    return e as DataFormatError;
  }
  throw new Error('expected a throw');
}

describe('parseCsv', () => {
  it('reads numbers without a header', () => {
    const d = parseCsv('1,2.5,-3\r\n4e2, .5 ,+6\n');
    expect([d.rows, d.cols, d.shape, d.header, d.labels]).toEqual([2, 3, [1, 3], null, null]);
    expect(Array.from(d.images)).toEqual([1, 2.5, -3, 400, 0.5, 6]);
  });

  it('detects a header, takes a label column by name, index or from the end', () => {
    const text = '"x 1",x2,y\n0,1,3\n\n1,0,4\n';
    const byName = parseCsv(text, { labelColumn: 'y' });
    expect(byName.header).toEqual(['x 1', 'x2', 'y']);
    expect(Array.from(byName.labels!)).toEqual([3, 4]);
    expect(Array.from(byName.images)).toEqual([0, 1, 1, 0]);
    expect(Array.from(parseCsv(text, { labelColumn: -1 }).labels!)).toEqual([3, 4]);
    const first = parseCsv(text, { labelColumn: 0 });
    expect(Array.from(first.labels!)).toEqual([0, 1]);
    expect(Array.from(first.images)).toEqual([1, 3, 0, 4]);
    expect(parseCsv('1,2\n3,4\n', { header: true }).rows).toBe(1);
    expect(parseCsv('1;2;3;4\n', { delimiter: ';', shape: [2, 2] }).shape).toEqual([2, 2]);
  });

  it('names line and column of a ragged row', () => {
    const short = caught(() => parseCsv('a,b,c\n1,2,3\n\n4,5\n', { name: 'r.csv' }));
    expect(short).toBeInstanceOf(DataFormatError);
    expect(short.code).toBe('DATA_FORMAT');
    expect(short.details).toMatchObject({ file: 'r.csv', reason: 'ragged', line: 4, column: 3, expected: '3 cells', received: 2 });
    const long = caught(() => parseCsv('1,2\n3,4,5\n'));
    expect(long.details).toMatchObject({ reason: 'ragged', line: 2, column: 3 });
  });

  it('names line and column of a non-numeric cell', () => {
    for (const [text, line, column] of [
      ['1,2\n3,x\n', 2, 2],
      ['1,2\n3,\n', 2, 2],
      ['1,2\n0x10,1\n', 2, 1],
      ['1,2\n1,Infinity\n', 2, 2],
      ['1,2\n1,1e999\n', 2, 2],
    ] as const) {
      const e = caught(() => parseCsv(text, { header: false, name: 'n.csv' }));
      expect(e).toBeInstanceOf(DataFormatError);
      expect(e.details).toMatchObject({ file: 'n.csv', reason: 'not-a-number', line, column });
    }
  });

  it('rejects labels that are not integers 0..255, empty input, and bad options', () => {
    expect(caught(() => parseCsv('1,2.5\n', { labelColumn: 1 })).details).toMatchObject({ reason: 'label', line: 1, column: 2 });
    expect(caught(() => parseCsv('1,256\n', { labelColumn: 1 })).details).toMatchObject({ reason: 'label' });
    expect(caught(() => parseCsv('\n\n')).details).toMatchObject({ reason: 'empty' });
    expect(caught(() => parseCsv('a,b\n')).details).toMatchObject({ reason: 'empty', line: 2 });
    expect(() => parseCsv('1,2\n', { labelColumn: 'z' })).toThrow(ConfigError);
    expect(() => parseCsv('1,2\n', { labelColumn: 2 })).toThrow(ConfigError);
    expect(() => parseCsv('1,2\n', { delimiter: ';;' })).toThrow(ConfigError);
    expect(() => parseCsv('1,2\n', { header: 'yes' as never })).toThrow(ConfigError);
    expect(() => parseCsv('1,2\n', { shape: [3, 1] })).toThrow(ShapeError);
  });
});

describe('readCsvFile (node)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stochnet-csv-'));
    await writeFile(join(dir, 'a.csv'), 'p,q,label\n0,16,3\n8,4,5\n');
    await writeFile(join(dir, 'a.csv.gz'), gzipSync('p,q,label\n0,16,3\n8,4,5\n'));
    await writeFile(join(dir, 'bad.csv'), '1,2\n3,?\n');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads plain and gzip files', async () => {
    for (const name of ['a.csv', 'a.csv.gz']) {
      const d = await readCsvFile(join(dir, name), { labelColumn: 'label' });
      expect(Array.from(d.images)).toEqual([0, 16, 8, 4]);
      expect(Array.from(d.labels!)).toEqual([3, 5]);
    }
  });

  it('names the path in errors', async () => {
    await expect(readCsvFile(join(dir, 'bad.csv'))).rejects.toMatchObject({
      code: 'DATA_FORMAT',
      details: { file: join(dir, 'bad.csv'), line: 2, column: 2 },
    });
    await expect(readCsvFile(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(DataFileError);
  });
});
