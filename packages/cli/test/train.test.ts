/**
 * `stochnet train` in-process: resuming equals an uninterrupted run byte
 * for byte, bad command lines and data leave nothing behind, and every
 * model kind leaves its files.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '@stochnet/cli';
import { barsCsv, capture, cleanup, lines, listing, tempFolder } from './support.js';

afterAll(cleanup);

const TINY = ['--csv', 'bars.csv', '--label-column', 'label', '--samples', '4', '--sweeps', '5'];

async function trainIn(dir: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture(dir);
  const code = await runCli(['train', ...TINY, ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('stochnet train: checkpoints', () => {
  it('a run resumed from its checkpoint writes the same model.json as the uninterrupted run, byte for byte', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    const straight = await trainIn(dir, ['--hidden', '3', '--epochs', '6', '--checkpoint-every', '100', '--out', 'straight']);
    expect(straight.code).toBe(0);
    const chunked = await trainIn(dir, ['--hidden', '3', '--epochs', '6', '--checkpoint-every', '2', '--out', 'chunked']);
    expect(chunked.code).toBe(0);
    const half = await trainIn(dir, ['--hidden', '3', '--epochs', '3', '--out', 'resumed']);
    expect(half.code).toBe(0);
    const firstHalf = await readFile(join(dir, 'resumed', 'model.json'), 'utf8');
    const c = capture(dir);
    expect(await runCli(['train', '--resume', 'resumed/checkpoint.json', '--epochs', '6'], c.io)).toBe(0);
    expect(c.out()).toContain('resuming at epoch 3');
    const want = await readFile(join(dir, 'straight', 'model.json'), 'utf8');
    expect(await readFile(join(dir, 'chunked', 'model.json'), 'utf8')).toBe(want);
    expect(await readFile(join(dir, 'resumed', 'model.json'), 'utf8')).toBe(want);
    // Negative controls: the half-way model and another seed differ.
    expect(firstHalf).not.toBe(want);
    const other = await trainIn(dir, ['--hidden', '3', '--epochs', '6', '--seed', '2', '--out', 'other']);
    expect(other.code).toBe(0);
    expect(await readFile(join(dir, 'other', 'model.json'), 'utf8')).not.toBe(want);
  });

  it('a resumed run refuses flags that come from the checkpoint, and a target it has already reached', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    expect((await trainIn(dir, ['--hidden', '3', '--epochs', '2', '--out', 'run'])).code).toBe(0);
    const before = await readFile(join(dir, 'run', 'model.json'), 'utf8');
    for (const args of [['--lr', '0.1', '--epochs', '4'], ['--epochs', '2']]) {
      const c = capture(dir);
      expect(await runCli(['train', '--resume', 'run/checkpoint.json', ...args], c.io)).toBe(2);
      expect(lines(c.err())).toHaveLength(1);
      expect(c.err()).toContain('[USAGE]');
    }
    expect(await readFile(join(dir, 'run', 'model.json'), 'utf8')).toBe(before);
  });

  it('a corrupt checkpoint: exit 1, one line, nothing written', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'checkpoint.json'), '{"format": "stochnet-train-run", "version": 1}');
    const c = capture(dir);
    expect(await runCli(['train', '--resume', 'checkpoint.json', '--epochs', '3'], c.io)).toBe(1);
    expect(lines(c.err())).toHaveLength(1);
    expect(c.err()).toContain('[SCHEMA]');
    expect(await listing(dir)).toEqual(['checkpoint.json']);
  });
});

describe('stochnet train: bad input leaves nothing behind', () => {
  it('data that is not 0/1 without --binarize: exit 2, one line, no output folder; with --binarize it trains', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'grey.csv'), 'a,b,c,d\n0,0.5,1,0\n1,1,0,0.25\n');
    const c = capture(dir);
    expect(await runCli(['train', '--csv', 'grey.csv', '--hidden', '2', '--epochs', '1', '--out', 'run'], c.io)).toBe(2);
    expect(lines(c.err())).toHaveLength(1);
    expect(c.err()).toContain('--binarize');
    expect(existsSync(join(dir, 'run'))).toBe(false);
    const ok = capture(dir);
    expect(await runCli(['train', '--csv', 'grey.csv', '--binarize', '0.3', '--hidden', '2', '--epochs', '1', '--samples', '2', '--sweeps', '2', '--out', 'run'], ok.io)).toBe(0);
    expect(existsSync(join(dir, 'run', 'model.json'))).toBe(true);
  });

  it('contradictory flags are usage errors (exit 2) before any work', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    for (const args of [['--model', 'sbn', '--method', 'cd-1'], ['--hidden', '3', '--layers', '16,3'], ['--layers', '10,3'], ['--model', 'rbm', '--fine-tune', '3'], ['--method', 'cd-0']]) {
      const r = await trainIn(dir, [...args, '--out', 'run']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(lines(r.err)).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'run'))).toBe(false);
    await writeFile(join(dir, 'afile'), 'not a folder');
    const r = await trainIn(dir, ['--hidden', '2', '--epochs', '1', '--out', 'afile']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out');
    expect(await readFile(join(dir, 'afile'), 'utf8')).toBe('not a folder');
  });
});

describe('stochnet train: progress', () => {
  it('draws a redrawn bar on a terminal and plain lines elsewhere', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    const tty = capture(dir, true);
    expect(await runCli(['train', ...TINY, '--hidden', '2', '--epochs', '3', '--out', 'a'], tty.io)).toBe(0);
    expect(tty.out()).toContain('\r');
    expect(tty.out()).toContain('█');
    const pipe = capture(dir, false);
    expect(await runCli(['train', ...TINY, '--hidden', '2', '--epochs', '3', '--out', 'b'], pipe.io)).toBe(0);
    expect(pipe.out()).not.toContain('\r');
    expect(pipe.out()).not.toContain('█');
    expect(pipe.out()).toContain('train 100%  epoch 3/3');
  });
});

describe('stochnet train: other models', () => {
  it('an sbn by wake-sleep: model, recognition net, exact log-likelihood', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    const r = await trainIn(dir, ['--model', 'sbn', '--hidden', '3', '--method', 'wake-sleep', '--epochs', '2', '--out', 'sbn']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('(exact enumeration)');
    expect(await listing(join(dir, 'sbn'))).toEqual(['curve.png', 'curve.svg', 'filters.png', 'model.json', 'recognition.json', 'samples.png']);
  });

  it('a dbn fine-tuned as a classifier: model, classifier and accuracy', async () => {
    const dir = await tempFolder();
    await barsCsv(dir);
    const r = await trainIn(dir, ['--model', 'dbn', '--layers', '16,6,4', '--epochs', '2', '--fine-tune', '3', '--out', 'dbn']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/training accuracy after fine-tuning: \d\.\d{4}/);
    expect(await listing(join(dir, 'dbn'))).toEqual(['classifier.json', 'curve.png', 'curve.svg', 'filters.png', 'fine-tune.png', 'fine-tune.svg', 'model.json', 'samples.png']);
  });
});
