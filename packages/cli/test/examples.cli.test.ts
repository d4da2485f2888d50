/**
 * Twins of the `@example` blocks of @stochnet/cli: the same code, with the
 * commented outputs asserted.
 */
import { describe, expect, it } from 'vitest';
import { ProgressLine, UsageError, nodeIo, runCli } from '@stochnet/cli';

describe('@stochnet/cli examples', () => {
  it('UsageError', () => {
    const e = new UsageError('--hidden must be a positive integer, got -3', { option: '--hidden', received: '-3' });
    expect([e.code, e.details['option']]).toEqual(['USAGE', '--hidden']);
  });

  it('nodeIo', () => {
    const io = nodeIo();
    expect(io.cwd === process.cwd()).toBe(true);
  });

  it('runCli', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => void out.push(s) }, stderr: { write: (s: string) => void err.push(s) }, cwd: process.cwd() };
    const code = await runCli(['inspect', '--no-such-flag', 'model.json'], io);
    expect([code, err.join('').split('\n').length]).toEqual([2, 2]);
  });

  it('ProgressLine', () => {
    const lines: string[] = [];
    const progress = new ProgressLine({ write: (s: string) => void lines.push(s), isTTY: false }, 'train');
    for (let epoch = 1; epoch <= 20; epoch++) progress.note(epoch / 20, `epoch ${epoch}/20`);
    progress.finish();
    expect([lines.length, lines[0]]).toEqual([10, 'train  10%  epoch 2/20\n']);
  });
});
